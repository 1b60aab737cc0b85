import { describe, expect, it } from 'vitest';
import { refuseCrossSite } from './cross-site.ts';

const SITE = 'https://aula.example';
const json = { 'content-type': 'application/json', 'content-length': '2' };

const rows: [string, string, string, Record<string, string>, 403 | 415 | null][] = [
  ['a page read', 'GET', '/mis-cursos', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, null],
  ['a form of the site', 'POST', '/entrar', { 'sec-fetch-site': 'same-origin', origin: SITE }, null],
  [
    'a form of another site',
    'POST',
    '/entrar',
    { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    403,
  ],
  ['a sibling subdomain', 'POST', '/salir', { 'sec-fetch-site': 'same-site', origin: 'https://x.aula.example' }, 403],
  ['Sec-Fetch-Site alone, cross-site', 'POST', '/salir', { 'sec-fetch-site': 'cross-site' }, 403],
  ['typed by the person', 'POST', '/salir', { 'sec-fetch-site': 'none' }, null],
  [
    'same-origin with a foreign Origin',
    'POST',
    '/salir',
    { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' },
    403,
  ],
  ['Origin alone, ours', 'POST', '/salir', { origin: SITE }, null],
  [
    'Origin alone, ours over http behind an untrusted TLS proxy',
    'POST',
    '/salir',
    { origin: 'http://aula.example' },
    null,
  ],
  ['Origin alone, another site', 'POST', '/salir', { origin: 'https://evil.example' }, 403],
  ['Origin null (a sandboxed frame)', 'POST', '/salir', { origin: 'null' }, 403],
  ['Origin of a look-alike host', 'POST', '/salir', { origin: 'https://aula.example.evil.example' }, 403],
  ['Referer alone, another site', 'POST', '/salir', { referer: 'https://evil.example/page' }, 403],
  ['Referer alone, ours', 'POST', '/salir', { referer: `${SITE}/cursos/x` }, null],
  ['no browser at all (curl, a Bearer token)', 'POST', '/api/tutor/messages', json, null],
  [
    'a JSON route, JSON, same origin',
    'PATCH',
    '/api/studio/lessons/1',
    { ...json, 'sec-fetch-site': 'same-origin' },
    null,
  ],
  [
    'a JSON route sent as text/plain',
    'POST',
    '/api/tutor/messages',
    { 'content-type': 'text/plain', 'content-length': '2' },
    415,
  ],
  [
    'a JSON route sent as a form',
    'POST',
    '/api/studio/preview',
    { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3', origin: SITE },
    415,
  ],
  [
    'a JSON route with a charset',
    'POST',
    '/api/studio/preview',
    { 'content-type': 'application/json; charset=utf-8', 'content-length': '2' },
    null,
  ],
  ['a JSON route, chunked, no type', 'POST', '/api/studio/preview', { 'transfer-encoding': 'chunked' }, 415],
  ['a JSON route without a body', 'POST', '/api/studio/runs/1/cancel', { 'content-length': '0', origin: SITE }, null],
  [
    'cross-site text/plain to a JSON route is a 403 first',
    'POST',
    '/api/tutor/messages',
    { 'content-type': 'text/plain', 'content-length': '2', origin: 'https://evil.example' },
    403,
  ],
  [
    'a server action (text/plain body) of the site',
    'POST',
    '/cursos/x',
    {
      'content-type': 'text/plain;charset=UTF-8',
      'content-length': '9',
      'next-action': 'abc',
      origin: SITE,
      'sec-fetch-site': 'same-origin',
    },
    null,
  ],
  ['a DELETE from another site', 'DELETE', '/api/studio/lessons/1', { origin: 'https://evil.example' }, 403],
];

describe('refuseCrossSite', () => {
  it.each(rows)('%s: %s %s → %s', (_name, method, pathname, headers, status) => {
    const refusal = refuseCrossSite({ method, pathname, headers: new Headers(headers), origins: [SITE] });
    expect(refusal?.status ?? null).toBe(status);
  });
});
