import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { credentialsOf, personOfToken } from './request-limit.ts';

const SECRET = 'a-secret-of-this-directus-0123456789';
const NOW = Date.parse('2026-12-07T12:00:00Z');

/** A JWT as Directus signs one (HS256), or with what a test changes. */
function jwt(claims: Record<string, unknown>, { secret = SECRET, alg = 'HS256' } = {}): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
const valid = {
  id: 'user-1',
  role: 'role-1',
  app_access: false,
  admin_access: false,
  iss: 'directus',
  exp: NOW / 1000 + 900,
};

describe('personOfToken', () => {
  it('names the person of an access or session token Directus signed', () => {
    expect(personOfToken(jwt(valid), SECRET, NOW)).toBe('user-1');
    expect(personOfToken(jwt({ ...valid, session: 'abc' }), SECRET, NOW)).toBe('user-1');
  });

  it.each([
    ['signed with another secret', jwt(valid, { secret: 'another-secret' })],
    ['expired', jwt({ ...valid, exp: NOW / 1000 - 1 })],
    ['without an expiry', jwt({ ...valid, exp: undefined })],
    ['of another issuer', jwt({ ...valid, iss: 'someone' })],
    ['without a person (a share)', jwt({ ...valid, id: undefined, share: 'share-1' })],
    ['with alg none', `${jwt(valid, { alg: 'none' }).split('.').slice(0, 2).join('.')}.`],
    ['a static token', 'c0ffee'.repeat(8)],
    ['garbage with dots', 'a.b.c'],
    ['empty', ''],
  ])('is null for a token %s', (_what, token) => {
    expect(personOfToken(token, SECRET, NOW)).toBeNull();
  });

  it('is null when the payload was changed after signing', () => {
    const [header, , signature] = jwt(valid).split('.');
    const forged = Buffer.from(JSON.stringify({ ...valid, id: 'someone-else' })).toString('base64url');
    expect(personOfToken(`${header}.${forged}.${signature}`, SECRET, NOW)).toBeNull();
  });

  it('is null without a secret', () => {
    expect(personOfToken(jwt(valid, { secret: '' }), '', NOW)).toBeNull();
  });
});

describe('credentialsOf', () => {
  const cookie = 'directus_session_token';
  it('reads a Bearer header, the access_token query, then the session cookie', () => {
    expect(credentialsOf({ headers: { authorization: 'Bearer abc.def' } }, cookie)).toBe('abc.def');
    expect(credentialsOf({ headers: { authorization: 'bearer   xyz' } }, cookie)).toBe('xyz');
    expect(credentialsOf({ query: { access_token: 'q' } }, cookie)).toBe('q');
    expect(credentialsOf({ headers: { cookie: `a=1; ${cookie}=s.t=u; b=2` } }, cookie)).toBe('s.t=u');
  });
  it('is null without any', () => {
    expect(credentialsOf({ headers: { authorization: 'Basic abc' } }, cookie)).toBeNull();
    expect(credentialsOf({ headers: { cookie: 'other=1' } }, cookie)).toBeNull();
    expect(credentialsOf({ headers: { cookie: `${cookie}=` } }, cookie)).toBeNull();
    expect(credentialsOf({}, cookie)).toBeNull();
  });
});
