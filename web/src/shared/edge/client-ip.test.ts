import { afterEach, expect, it } from 'vitest';
import { clientIp } from './client-ip.ts';
import { markEdge } from './edge-marker.ts';

const EDGE = Symbol.for('aula.web.edge');
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[EDGE];
});

it.each([
  [{ 'x-forwarded-for': '203.0.113.7' }, '203.0.113.7'],
  [{ 'x-forwarded-for': '2001:db8::1' }, '2001:db8::1'],
  [{ 'x-forwarded-for': 'not-an-ip' }, undefined],
  // The edge writes one address; a list means it did not write this header.
  [{ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }, undefined],
  [{ 'x-real-ip': '198.51.100.2' }, undefined],
])('behind web/server.ts, clientIp(%j) = %j', (headers, ip) => {
  markEdge();
  expect(clientIp(new Headers(headers as Record<string, string>))).toBe(ip);
});

it('without web/server.ts in front believes no header at all', () => {
  expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.7' }))).toBeUndefined();
});
