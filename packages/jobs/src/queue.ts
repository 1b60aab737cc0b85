import { FlowProducer, type JobsOptions, Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { GENERATION_QUEUE, type JobData, type JobName, jobId, parseJob } from './definitions.ts';

export type QueueConfig = { redisUrl: string; prefix: string };

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

/** BullMQ's own key prefix, under Aula's (so several instances and test runs share one Redis). */
export const bullPrefix = (prefix: string) => `${prefix}bull`;

export type GenerationQueue = {
  queue: Queue;
  flows: FlowProducer;
  enqueue: <N extends JobName>(name: N, data: JobData<N>, options?: JobsOptions) => Promise<string>;
  close: () => Promise<void>;
};

export function createGenerationQueue(config: QueueConfig): GenerationQueue {
  const connection = redisConnection(config.redisUrl);
  const prefix = bullPrefix(config.prefix);
  const queue = new Queue(GENERATION_QUEUE, { connection, prefix, defaultJobOptions });
  const flows = new FlowProducer({ connection, prefix });
  return {
    queue,
    flows,
    async enqueue(name, data, options) {
      const parsed = parseJob(name, data);
      const job = await queue.add(name, parsed, { ...options, jobId: jobId(name, parsed) });
      return job.id ?? jobId(name, parsed);
    },
    async close() {
      await flows.close();
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
