import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SeedUser, setup } from '@aula/data/setup';
import { bootstrapDirectus, type DirectusConfig, type RunningDirectus, startDirectus } from '@aula/directus-server';
import { freePort } from '@aula/process';
import { Redis } from 'ioredis';
import pg from 'pg';
import { forgetRedisOf, rememberRedisOf } from './redis-of.ts';

export { freePort } from '@aula/process';
export { type AnalyticsSeed, seedAnalyticsBulk, seedAnalyticsCourse } from './analytics-seed.ts';
export { assertWebBuilt, type RunningWeb, startWeb } from './web.ts';
export { type RunningWorkers, startWorkers } from './workers.ts';

/** Removes every key under `prefix` (a test run's own keys), in batches. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Holds `table` against writes until the returned function is called: a SHARE lock in an open
 * transaction, so reads go on and every insert waits. For tests that must see what happens before a
 * row can possibly be stored (a clock comparison cannot tell two events in the same millisecond apart).
 */
export async function holdWrites(databaseUrl: string, table: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`lock table ${client.escapeIdentifier(table)} in share mode`);
  } catch (error) {
    await client.end();
    throw error;
  }
  return async () => {
    try {
      await client.query('rollback');
    } finally {
      await client.end();
    }
  };
}

export const TEST_PASSWORD = 'Test-Password-2026!';

/** A Directus access token for one of the stack's people, signed in with their e-mail and password. */
export async function accessToken(url: string, person: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (!res.ok) throw new Error(`signing in ${person.email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: { access_token: string } }).data.access_token;
}

export type TestStack = {
  url: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  admin: { email: string; password: string };
  users: SeedUser[];
  /** The key the web server sends to store the tutor's answers. */
  tutorServiceKey: string;
  /** How this Directus was configured (for the CLI: `setUserPassword`). */
  config: DirectusConfig;
  /** What the first set-up (on the empty database) changed. */
  firstSetup: string[];
  rerunSetup: () => Promise<string[]>;
  stop: () => Promise<void>;
};

/**
 * Directus on a database of its own (created on the machine's PostgreSQL, dropped on stop), a Redis
 * key prefix of its own, a free port, set up with the same command `npm start` runs.
 */
export async function startTestStack(
  options: { env?: Record<string, string>; verifyEmail?: boolean; trustedProxies?: string[] } = {},
): Promise<TestStack> {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const serverUrl = process.env.AULA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `aula_test_${id}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${database}`;

  const port = await freePort();
  const adminUser = { email: 'admin@example.com', password: TEST_PASSWORD };
  const config: DirectusConfig = {
    host: '127.0.0.1',
    port,
    publicUrl: `http://127.0.0.1:${port}`,
    databaseUrl: databaseUrl.toString(),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `aula-test-${id}:`,
    key: randomBytes(16).toString('hex'),
    secret: randomBytes(32).toString('hex'),
    adminEmail: adminUser.email,
    adminPassword: adminUser.password,
    rateLimitPoints: 5_000,
    userRateLimitPoints: 5_000,
    anonymousRateLimitPoints: 5_000,
    uploadsDir: mkdtempSync(join(tmpdir(), 'aula-uploads-')),
    tutorServiceKey: randomBytes(24).toString('hex'),
    extraEnv: {
      // Directus answers 503 "Under pressure" while its event loop lags over 500 ms, which a loaded
      // 2-core test machine (Directus, Next.js, workers and Chromium at once) reaches at random: a
      // production safeguard, not what these tests are about. npm start and production keep it on.
      PRESSURE_LIMITER_ENABLED: 'false',
      // Every test's traffic comes from 127.0.0.1: the per-address limits are exercised (low) by
      // accounts.test.ts only.
      AULA_LOGIN_ADDRESS_FREE_FAILURES: '10000',
      AULA_SIGNUP_PER_ADDRESS_PER_HOUR: '10000',
      AULA_SIGNUP_PER_HOUR: '10000',
      ...options.env,
    },
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
  };
  const users: SeedUser[] = [
    { email: 'editor@example.com', password: TEST_PASSWORD, firstName: 'Elena', role: 'contentManager' },
    { email: 'student@example.com', password: TEST_PASSWORD, firstName: 'Sofía', role: 'student' },
    { email: 'student2@example.com', password: TEST_PASSWORD, firstName: 'Mateo', role: 'student' },
    {
      email: 'generator@example.com',
      token: randomBytes(24).toString('hex'),
      firstName: 'Generator',
      role: 'generator',
    },
    { email: 'pipeline@example.com', token: randomBytes(24).toString('hex'), firstName: 'Pipeline', role: 'pipeline' },
  ];

  let directus: RunningDirectus | undefined;
  const stop = async () => {
    // Errors Directus logged during the tests (a 500's cause) are shown, not thrown away with its output.
    const printed = directus?.output() ?? '';
    const firstError = printed.search(/\bERROR\b/);
    if (firstError >= 0)
      console.error(`Directus (test stack ${id}) logged errors:\n${printed.slice(firstError, firstError + 6_000)}`);
    await directus?.stop();
    if (directus) forgetRedisOf(directus.url);
    rmSync(config.uploadsDir, { recursive: true, force: true });
    await deleteRedisKeys(config.redisUrl, config.redisPrefix);
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
  };
  try {
    await bootstrapDirectus(config);
    // AULA_TEST_DIRECTUS_LOGS=1 shows the server's own log, for debugging a failing run.
    directus = await startDirectus(config, { stdio: process.env.AULA_TEST_DIRECTUS_LOGS ? 'inherit' : 'pipe' });
    const run = () =>
      setup({
        url: directus!.url,
        databaseUrl: config.databaseUrl,
        adminEmail: adminUser.email,
        adminPassword: adminUser.password,
        users,
        demoContent: true,
        verifyEmail: options.verifyEmail ?? false,
      });
    const firstSetup = await run();
    rememberRedisOf(directus.url, { redisUrl: config.redisUrl, redisPrefix: config.redisPrefix });
    return {
      url: directus.url,
      databaseUrl: config.databaseUrl,
      redisUrl: config.redisUrl,
      redisPrefix: config.redisPrefix,
      admin: adminUser,
      users,
      tutorServiceKey: config.tutorServiceKey as string,
      config,
      firstSetup,
      rerunSetup: run,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
