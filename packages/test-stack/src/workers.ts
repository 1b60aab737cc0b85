import { join } from 'node:path';
import { spawnService, waitUntilReady } from '@aula/process';
import type { TestStack } from './index.ts';
import { runnableDir } from './workspace.ts';

export type RunningWorkers = {
  /** SIGTERM: the workers finish the jobs in hand, take no new ones, and exit. */
  stop: () => Promise<void>;
  /** SIGKILL, the way a crash ends them: their jobs' locks expire and other workers take the jobs over. */
  kill: () => Promise<void>;
  /** What they printed so far (their JSON log lines). */
  output: () => string;
};

/**
 * The generation workers as `npm start` runs them (`node workers/src/main.ts`), as the stack's Generator
 * on its Redis prefix; resolves once they listen on the queue. `env` adds to that: the LLM settings
 * (`emulatorEnv(...)`), concurrency, the course-ready webhook. Nothing else of this process's
 * environment reaches them.
 */
export async function startWorkers(
  stack: Pick<TestStack, 'url' | 'users' | 'redisUrl' | 'redisPrefix'>,
  env: Record<string, string | undefined> = {},
): Promise<RunningWorkers> {
  const workers = spawnService({
    name: 'the generation workers',
    command: process.execPath,
    args: [join(runnableDir('@aula/workers'), 'src', 'main.ts')],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DIRECTUS_URL: stack.url,
      AULA_GENERATOR_TOKEN: stack.users.find((u) => u.role === 'generator')?.token,
      REDIS_URL: stack.redisUrl,
      AULA_REDIS_PREFIX: stack.redisPrefix,
      // The references' re-check runs when a test adds the job (it checks every published course's links).
      AULA_REFERENCES_RECHECK_MS: '0',
      ...env,
    },
  });
  // main.ts says so once BullMQ's worker is connected and waiting for jobs.
  await waitUntilReady(workers, {
    name: 'the generation workers',
    ready: () => workers.output().includes('aula workers: listening'),
    timeoutMs: 60_000,
  });
  return { stop: workers.stop, kill: workers.kill, output: workers.output };
}
