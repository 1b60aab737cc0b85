import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';

export { UnrecoverableError };

import {
  CHANNELS_QUEUE,
  CHAT_MESSAGE_JOB,
  CHAT_REPLY_ATTEMPTS,
  CHAT_REPLY_JOB,
  ChatMessageJob,
  ChatReplyJob,
} from './definitions.ts';
import { bullPrefix, defaultJobOptions, failFastRedisOptions, redisConnection, whenReady } from './queue.ts';

export type ChannelsQueue = {
  /** Adds a contact's message; the same Chatwoot message id twice is one job. Resolves with whether it was new. */
  addMessage: (data: ChatMessageJob) => Promise<boolean>;
  addReply: (data: ChatReplyJob) => Promise<void>;
  close: () => Promise<void>;
};

export const chatMessageJobId = (messageId: number) => `chatwoot-message-${messageId}`;
export const chatReplyJobId = (messageId: number) => `chatwoot-reply-${messageId}`;

/**
 * The channels queue for a caller that answers a webhook: fail-fast (Redis down is an error at once,
 * so Chatwoot retries the delivery), deterministic job ids (a retried delivery is a no-op).
 */
export function createChannelsQueue(config: { redisUrl: string; prefix: string; failFastMs: number }): ChannelsQueue {
  const connection = redisConnection(config.redisUrl, failFastRedisOptions(config.failFastMs));
  connection.on('error', () => {});
  const queue = new Queue(CHANNELS_QUEUE, { connection, prefix: bullPrefix(config.prefix), defaultJobOptions });
  queue.on('error', () => {});
  return {
    async addMessage(data) {
      const parsed = ChatMessageJob.parse(data);
      await whenReady(connection, config.failFastMs);
      const id = chatMessageJobId(parsed.messageId);
      if (await queue.getJob(id)) return false;
      // Asking the model twice costs twice: one try; a failure is answered to the student instead.
      await queue.add(CHAT_MESSAGE_JOB, parsed, { jobId: id, attempts: 2 });
      return true;
    },
    async addReply(data) {
      const parsed = ChatReplyJob.parse(data);
      await whenReady(connection, config.failFastMs);
      await queue.add(CHAT_REPLY_JOB, parsed, {
        jobId: chatReplyJobId(parsed.messageId),
        attempts: CHAT_REPLY_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2_000, jitter: 0.3 },
      });
    },
    async close() {
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

export type ChannelsHandlers = {
  message: (data: ChatMessageJob, job: Job) => Promise<void>;
  /** `progress(done)` records how many actions went through, so a retry does not repeat them. */
  reply: (data: ChatReplyJob, progress: (done: number) => Promise<void>) => Promise<void>;
};

/** The worker of the channels queue: parses each job's payload on this end too, then hands it over. */
export function startChannelsWorker(
  config: { redisUrl: string; prefix: string; concurrency?: number },
  handlers: ChannelsHandlers,
): Worker {
  const connection = redisConnection(config.redisUrl);
  connection.on('error', () => {});
  const worker = new Worker(
    CHANNELS_QUEUE,
    async (job) => {
      if (job.name === CHAT_MESSAGE_JOB) return handlers.message(ChatMessageJob.parse(job.data), job);
      if (job.name === CHAT_REPLY_JOB) {
        const data = ChatReplyJob.parse(job.data);
        return handlers.reply(data, async (done) => {
          await job.updateData({ ...data, done });
        });
      }
      throw new Error(`unknown channels job ${job.name}`);
    },
    { connection, prefix: bullPrefix(config.prefix), concurrency: config.concurrency ?? 4 },
  );
  worker.on('error', () => {});
  return worker;
}

/** The channels queue itself, for reading jobs (tests, operators): close it when done. */
export function openChannelsQueue(config: { redisUrl: string; prefix: string }): Queue {
  const connection = redisConnection(config.redisUrl);
  connection.on('error', () => {});
  const queue = new Queue(CHANNELS_QUEUE, { connection, prefix: bullPrefix(config.prefix) });
  const close = queue.close.bind(queue);
  queue.close = async () => {
    await close();
    await connection.quit().catch(() => connection.disconnect());
  };
  return queue;
}
