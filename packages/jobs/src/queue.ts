import { FlowProducer, type JobsOptions, Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import {
  GENERATION_QUEUE,
  JOB_OPTIONS,
  type JobData,
  type JobName,
  jobId,
  parseJob,
  queueOf,
  TRENDS_QUEUE,
} from './definitions.ts';

export type QueueConfig = {
  redisUrl: string;
  prefix: string;
  /**
   * For callers that answer a person (the course API): every queue call gives up after this many ms
   * when Redis is down or silent, with a `QueueUnavailableError`, instead of waiting for it forever.
   * Without it (the workers) calls wait for Redis to come back.
   */
  failFastMs?: number;
};

/** Attempts with exponential backoff and jitter; finished jobs kept a while for inspection. */
export const defaultJobOptions: JobsOptions = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 5_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function redisConnection(url: string, options: RedisOptions = {}): Redis {
  // BullMQ workers block on Redis: they need maxRetriesPerRequest null.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...options });
}

/**
 * A connection for a request path: a command fails at once while Redis is unreachable (no offline
 * queue), and after `ms` when it does not answer (a server that accepts and stays silent: the socket is
 * dropped and dialled again). Never for a worker's blocking commands.
 */
export function failFastRedisOptions(ms: number): RedisOptions {
  return {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: ms,
    commandTimeout: ms,
    socketTimeout: ms,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  };
}

/** The queue could not be reached in time; nothing was (knowingly) added or removed. */
export class QueueUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'QueueUnavailableError';
  }
}

/** BullMQ's own key prefix, under Aula's (so several instances and test runs share one Redis). */
export const bullPrefix = (prefix: string) => `${prefix}bull`;

export type GenerationQueue = {
  queue: Queue;
  /** The trend scans' queue (`TRENDS_QUEUE`). */
  trends: Queue;
  flows: FlowProducer;
  enqueue: <N extends JobName>(name: N, data: JobData<N>, options?: JobsOptions) => Promise<string>;
  /**
   * Runs `fn` against the queue within the fail-fast limit (when configured): it starts only on a
   * connection that is ready, and any Redis failure or a deadline passed becomes `QueueUnavailableError`.
   */
  use: <T>(fn: (queue: Queue) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

/**
 * Resolves once `connection` is ready, or fails with `QueueUnavailableError` after `ms`: a fail-fast
 * connection (no offline queue) refuses commands until then, the first ones after a start included.
 */
export function whenReady(connection: Redis, ms: number): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  if (connection.status === 'wait') connection.connect().catch(() => {});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off('ready', onReady);
      reject(new QueueUnavailableError(`Redis is not ready (${connection.status}) after ${ms} ms`));
    }, ms);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    connection.once('ready', onReady);
  });
}

export function createGenerationQueue(config: QueueConfig): GenerationQueue {
  const { failFastMs } = config;
  const connection = redisConnection(config.redisUrl, failFastMs ? failFastRedisOptions(failFastMs) : {});
  const prefix = bullPrefix(config.prefix);
  const queue = new Queue(GENERATION_QUEUE, { connection, prefix, defaultJobOptions });
  const trends = new Queue(TRENDS_QUEUE, { connection, prefix, defaultJobOptions });
  const flows = new FlowProducer({ connection, prefix });
  // A fail-fast connection reports every failed dial; callers hear of them as QueueUnavailableError.
  if (failFastMs) {
    const ignore = () => {};
    connection.on('error', ignore);
    queue.on('error', ignore);
    trends.on('error', ignore);
    flows.on('error', ignore);
  }

  async function use<T>(fn: (queue: Queue) => Promise<T>, on: Queue = queue): Promise<T> {
    if (!failFastMs) return fn(on);
    const started = Date.now();
    // Only on a ready connection: a call begun while Redis is away would otherwise wait inside
    // BullMQ and add its job whenever Redis returned, long after the caller was told it failed.
    await whenReady(connection, failFastMs);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new QueueUnavailableError(`Redis did not answer within ${failFastMs} ms`)),
        Math.max(1, failFastMs - (Date.now() - started)),
      );
    });
    try {
      return await Promise.race([fn(on), deadline]);
    } catch (error) {
      throw error instanceof QueueUnavailableError
        ? error
        : new QueueUnavailableError(`Redis failed: ${(error as Error).message}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    queue,
    trends,
    flows,
    use: (fn) => use(fn),
    async enqueue(name, data, options) {
      const parsed = parseJob(name, data);
      const job = await use(
        (q) => q.add(name, parsed, { ...JOB_OPTIONS[name], ...options, jobId: jobId(name, parsed) }),
        queueOf(name) === TRENDS_QUEUE ? trends : queue,
      );
      return job.id ?? jobId(name, parsed);
    },
    async close() {
      await flows.close();
      await trends.close();
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
