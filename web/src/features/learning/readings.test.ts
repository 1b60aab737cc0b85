import { describe, expect, it } from 'vitest';
import { readingsOf } from './readings.ts';

describe('readingsOf', () => {
  it('keeps http(s) links with their site, and folds the title and the why into one plain line', () => {
    expect(
      readingsOf([
        { url: 'https://www.example.org/guia?a=1', title: ' Guía\n de  presupuesto ', snippet: 'Explica\tel método.' },
        { url: 'http://docs.python.org/es/3/', title: null, snippet: null },
      ]),
    ).toEqual([
      {
        url: 'https://www.example.org/guia?a=1',
        title: 'Guía de presupuesto',
        site: 'example.org',
        why: 'Explica el método.',
      },
      { url: 'http://docs.python.org/es/3/', title: 'docs.python.org', site: 'docs.python.org', why: '' },
    ]);
  });

  it('drops what is not an http(s) link, links with credentials, and repeats', () => {
    expect(
      readingsOf([
        { url: 'javascript:alert(1)', title: 'x', snippet: null },
        { url: 'data:text/html,<script>alert(1)</script>', title: 'x', snippet: null },
        { url: 'ftp://example.org/file', title: 'x', snippet: null },
        { url: 'https://user:secret@example.org/', title: 'x', snippet: null },
        { url: 'not a url', title: 'x', snippet: null },
        { url: 'https://example.org/a', title: 'A', snippet: null },
        { url: 'https://example.org/a', title: 'A again', snippet: null },
      ]).map((r) => r.title),
    ).toEqual(['A']);
  });

  it('cuts a long title and why, and keeps markup as text', () => {
    const [reading] = readingsOf([
      { url: 'https://example.org/', title: `<b>${'t'.repeat(300)}</b>`, snippet: 'w'.repeat(500) },
    ]);
    expect(reading?.title.length).toBe(160);
    expect(reading?.title.startsWith('<b>')).toBe(true);
    expect(reading?.title.endsWith('…')).toBe(true);
    expect(reading?.why.length).toBe(240);
  });
});
