import { createHash, timingSafeEqual } from 'node:crypto';
import { AulaError } from '@aula/domain';
import type { ChannelsQueue } from '@aula/jobs';
import { z } from 'zod';
import type { EndpointContext } from '../../directus.ts';
import { channelsSettings } from '../../env.ts';
import { CHATWOOT, resumeAfterPerson } from './channel-links.ts';

/** The header that may carry the webhook's secret (Chatwoot's Agent Bot puts it in the URL instead). */
export const CHATWOOT_SECRET_HEADER = 'x-aula-chatwoot-secret';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Both sides hashed first, so the comparison takes the same time whatever the lengths. */
function sameSecret(given: unknown, expected: string): boolean {
  return typeof given === 'string' && given.length > 0 && timingSafeEqual(digest(given), digest(expected));
}

/** The parts of Chatwoot's Agent Bot payloads Aula reads (`message_created`, `conversation_*`). */
const Message = z.object({
  event: z.literal('message_created'),
  id: z.number().int().positive(),
  content: z.string().nullish(),
  message_type: z.union([z.string(), z.number()]),
  private: z.boolean().optional(),
  sender: z
    .object({ id: z.number().int().positive(), type: z.string().optional(), name: z.string().nullish() })
    .passthrough()
    .nullish(),
  account: z.object({ id: z.number().int().positive() }).passthrough(),
  conversation: z
    .object({
      id: z.number().int().positive(),
      channel: z.string().optional(),
      meta: z
        .object({ sender: z.object({ id: z.number().int() }).passthrough().optional() })
        .passthrough()
        .optional(),
    })
    .passthrough(),
  inbox: z.object({ id: z.number().int() }).passthrough().optional(),
});

const Conversation = z.object({
  event: z.enum(['conversation_resolved', 'conversation_status_changed']),
  id: z.number().int().positive(),
  status: z.string().optional(),
  meta: z
    .object({ sender: z.object({ id: z.number().int() }).passthrough().optional() })
    .passthrough()
    .optional(),
});

export type WebhookAnswer = { accepted: boolean; reason?: string };

/**
 * `POST /aula/channels/chatwoot/webhook`: Chatwoot's Agent Bot calls this for every event of the
 * inboxes it is connected to. The secret (query `secret` or the header) is compared in constant time
 * (401 otherwise). A contact's text message becomes a `chat-message` job, keyed by Chatwoot's
 * message id (a retried delivery is the same job), and the webhook answers at once; a conversation a
 * person resolved gives the bot its voice back. Everything else is acknowledged and ignored.
 */
export async function receiveChatwootWebhook({
  endpoint,
  queue,
  secret,
  body,
}: {
  endpoint: EndpointContext;
  queue: () => ChannelsQueue;
  secret: unknown;
  body: unknown;
}): Promise<WebhookAnswer> {
  const settings = channelsSettings(endpoint.env).chatwoot;
  if (!settings) throw new AulaError('not_found', 'The Chatwoot channel is not configured.');
  if (!sameSecret(secret, settings.secret)) throw new AulaError('unauthorized', 'Wrong or missing webhook secret.');
  const event = (body as { event?: unknown } | null)?.event;

  if (event === 'message_created') {
    const parsed = Message.safeParse(body);
    if (!parsed.success) return { accepted: false, reason: 'unreadable' };
    const m = parsed.data;
    // Only what a contact wrote: not the bot's own answers, agents' messages or private notes.
    const incoming = m.message_type === 'incoming' || m.message_type === 0;
    const contactId = m.sender?.type === 'contact' || !m.sender?.type ? m.sender?.id : undefined;
    const content = (m.content ?? '').trim();
    if (!incoming || m.private || !contactId || !content) return { accepted: false, reason: 'not a contact message' };
    if (m.account.id !== settings.accountId) return { accepted: false, reason: 'another account' };
    const added = await queue().addMessage({
      accountId: m.account.id,
      conversationId: m.conversation.id,
      messageId: m.id,
      contactId,
      channel: (m.conversation.channel ?? '').slice(0, 64),
      ...(m.sender?.name ? { contactName: m.sender.name.slice(0, 128) } : {}),
      content: content.slice(0, 4_000),
    });
    return added ? { accepted: true } : { accepted: false, reason: 'duplicate' };
  }

  if (event === 'conversation_resolved' || event === 'conversation_status_changed') {
    const parsed = Conversation.safeParse(body);
    if (!parsed.success) return { accepted: false, reason: 'unreadable' };
    const c = parsed.data;
    if (c.event === 'conversation_status_changed' && c.status !== 'resolved')
      return { accepted: false, reason: 'ignored' };
    const schema = await endpoint.getSchema();
    const links = new endpoint.services.ItemsService('channel_links', { schema, accountability: null });
    const resumed = await resumeAfterPerson(links, CHATWOOT, c.id);
    return { accepted: resumed };
  }
  return { accepted: false, reason: 'ignored' };
}
