import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, resolveLocale } from './accept-language.ts';

describe('fromAcceptLanguage', () => {
  it.each([
    [null, 'es'],
    ['', 'es'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['es-ES,es;q=0.9,en;q=0.8', 'es'],
    ['en-GB;q=0.8, es;q=0.9', 'es'],
    ['fr-FR,fr;q=0.9,en;q=0.5', 'en'],
    ['fr, de', 'es'],
    ['*', 'es'],
    ['en;q=0, es;q=0.1', 'es'],
    ['en;q=0', 'es'],
    ['EN-us', 'en'],
    ['en;q=abc, es;q=0.2', 'es'],
    ['es;q=0.5, en;q=0.5', 'es'],
    ['en;q=0.5, es;q=0.5', 'en'],
    ['en;q=2', 'es'],
  ])('%j → %s', (header, locale) => {
    expect(fromAcceptLanguage(header)).toBe(locale);
  });
});

describe('resolveLocale', () => {
  it('keeps the person’s choice over the browser’s languages', () => {
    expect(resolveLocale('es', 'en-US,en')).toBe('es');
    expect(resolveLocale('en', 'es')).toBe('en');
  });
  it('follows the browser when there is no valid choice', () => {
    expect(resolveLocale(undefined, 'en-US,en')).toBe('en');
    expect(resolveLocale('fr', 'en-US,en')).toBe('en');
    expect(resolveLocale(undefined, undefined)).toBe('es');
  });
});
