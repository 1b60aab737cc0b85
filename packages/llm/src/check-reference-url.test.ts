import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReferenceUrl } from './check-reference-url.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());

const check = (path: string, options = {}) =>
  checkReferenceUrl(`${emu.url}${path}`, { allowPrivateHosts: true, ...options });

describe('checkReferenceUrl', () => {
  it('accepts an HTML page and returns its title', async () => {
    expect(await check('/web/ok/clorofila')).toEqual({
      ok: true,
      finalUrl: `${emu.url}/web/ok/clorofila`,
      title: 'Reference: clorofila',
    });
  });

  it.each([
    ['/web/login-redirect/curso', 'login_page'],
    ['/web/parked/barato.com', 'parked_domain'],
    ['/web/missing/x', 'http_error'],
    ['/web/file/x.pdf', 'not_html'],
    ['/web/loop/x', 'too_many_redirects'],
    ['/web/login', 'login_page'],
  ])('%s → %s', async (path, reason) => {
    const result = await check(path);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('reports the status of HTTP errors', async () => {
    expect(await check('/web/missing/x')).toMatchObject({ status: 404 });
  });

  it('follows at most 3 redirects', async () => {
    const hops: string[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      hops.push(String(input));
      return fetch(input, init);
    };
    await check('/web/loop/x', { fetch: fetchSpy });
    expect(hops).toHaveLength(4);
  });

  it('is time-bounded', async () => {
    const started = Date.now();
    expect(await check('/web/slow/x', { timeoutMs: 100 })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it.each([
    ['not a url', 'invalid_url'],
    ['ftp://example.org/file', 'unsupported_scheme'],
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['http://127.0.0.1:1/x', 'private_host'],
    ['http://[::1]/x', 'private_host'],
    ['http://192.168.1.10/x', 'private_host'],
    ['http://intranet.local/x', 'private_host'],
  ])('%s → %s without fetching', async (url, reason) => {
    const fetchSpy = () => Promise.reject(new Error('must not fetch'));
    expect(await checkReferenceUrl(url, { fetch: fetchSpy })).toMatchObject({ ok: false, reason });
  });

  it('never throws: network failures are a reason', async () => {
    const failing = () => Promise.reject(new TypeError('fetch failed'));
    expect(await checkReferenceUrl('https://example.org', { fetch: failing })).toMatchObject({
      ok: false,
      reason: 'network_error',
    });
  });
});
