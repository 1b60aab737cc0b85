import { describe, expect, it } from 'vitest';
import { catalogueHref, hasFilters, parseCatalogueFilters } from './catalogue-filters.ts';

describe('parseCatalogueFilters', () => {
  it.each([
    [{}, { q: '', language: undefined, level: undefined }],
    [{ q: '  python ' }, { q: 'python', language: undefined, level: undefined }],
    [
      { q: ['a', 'b'], language: 'en', level: 'advanced' },
      { q: 'a', language: 'en', level: 'advanced' },
    ],
    [
      { language: 'fr', level: 'expert' },
      { q: '', language: undefined, level: undefined },
    ],
    [
      { language: '', level: '' },
      { q: '', language: undefined, level: undefined },
    ],
    [{ q: 'x'.repeat(101) }, { q: '', language: undefined, level: undefined }],
  ])('%j → %j', (params, expected) => {
    expect(parseCatalogueFilters(params)).toEqual(expected);
  });

  it('knows when any filter is set', () => {
    expect(hasFilters(parseCatalogueFilters({}))).toBe(false);
    expect(hasFilters(parseCatalogueFilters({ level: 'beginner' }))).toBe(true);
  });
});

describe('catalogueHref', () => {
  it.each([
    [{}, '/'],
    [{ q: 'python' }, '/?q=python'],
    [{ q: 'c++ y más', language: 'es', level: 'beginner' }, '/?q=c%2B%2B+y+m%C3%A1s&language=es&level=beginner'],
  ])('%j → %s', (params, href) => {
    expect(catalogueHref(parseCatalogueFilters(params))).toBe(href);
  });
});
