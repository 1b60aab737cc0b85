import { describe, expect, it } from 'vitest';
import { clearSession, needsRefresh, writeSession } from './session.ts';

const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;

describe('session cookies', () => {
  it('keeps both tokens httpOnly and SameSite=Lax, Secure on https, the access one as long as it lives', () => {
    const set: [string, string, object][] = [];
    const jar = { set: (name: string, value: string, options: object) => set.push([name, value, options]) };
    writeSession(jar, { accessToken: 'a', refreshToken: 'r', expiresMs: 900_000 }, { secure: true });
    expect(set).toEqual([
      ['aula_access', 'a', { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 900 }],
      ['aula_refresh', 'r', { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 604_800 }],
    ]);
    set.length = 0;
    clearSession(jar, { secure: false });
    expect(set.map(([name, value, options]) => [name, value, (options as { maxAge: number }).maxAge])).toEqual([
      ['aula_access', '', 0],
      ['aula_refresh', '', 0],
    ]);
  });
});

describe('needsRefresh', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const inSeconds = (s: number) => Math.floor(now / 1000) + s;
  it.each([
    [undefined, true],
    ['', true],
    ['not-a-jwt', true],
    ['h.!!!.s', true],
    [jwt({ id: 'u' }), true],
    [jwt({ exp: inSeconds(10) }), true],
    [jwt({ exp: inSeconds(-60) }), true],
    [jwt({ exp: inSeconds(600) }), false],
  ])('%s → %s', (token, expected) => {
    expect(needsRefresh(token, now)).toBe(expected);
  });
});
