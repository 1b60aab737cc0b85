import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Resolver, readOutboundPolicy } from '@aula/net';
import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckReferenceOptions, checkReferenceUrl } from './check-reference-url.ts';

let emu: Emulator;
// An internal service on another loopback address, which the policy does not allow.
let inside: { url: string; hits: number; close: () => void };
beforeAll(async () => {
  emu = await startProviderEmulator();
  const server = createServer((_req, res) => {
    inside.hits += 1;
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Admin</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  inside = {
    url: `http://127.0.0.2:${(server.address() as AddressInfo).port}`,
    hits: 0,
    close: () => server.close(),
  };
});
afterAll(async () => {
  inside?.close();
  await emu.stop();
});

/** The emulator (127.0.0.1) is the only non-public address these checks may reach. */
const policy = readOutboundPolicy('127.0.0.1');
const names: Resolver = async (hostname) => {
  const table: Record<string, string> = {
    'refs.example': '127.0.0.1',
    'intranet.example': '127.0.0.2',
    'metadata.example': '169.254.169.254',
  };
  const address = table[hostname];
  if (!address) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};
const check = (path: string, options: CheckReferenceOptions = {}) =>
  checkReferenceUrl(`${emu.url}${path}`, { policy, resolve: names, ...options });

describe('checkReferenceUrl', () => {
  it('accepts an HTML page and returns its title', async () => {
    expect(await check('/web/ok/clorofila')).toEqual({
      ok: true,
      finalUrl: `${emu.url}/web/ok/clorofila`,
      title: 'Reference: clorofila',
    });
  });

  it('decodes HTML entities in the title', async () => {
    expect(await check('/web/entities/x')).toMatchObject({ ok: true, title: 'Introducción & práctica' });
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
    const before = emu.requests.length;
    await check('/web/loop/x');
    expect(emu.requests.length - before).toBe(4);
  });

  it('is time-bounded', async () => {
    const started = Date.now();
    expect(await check('/web/slow/x', { timeoutMs: 100 })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reaches a name that resolves to an allowed address', async () => {
    const url = `${emu.url.replace('127.0.0.1', 'refs.example')}/web/ok/x`;
    expect(await checkReferenceUrl(url, { policy, resolve: names })).toMatchObject({ ok: true });
  });

  it.each([
    [
      'a redirect to an internal address',
      () => `${emu.url}/web/redirect/x?to=${encodeURIComponent(inside.url)}`,
      policy,
    ],
    ['a name that resolves to an internal address', () => inside.url.replace('127.0.0.2', 'intranet.example'), policy],
    ['an internal address', () => inside.url, policy],
    ['the emulator itself when no policy allows it', () => `${emu.url}/web/ok/x`, undefined],
  ])('refuses %s without reaching it', async (_what, url, allowed) => {
    const before = inside.hits;
    expect(await checkReferenceUrl(url(), { resolve: names, ...(allowed ? { policy: allowed } : {}) })).toMatchObject({
      ok: false,
      reason: 'private_host',
    });
    expect(inside.hits).toBe(before);
  });

  it.each([
    ['not a url', 'invalid_url'],
    ['ftp://example.org/file', 'unsupported_scheme'],
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['http://127.0.0.2:1/x', 'private_host'],
    ['http://[::1]/x', 'private_host'],
    ['http://192.168.1.10/x', 'private_host'],
    ['http://169.254.169.254/latest/meta-data/', 'private_host'],
    ['http://metadata.example/latest/meta-data/', 'private_host'],
  ])('%s → %s', async (url, reason) => {
    expect(await checkReferenceUrl(url, { policy, resolve: names })).toMatchObject({ ok: false, reason });
  });

  it('never throws: network failures are a reason', async () => {
    expect(await checkReferenceUrl('https://nowhere.example', { policy, resolve: names })).toMatchObject({
      ok: false,
      reason: 'network_error',
    });
  });
});
