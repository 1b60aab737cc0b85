import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderEmulator } from './provider-emulator.ts';
import type { Emulator } from './types.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());

describe('static web', () => {
  it.each([
    ['/web/ok/intro', 200, /<title>Reference: intro<\/title>/],
    ['/web/parked/cheap-domain.com', 200, /This domain is for sale/],
    ['/web/missing/x', 404, /Not Found/],
    ['/web/login', 200, /Sign in/],
    ['/web/entities/x', 200, /<title>Introducci&oacute;n &amp; pr&#225;ctica<\/title>/],
  ])('%s → %i', async (path, status, text) => {
    const res = await fetch(`${emu.url}${path}`);
    expect(res.status).toBe(status);
    expect(await res.text()).toMatch(text);
  });

  it('redirects to a login page', async () => {
    const res = await fetch(`${emu.url}/web/login-redirect/course`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/web/login?next=%2Fweb%2Fok%2Fcourse');
  });

  it('redirects where it is told', async () => {
    const res = await fetch(`${emu.url}/web/redirect/x?to=${encodeURIComponent('http://127.0.0.2:9/')}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://127.0.0.2:9/');
  });

  it('stop() closes open sockets', async () => {
    const other = await startProviderEmulator();
    const pending = fetch(`${other.url}/web/slow/x`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await other.stop();
    expect(await pending).toBeInstanceOf(Error);
  });
});
