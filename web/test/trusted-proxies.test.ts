import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RunningDirectus, startDirectus } from '@aula/directus-server';
import { accessToken, deleteRedisKeys, freePort, type RunningWeb, startWeb, TEST_PASSWORD } from '@aula/test-stack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { burst, requestFrom } from './from-address.ts';

// Who is calling, tried from other machines: 127.0.0.2 is someone on the internet, 127.0.0.3 a proxy
// configured as trusted (AULA_TRUSTED_PROXIES). The web server and this test's own set-up calls come
// from 127.0.0.1, the web server's hop, which Directus trusts.
const STRANGER = '127.0.0.2';
const PROXY = '127.0.0.3';
/** Directus's requests per second per address here (50 in production): low enough to reach in a burst. */
const POINTS = 8;
const BURST = POINTS * 3;

const madeUp = (i: number) => `198.51.100.${i + 1}`;
const only429 = (statuses: number[]) => statuses.filter((s) => s === 429).length;

let directus: RunningDirectus;
let web: RunningWeb;
let uploads: string;
const redisPrefix = `aula-test-proxies-${randomBytes(4).toString('hex')}:`;
let token: string;

// A second Directus on the test stack's database (the stack's own allows 5,000 requests a second and
// its set-up needs them), with Directus's per-address limit low and the trust as npm start sets it.
beforeAll(async () => {
  const { databaseUrl, redisUrl } = inject('stack');
  const port = await freePort();
  uploads = mkdtempSync(join(tmpdir(), 'aula-uploads-'));
  directus = await startDirectus({
    host: '127.0.0.1',
    port,
    publicUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    redisUrl,
    redisPrefix,
    key: randomBytes(16).toString('hex'),
    secret: randomBytes(32).toString('hex'),
    adminEmail: inject('web').admin.email,
    adminPassword: inject('web').admin.password,
    rateLimitPoints: POINTS,
    uploadsDir: uploads,
    trustedProxies: ['127.0.0.1', PROXY],
  });
  web = await startWeb({ directusUrl: directus.url, env: { AULA_TRUSTED_PROXIES: PROXY } });
  token = await accessToken(directus.url, { email: 'student@example.com', password: TEST_PASSWORD });
}, 180_000);

afterAll(async () => {
  await web?.stop();
  await directus?.stop();
  await deleteRedisKeys(inject('stack').redisUrl, redisPrefix);
  if (uploads) rmSync(uploads, { recursive: true, force: true });
});

/** A fresh second for Directus's limiter (its window is one second). */
const nextWindow = () => sleep(1_100);

describe("Directus's per-address limit, called directly", () => {
  const ping = (from: string, forwardedFor: string) =>
    requestFrom(from, `${directus.url}/server/ping`, { headers: { 'x-forwarded-for': forwardedFor } });

  it('is not escaped by a made-up X-Forwarded-For', async () => {
    await nextWindow();
    const statuses = await burst(BURST, (i) => ping(STRANGER, madeUp(i)));
    expect(only429(statuses), statuses.join(' ')).toBeGreaterThan(0);
  });

  it("counts a trusted proxy's X-Forwarded-For as the person's address", async () => {
    await nextWindow();
    // Each person a request of their own: nobody is over the limit.
    expect(only429(await burst(BURST, (i) => ping(PROXY, madeUp(i))))).toBe(0);
    await nextWindow();
    // One person behind the proxy asking too often is limited, not the proxy.
    expect(only429(await burst(BURST, () => ping(PROXY, '203.0.113.7')))).toBeGreaterThan(0);
  });
});

describe("Directus's per-address limit, through the web server", () => {
  // A student's call that the web server makes to Directus with the caller's address.
  const conversations = (from: string, forwardedFor: string) =>
    requestFrom(from, `${web.url}/api/tutor/conversations?lessonId=${randomUUID()}`, {
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor },
    });

  it('is not escaped by a made-up X-Forwarded-For', async () => {
    await nextWindow();
    const statuses = await burst(BURST, (i) => conversations(STRANGER, madeUp(i)));
    expect(only429(statuses), statuses.join(' ')).toBeGreaterThan(0);
  });

  it('counts the person a trusted proxy names, each on their own', async () => {
    await nextWindow();
    const statuses = await burst(BURST, (i) => conversations(PROXY, madeUp(i)));
    expect(only429(statuses), statuses.join(' ')).toBe(0);
    await nextWindow();
    const one = await burst(BURST, () => conversations(PROXY, '203.0.113.7'));
    expect(only429(one), one.join(' ')).toBeGreaterThan(0);
  });
});

describe('X-Forwarded-Host and -Proto', () => {
  const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

  it("are ignored from anyone but a trusted proxy: redirects stay on the Host, cookies aren't Secure", async () => {
    const host = new URL(web.url).host;
    const page = await requestFrom(STRANGER, `${web.url}/mis-cursos`, { headers: forged });
    expect(page.status).toBe(307);
    expect(new URL(String(page.headers.location), web.url).href).toBe(`http://${host}/entrar?next=%2Fmis-cursos`);
    const out = await requestFrom(STRANGER, `${web.url}/salir`, { method: 'POST', headers: forged });
    expect(out.status).toBe(303);
    const cookies = [out.headers['set-cookie'] ?? []].flat();
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).not.toMatch(/; Secure/i);
  });

  it('are believed from a trusted proxy: redirects to the public host, cookies Secure', async () => {
    const headers = {
      'x-forwarded-host': 'aula.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '203.0.113.7',
    };
    const page = await requestFrom(PROXY, `${web.url}/mis-cursos`, { headers });
    expect(page.status).toBe(307);
    expect(page.headers.location).toBe('https://aula.example/entrar?next=%2Fmis-cursos');
    const out = await requestFrom(PROXY, `${web.url}/salir`, { method: 'POST', headers });
    expect(out.status).toBe(303);
    const cookies = [out.headers['set-cookie'] ?? []].flat();
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure; HttpOnly; SameSite=lax/i);
  });
});
