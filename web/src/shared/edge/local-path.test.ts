import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localPath } from './local-path.ts';

const SITE = 'https://aula.example';

const controlOrBackslash = (char: string) => {
  const code = char.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || char === '\\';
};

/** Where a browser goes when this site answers `Location: <path>` to a request for `from`. */
const followed = (path: string, from = `${SITE}/entrar?next=x`) => new URL(path, from);

describe('localPath: known tricks', () => {
  it.each([
    ['/mis-cursos', '/mis-cursos'],
    ['/cursos/x?aviso=1#quiz', '/cursos/x?aviso=1#quiz'],
    ['/cursos/../mis-cursos', '/mis-cursos'],
    ['/cursos/caf%C3%A9', '/cursos/caf%C3%A9'],
    ['/a b', '/a%20b'],
    ['https://evil.example/', null],
    ['//evil.example/', null],
    ['///evil.example/', null],
    ['/\\evil.example/', null],
    ['\\\\evil.example', null],
    ['/.//evil.example', null],
    ['/./\\evil.example', null],
    ['/a/..//evil.example', null],
    ['/%2F%2Fevil.example', null],
    ['/%2f/evil.example', null],
    ['/%5Cevil.example', null],
    ['/%5c%5cevil.example', null],
    ['/\t/evil.example', null],
    ['/\n/evil.example', null],
    ['/\r//evil.example', null],
    ['/\u0000/evil.example', null],
    ['/\u0085/evil.example', null],
    [' //evil.example', null],
    ['javascript:alert(1)', null],
    ['/javascript:alert(1)', '/javascript:alert(1)'],
    ['data:text/html,x', null],
    ['http:/evil.example', null],
    ['https:evil.example', null],
    ['mis-cursos', null],
    ['', null],
    ['/%', null],
    [undefined, null],
    [42, null],
  ])('localPath(%j) = %j', (value, path) => {
    expect(localPath(value)).toBe(path);
  });

  it.each([
    [`${SITE}/cursos/x?y=1`, '/cursos/x?y=1'],
    [`${SITE}//evil.example/`, null],
    ['https://aula.example.evil.example/', null],
    ['http://aula.example/', null],
    ['https://evil.example/', null],
  ])('a Referer %j of the site %s is its path', (referer, path) => {
    expect(localPath(referer, [SITE])).toBe(path);
  });
});

// Strings made of the characters open-redirect tricks are built from.
const trickChars = fc.constantFrom(
  '/',
  '\\',
  '.',
  ':',
  '@',
  '%',
  '2',
  'f',
  'F',
  '5',
  'c',
  '?',
  '#',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u0000',
  'e',
  'v',
  'l',
  'x',
  'h',
  't',
  'p',
  's',
);
const trickString = fc.array(trickChars, { maxLength: 24 }).map((chars) => chars.join(''));
const anything = fc.oneof(
  trickString,
  trickString.map((s) => `/${s}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webPath().map((path) => `/${path}`),
);

describe('localPath: properties', () => {
  it('never leads off the site, from any page of it', () => {
    fc.assert(
      fc.property(anything, fc.webPath(), (value, from) => {
        const path = localPath(value);
        if (path === null) return;
        expect(followed(path, `${SITE}/${from.replace(/^\/+/, '')}`).origin).toBe(SITE);
        expect(path.startsWith('/')).toBe(true);
        expect(path.startsWith('//')).toBe(false);
        expect([...path].some(controlOrBackslash)).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });

  it('is stable: what it returns it returns again', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const path = localPath(value);
        if (path !== null) expect(localPath(path)).toBe(path);
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps every ordinary path of the site (no encoded controls, backslashes or leading slashes)', () => {
    const ordinary = fc
      .webPath()
      .map((path) => `/${path.replace(/^\/+/, '')}`)
      .filter((path) => {
        const decoded = decodeURIComponent(new URL(path, SITE).pathname);
        return !decoded.startsWith('//') && ![...decoded].some(controlOrBackslash);
      });
    fc.assert(
      fc.property(ordinary, (path) => {
        expect(localPath(path)).toBe(new URL(path, SITE).pathname);
      }),
    );
  });

  it('takes a full URL only of an origin of the site', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), (url) => {
        const path = localPath(url, [SITE]);
        if (new URL(url).origin !== SITE) expect(path).toBeNull();
      }),
    );
  });
});
