import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@aula/test-stack';
import { afterAll, describe, expect, it } from 'vitest';
import { browserUseAlias, readSupportEnv } from './env.ts';
import { pingRedis, pingRedisUrl, startRedisServer } from './redis.ts';

/** `aula serve` and `aula health` as the images run them; the whole roles run in infra's multi-host test. */
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'aula-serve-'));
const aula = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: home, AULA_HOME: home, ...env },
    timeout: 60_000,
  });
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('aula serve', () => {
  it('lists the roles in its help', () => {
    const run = aula({}, 'serve', '--help');
    expect(run.status).toBe(0);
    for (const role of ['main', 'support', 'directus', 'web', 'workers'])
      expect(run.stdout).toMatch(new RegExp(`^  ${role} `, 'm'));
  });

  it('refuses an unknown role', () => {
    const run = aula({}, 'serve', 'mirror');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('one of main, support, directus, web, workers');
  });

  it.each(['main', 'directus'])('%s: refuses to start without the production secrets, naming each', (role) => {
    const run = aula({ AULA_ENV: 'local' }, 'serve', role);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('AULA_ENV=production: refusing to start');
    for (const name of ['DIRECTUS_KEY', 'AULA_ADMIN_PASSWORD', 'AULA_GENERATOR_TOKEN', 'DATABASE_URL'])
      expect(run.stderr).toContain(name);
  });

  it('main: refuses to look for a Redis of its own', () => {
    const secret = () => randomBytes(16).toString('hex');
    const run = aula(
      {
        DIRECTUS_KEY: secret(),
        DIRECTUS_SECRET: secret(),
        AULA_GENERATOR_TOKEN: secret(),
        AULA_PIPELINE_TOKEN: secret(),
        AULA_TUTOR_SERVICE_KEY: secret(),
        AULA_ADMIN_EMAIL: 'root@aula.example.org',
        AULA_ADMIN_PASSWORD: secret(),
        DATABASE_URL: 'postgres://aula:x@127.0.0.1:1/aula',
      },
      'serve',
      'main',
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('REDIS_URL: not set');
  });

  it('support: refuses without n8n’s owner, key and the webhook secrets (and Redis’s password with --redis)', () => {
    const run = aula({}, 'serve', 'support', '--redis');
    expect(run.status).toBe(1);
    for (const name of [
      'N8N_OWNER_EMAIL',
      'N8N_OWNER_PASSWORD',
      'N8N_ENCRYPTION_KEY',
      'AULA_N8N_WEBHOOK_SECRET',
      'AULA_COURSE_READY_WEBHOOK_SECRET',
      'REDIS_PASSWORD',
    ])
      expect(run.stderr).toContain(`${name}: not set`);
  });

  it('workers: production mode, the workers’ own check names what is missing', () => {
    const run = aula({ AULA_ENV: 'local' }, 'serve', 'workers');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('AULA_GENERATOR_TOKEN');
  });
});

describe('the Support server’s Redis and the workers’ health check', () => {
  it('asks for the password, never evicts, and the health check says which part fails', async () => {
    const password = randomBytes(16).toString('hex');
    const port = await freePort();
    const redis = await startRedisServer({ bind: '127.0.0.1', port, password, dir: join(home, 'redis') });
    try {
      expect(await pingRedis('127.0.0.1', port)).toBe(false);
      expect(await pingRedis('127.0.0.1', port, 1_000, 'wrong-password')).toBe(false);
      expect(await pingRedisUrl(redis.url)).toBe(true);
      const policy = spawnSync('redis-cli', ['-p', String(port), 'config', 'get', 'maxmemory-policy'], {
        env: { ...process.env, REDISCLI_AUTH: password },
        encoding: 'utf8',
      });
      expect(policy.stdout).toContain('noeviction');

      const closed = await freePort();
      const unhealthy = aula({ REDIS_URL: redis.url, DIRECTUS_URL: `http://127.0.0.1:${closed}` }, 'health', 'workers');
      expect(unhealthy.status).toBe(1);
      expect(unhealthy.stderr).toContain(`http://127.0.0.1:${closed}/server/ping`);
      const wrong = aula({ REDIS_URL: `redis://:nope@127.0.0.1:${port}` }, 'health', 'workers');
      expect(wrong.stderr).toContain('Redis does not answer PING');
    } finally {
      await redis.stop();
    }
  });
});

describe('the environment of the roles', () => {
  it.each([
    [{ BROWSER_USE_API_KEY: 'bu_a' }, { BROWSER_USE_API_KEY: 'bu_a' }],
    [{ BROWSER_USE_KEY: 'bu_b' }, { BROWSER_USE_API_KEY: 'bu_b' }],
    [{ BROWSER_USE_API_KEY: 'bu_a', BROWSER_USE_KEY: 'bu_b' }, { BROWSER_USE_API_KEY: 'bu_a' }],
    [{ BROWSER_USE_KEY: ' ' }, {}],
  ])('accepts BROWSER_USE_KEY as an alias of BROWSER_USE_API_KEY: %o', (source, expected) => {
    expect(browserUseAlias(source)).toEqual(expected);
  });

  it('gives n8n the workflows’ variables and nothing else', () => {
    const env = readSupportEnv(
      home,
      {
        N8N_OWNER_EMAIL: 'ops@aula.example.org',
        N8N_OWNER_PASSWORD: 'a-long-password',
        N8N_ENCRYPTION_KEY: randomBytes(16).toString('hex'),
        AULA_N8N_WEBHOOK_SECRET: randomBytes(16).toString('hex'),
        AULA_COURSE_READY_WEBHOOK_SECRET: randomBytes(16).toString('hex'),
        AULA_API_URL: 'https://api.aula.example.org',
        AULA_TELEGRAM_CHAT_ID: '-1001',
        DIRECTUS_SECRET: 'not for n8n',
        AULA_HOST: '10.0.0.2',
      },
      { redis: false },
    );
    expect(env.workflowEnv).toEqual({ AULA_API_URL: 'https://api.aula.example.org', AULA_TELEGRAM_CHAT_ID: '-1001' });
    expect(env.n8nPublicUrl).toBe('http://10.0.0.2:5678/');
    expect(env.redis).toBeUndefined();
  });
});
