import type { ChatReplyJob } from '@aula/jobs';
import type { EndpointContext } from '../../directus.ts';
import { channelsSettings } from '../../env.ts';
import { sendChatwootAction } from './chatwoot-api.ts';

/**
 * The `chat-reply` job: each action to Chatwoot in order, recording progress after each, so a retry
 * (Chatwoot unreachable, 429, 5xx: the job backs off and tries again) starts where the last one
 * stopped and nothing is sent twice or lost. A refusal (401, 404, 422) fails the job as it is.
 */
export async function sendChatReply(
  { endpoint }: { endpoint: EndpointContext },
  job: ChatReplyJob,
  progress: (done: number) => Promise<void>,
): Promise<void> {
  const chatwoot = channelsSettings(endpoint.env).chatwoot;
  if (!chatwoot) throw new Error('The Chatwoot channel is not configured.');
  for (let i = job.done; i < job.actions.length; i++) {
    await sendChatwootAction(chatwoot, job.accountId, job.conversationId, job.actions[i]!);
    await progress(i + 1);
  }
}
