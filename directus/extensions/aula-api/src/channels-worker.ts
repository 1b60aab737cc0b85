import { type ChannelsQueue, createChannelsQueue, startChannelsWorker, UnrecoverableError } from '@aula/jobs';
import { REDIS_FAIL_FAST_MS } from './context.ts';
import type { EndpointContext } from './directus.ts';
import { channelsSettings } from './env.ts';
import { answerChatMessage } from './use-cases/channels/answer-chat-message.ts';
import { ChatwootRefused } from './use-cases/channels/chatwoot-api.ts';
import { sendChatReply } from './use-cases/channels/send-chat-reply.ts';

let queue: ChannelsQueue | undefined;

const redisOf = (endpoint: EndpointContext) => ({
  redisUrl: String(endpoint.env.REDIS ?? 'redis://127.0.0.1:6379'),
  prefix: String(endpoint.env.AULA_REDIS_PREFIX ?? 'aula:'),
});

/** The channels queue for the webhook (fail-fast: Redis down answers 503, and Chatwoot delivers again). */
export function channelsQueue(endpoint: EndpointContext): ChannelsQueue {
  queue ??= createChannelsQueue({ ...redisOf(endpoint), failFastMs: REDIS_FAIL_FAST_MS });
  return queue;
}

/**
 * The chat channels' jobs run here, in the course API, where the tutor's turn runs for the web:
 * the same use cases (context, limits, budget, storing the answer) with Directus's services. Started
 * once, when the Chatwoot channel is configured (see decision 022).
 */
export function startChannels(endpoint: EndpointContext): void {
  if (!channelsSettings(endpoint.env).chatwoot) return;
  const deps = { endpoint, queue: () => channelsQueue(endpoint) };
  const worker = startChannelsWorker(redisOf(endpoint), {
    message: async (data) => {
      try {
        await answerChatMessage(deps, data);
      } catch (error) {
        endpoint.logger.error(error, `aula channels: message ${data.messageId} could not be answered`);
        throw error;
      }
    },
    reply: async (data, progress) => {
      try {
        await sendChatReply({ endpoint }, data, progress);
      } catch (error) {
        endpoint.logger.warn(`aula channels: reply to ${data.messageId}: ${(error as Error).message}`);
        if (error instanceof ChatwootRefused) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
  });
  worker.on('failed', (job, error) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
      endpoint.logger.error(error, `aula channels: job ${job.id} gave up after ${job.attemptsMade} attempts`);
  });
}
