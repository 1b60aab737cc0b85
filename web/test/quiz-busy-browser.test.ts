import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningDirectus, startDirectus } from '@aula/directus-server';
import { accessToken, deleteRedisKeys, freePort, type RunningWeb, startWeb } from '@aula/test-stack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserForFile, newContext } from './browser.ts';
import { DEMO_PATH, newStudent } from './student.ts';

/**
 * A quiz submitted while the learner is over their request limit (a 429 from Directus): the form says
 * so calmly and sends the same answers again after Retry-After, and exactly one attempt is stored.
 * A Directus of its own on the stack's database counts 60 requests per person per 10 s (a window long
 * enough that the test's burst, then the click, land in it for sure), and a web server of its own.
 * The burst re-reads one page, which Directus's response cache answers: it is counted all the same
 * (aula-accounts counts a token Directus signed before the cache; it once was not, and this test failed).
 */
const browser = browserForFile();
let directus: RunningDirectus;
let web: RunningWeb;
let uploads: string;
const redisPrefix = `aula-test-busy-${randomBytes(4).toString('hex')}:`;

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
    userRateLimitPoints: 60,
    anonymousRateLimitPoints: 1_000,
    rateLimitPoints: 5_000,
    uploadsDir: uploads,
    extraEnv: { AULA_RATE_LIMIT_WINDOW_SECONDS: '10', PRESSURE_LIMITER_ENABLED: 'false' },
  });
  web = await startWeb({ directusUrl: directus.url });
}, 180_000);

afterAll(async () => {
  await web?.stop();
  await directus?.stop();
  await deleteRedisKeys(inject('stack').redisUrl, redisPrefix);
  if (uploads) rmSync(uploads, { recursive: true, force: true });
});

describe('a quiz refused for too many requests', () => {
  it('says "Hay mucha actividad; reintentando…", sends itself again after Retry-After, and is marked once', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const student = newStudent('Ocupada');
    await page.goto(`${web.url}/registro`);
    await page.getByLabel('Nombre', { exact: true }).fill(student.name);
    await page.getByLabel('Correo electrónico', { exact: true }).fill(student.email);
    await page.getByLabel('Contraseña', { exact: true }).fill(student.password);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.waitForURL(`${web.url}/mis-cursos`);
    await page.goto(`${web.url}${DEMO_PATH}`);
    await page.getByRole('button', { name: 'Inscribirme en el curso' }).click();
    await page.waitForURL(`**${DEMO_PATH}/lecciones/**`);
    await page.locator('#lesson-body').waitFor();
    const groups = page.getByRole('group', { name: /^Pregunta \d+ de \d+/ });
    await groups.first().waitFor();
    for (const group of await groups.all()) await group.getByRole('radio').first().check();

    // The learner's budget used up (as a runaway tab of theirs would), in a window with at least 6 s
    // left for the click to land in it. The window starts at the learner's first counted request, not
    // on the clock: a burst that straddles its end can be all allowed, so it is tried again.
    const token = await accessToken(directus.url, student);
    let refused = 0;
    // Each round's answers (status × count, the shortest Retry-After, how long the burst took), for the
    // failure message.
    const rounds: string[] = [];
    for (let round = 0; round < 6 && refused === 0; round++) {
      const started = Date.now();
      const burst = await Promise.all(
        Array.from({ length: 80 }, () =>
          fetch(`${directus.url}/users/me?fields=id`, { headers: { authorization: `Bearer ${token}` } }).then((r) => ({
            status: r.status,
            retryAfter: Number(r.headers.get('retry-after') ?? 0),
          })),
        ),
      );
      const tooMany = burst.filter((answer) => answer.status === 429);
      const left = Math.min(...tooMany.map((answer) => answer.retryAfter));
      const counts = new Map<number, number>();
      for (const { status } of burst) counts.set(status, (counts.get(status) ?? 0) + 1);
      rounds.push(
        `${[...counts].map(([status, n]) => `${status}×${n}`).join(' ')} retry-after ${left} in ${Date.now() - started} ms`,
      );
      if (tooMany.length > 0 && left >= 6) refused = tooMany.length;
      // Refused near the window's end: wait for the next window and use it up afresh.
      else if (tooMany.length > 0) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
    }
    expect(refused, `bursts: ${rounds.join('; ')}`).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Enviar respuestas' }).click();
    const busy = page.getByRole('status').filter({ hasText: 'Hay mucha actividad; reintentando…' });
    await busy.waitFor({ timeout: 10_000 });
    // No error shown meanwhile, and the answers stay chosen.
    expect(await page.getByRole('alert').filter({ hasText: 'No hemos podido' }).count()).toBe(0);
    for (const group of await groups.all()) expect(await group.getByRole('radio').first().isChecked()).toBe(true);
    await page.getByRole('heading', { name: 'Tu resultado' }).waitFor({ timeout: 25_000 });

    const admin = await accessToken(directus.url, inject('web').admin);
    const attempts = await (
      await fetch(
        `${directus.url}/items/quiz_attempts?filter[user][email][_eq]=${encodeURIComponent(student.email)}&fields=id`,
        {
          headers: { authorization: `Bearer ${admin}` },
        },
      )
    ).json();
    expect(attempts.data).toHaveLength(1);
    await context.close();
  }, 90_000);
});
