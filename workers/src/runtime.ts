import { createApi } from '@aula/data';
import { bullPrefix, createGenerationQueue, GENERATION_QUEUE, redisConnection } from '@aula/jobs';
import { createLlm, type LlmSettings } from '@aula/llm';
import { createSpendLedger } from '@aula/spend';
import { Worker } from 'bullmq';
import type { WorkerCtx } from './context.ts';
import type { WorkerEnv } from './env.ts';
import { createRunNotifier } from './notify-run-ended.ts';
import { processJob } from './processors/index.ts';
import { createThrottle, parseLimits } from './rate-limit.ts';

export type RunningWorkers = { worker: Worker; close: () => Promise<void> };

/** BullMQ keeps jobs in Redis: a Redis that evicts keys under memory pressure would silently lose them. */
async function checkEvictionPolicy(redis: ReturnType<typeof redisConnection>, allow: boolean, log: WorkerCtx['log']) {
  const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
  if (policy === 'noeviction') return;
  const message = `Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or jobs can be lost`;
  if (!allow)
    throw new Error(`${message}. Set it in redis.conf (or AULA_ALLOW_REDIS_EVICTION=true outside production).`);
  log(`warning: ${message} (allowed by AULA_ALLOW_REDIS_EVICTION)`);
}

/** Starts the generation workers: one BullMQ Worker, error listeners, graceful drain on close. */
export async function startWorkers(env: WorkerEnv, llmConfig: LlmSettings, options: { log?: WorkerCtx['log'] } = {}) {
  const log =
    options.log ??
    ((message, fields) => console.log(JSON.stringify({ at: new Date().toISOString(), message, ...fields })));
  const redis = redisConnection(env.REDIS_URL);
  await checkEvictionPolicy(redis, env.AULA_ALLOW_REDIS_EVICTION, log);
  const queue = createGenerationQueue({ redisUrl: env.REDIS_URL, prefix: env.AULA_REDIS_PREFIX });
  const api = createApi(env.DIRECTUS_URL, env.AULA_GENERATOR_TOKEN);
  const notifier = createRunNotifier(env, api, log);
  const ctx: WorkerCtx = {
    api,
    notifyRunEnded: notifier.notify,
    llm: createLlm(llmConfig),
    queue,
    throttle: createThrottle(redis, env.AULA_REDIS_PREFIX, parseLimits(env.AULA_PROVIDER_RATE_LIMITS)),
    spend: {
      ledger: createSpendLedger(redis),
      prefix: env.AULA_REDIS_PREFIX,
      daily: llmConfig.caps.generationDaily,
      log,
    },
    log,
    referencesEnabled: Boolean(llmConfig.browserUse?.apiKey),
    outboundPolicy: env.AULA_OUTBOUND_ALLOW,
  };
  // BullMQ does not close a connection it was handed: close() quits it, or it keeps the process alive.
  const workerConnection = redisConnection(env.REDIS_URL);
  const worker = new Worker(GENERATION_QUEUE, (job) => processJob(ctx, job), {
    connection: workerConnection,
    prefix: bullPrefix(env.AULA_REDIS_PREFIX),
    concurrency: env.AULA_WORKER_CONCURRENCY,
    // A worker that dies mid-job loses its lock; another worker takes the job over after this long.
    lockDuration: env.AULA_WORKER_LOCK_MS,
    stalledInterval: Math.ceil(env.AULA_WORKER_LOCK_MS / 2),
    maxStalledCount: 2,
  });
  worker.on('failed', (job, error) =>
    log('job failed', { job: job?.id, name: job?.name, attempts: job?.attemptsMade, error: error.message }),
  );
  worker.on('error', (error) => log('worker error', { error: error.message }));
  await worker.waitUntilReady();
  return {
    worker,
    async close() {
      await worker.close();
      await notifier.settle();
      await workerConnection.quit().catch(() => workerConnection.disconnect());
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  } satisfies RunningWorkers;
}
