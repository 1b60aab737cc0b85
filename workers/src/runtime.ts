import { createApi } from '@aula/data';
import {
  bullPrefix,
  createGenerationQueue,
  GENERATION_QUEUE,
  QUEUES,
  type QueueName,
  RECHECK_REFERENCES_JOB,
  RECHECK_REFERENCES_SCHEDULER,
  readQueueDepth,
  redisConnection,
} from '@aula/jobs';
import { createLlm, type LlmSettings } from '@aula/llm';
import { createSpendLedger } from '@aula/spend';
import { createLogger, type Logger } from '@aula/telemetry/log';
import { recordJob, registerQueueDepth } from '@aula/telemetry/metrics';
import { type MetricsServer, startMetricsServer } from '@aula/telemetry/metrics-server';
import { type Job, type Queue, Worker } from 'bullmq';
import type { WorkerCtx } from './context.ts';
import type { WorkerEnv } from './env.ts';
import { createRunNotifier } from './notify-run-ended.ts';
import { processJob } from './processors/index.ts';
import { createThrottle, parseLimits } from './rate-limit.ts';
import { ledgerOf } from './steps.ts';

export type RunningWorkers = {
  workers: Worker[];
  /** `GET /metrics` of this process, when AULA_WORKERS_METRICS_PORT is set. */
  metricsUrl: string | undefined;
  close: () => Promise<void>;
};

/** BullMQ keeps jobs in Redis: a Redis that evicts keys under memory pressure would silently lose them. */
async function checkEvictionPolicy(redis: ReturnType<typeof redisConnection>, allow: boolean, log: WorkerCtx['log']) {
  const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
  if (policy === 'noeviction') return;
  const message = `Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or jobs can be lost`;
  if (!allow)
    throw new Error(`${message}. Set it in redis.conf (or AULA_ALLOW_REDIS_EVICTION=true outside production).`);
  log(`warning: ${message} (allowed by AULA_ALLOW_REDIS_EVICTION)`);
}

/**
 * Starts the generation workers: one BullMQ Worker per queue (generation, trend scans; `queues` picks
 * some), error listeners, graceful drain on close.
 */
export async function startWorkers(
  env: WorkerEnv,
  llmConfig: LlmSettings,
  options: { log?: WorkerCtx['log']; logger?: Logger; queues?: readonly QueueName[] } = {},
) {
  const logger = options.logger ?? createLogger({ name: 'aula-workers', level: env.LOG_LEVEL });
  const log: WorkerCtx['log'] = options.log ?? ((message, fields) => logger.info(fields ?? {}, message));
  const warn: WorkerCtx['log'] = options.log ?? ((message, fields) => logger.warn(fields ?? {}, message));
  const redis = redisConnection(env.REDIS_URL);
  await checkEvictionPolicy(redis, env.AULA_ALLOW_REDIS_EVICTION, warn);
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
    quizAmbiguityCheck: env.AULA_QUIZ_AMBIGUITY_CHECK,
    outboundPolicy: env.AULA_OUTBOUND_ALLOW,
  };
  // BullMQ does not close a connection it was handed: close() quits it, or it keeps the process alive.
  const workerConnection = redisConnection(env.REDIS_URL);
  const workers = (options.queues ?? QUEUES).map((name) => {
    const worker = new Worker(name, (job) => processJob(ctx, job), {
      connection: workerConnection,
      prefix: bullPrefix(env.AULA_REDIS_PREFIX),
      concurrency: env.AULA_WORKER_CONCURRENCY,
      // A worker that dies mid-job loses its lock; another worker takes the job over after this long.
      lockDuration: env.AULA_WORKER_LOCK_MS,
      stalledInterval: Math.ceil(env.AULA_WORKER_LOCK_MS / 2),
      maxStalledCount: 2,
    });
    worker.on('completed', (job) => recordJob({ queue: name, name: job.name, state: 'completed', seconds: took(job) }));
    worker.on('failed', (job, error) => {
      if (job) recordJob({ queue: name, name: job.name, state: 'failed', seconds: took(job) });
      warn('job failed', { job: job?.id, name: job?.name, attempts: job?.attemptsMade, error: error.message });
    });
    worker.on('error', (error) => warn('worker error', { error: error.message }));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  if (workers.some((w) => w.name === GENERATION_QUEUE))
    await scheduleRecheck(queue.queue, env.AULA_REFERENCES_RECHECK_MS);
  // Every queue's depth, served here or not: a host that serves only `trends` still shows a stuck `generation`.
  registerQueueDepth(() => Promise.all([queue.queue, queue.trends].map(readQueueDepth)));
  let metricsServer: MetricsServer | undefined;
  if (env.AULA_WORKERS_METRICS_PORT !== undefined) {
    metricsServer = await startMetricsServer({
      port: env.AULA_WORKERS_METRICS_PORT,
      host: env.AULA_WORKERS_METRICS_HOST,
      token: env.AULA_METRICS_TOKEN,
    });
  }
  return {
    workers,
    metricsUrl: metricsServer?.url,
    async close() {
      await metricsServer?.close();
      await Promise.all(workers.map((w) => w.close()));
      await ledgerOf(ctx).settle();
      await notifier.settle();
      await workerConnection.quit().catch(() => workerConnection.disconnect());
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  } satisfies RunningWorkers;
}

/** One attempt's duration: from the worker taking the job to its end. */
function took(job: Job): number | undefined {
  return job.processedOn && job.finishedOn ? Math.max(0, job.finishedOn - job.processedOn) / 1000 : undefined;
}

/** The references' re-check, every `every` ms (the first one now); 0 removes the schedule. */
async function scheduleRecheck(queue: Queue, every: number) {
  if (every === 0) {
    await queue.removeJobScheduler(RECHECK_REFERENCES_SCHEDULER);
    return;
  }
  await queue.upsertJobScheduler(
    RECHECK_REFERENCES_SCHEDULER,
    { every },
    { name: RECHECK_REFERENCES_JOB, data: {}, opts: { attempts: 2, backoff: { type: 'exponential', delay: 60_000 } } },
  );
}
