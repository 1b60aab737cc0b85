import { spawn } from 'node:child_process';
import { readLlmSettings } from '@aula/llm';
import { freePort } from '@aula/test-stack';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { readWorkerEnv } from '../src/env.ts';
import { startWorkers } from '../src/runtime.ts';

/** A throwaway redis-server configured to evict keys, as a misconfigured production Redis would be. */
let port: number;
let server: ReturnType<typeof spawn>;
beforeAll(async () => {
  port = await freePort();
  server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--maxmemory-policy', 'allkeys-lru'],
    {
      stdio: 'ignore',
    },
  );
  await new Promise((r) => setTimeout(r, 300));
});
afterAll(() => server?.kill());

const env = (extra: Record<string, string>) =>
  readWorkerEnv({
    DIRECTUS_URL: inject('stack').url,
    AULA_GENERATOR_TOKEN: 'x'.repeat(32),
    REDIS_URL: `redis://127.0.0.1:${port}`,
    AULA_REDIS_PREFIX: 'aula-test-policy:',
    ...extra,
  });

it('refuses a Redis that may evict jobs', async () => {
  await expect(startWorkers(env({}), readLlmSettings({}), { log: () => {} })).rejects.toThrow(/noeviction/);
});

it('starts on it only when explicitly allowed, with a warning', async () => {
  const lines: string[] = [];
  const workers = await startWorkers(env({ AULA_ALLOW_REDIS_EVICTION: 'true' }), readLlmSettings({}), {
    log: (m) => lines.push(m),
  });
  await workers.close();
  expect(lines.join('\n')).toMatch(/allkeys-lru.*AULA_ALLOW_REDIS_EVICTION/);
});
