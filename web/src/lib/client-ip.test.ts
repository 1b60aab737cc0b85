import { expect, it } from 'vitest';
import { clientIp } from './client-ip.ts';

it.each([
  [{ 'x-forwarded-for': '203.0.113.7' }, '203.0.113.7'],
  [{ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }, '203.0.113.7'],
  [{ 'x-forwarded-for': '2001:db8::1' }, '2001:db8::1'],
  [{ 'x-forwarded-for': 'not-an-ip', 'x-real-ip': '198.51.100.2' }, '198.51.100.2'],
  [{ 'x-forwarded-for': 'evil, 203.0.113.7' }, undefined],
  [{}, undefined],
])('%j → %s', (headers, ip) => {
  expect(clientIp(new Headers(headers as Record<string, string>))).toBe(ip);
});
