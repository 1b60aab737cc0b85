import { z } from 'zod';

/**
 * The chat channels (the tutor on Telegram and WhatsApp through Chatwoot): what the course API answers
 * the web about a student's linked chats and their one-time link codes.
 */

/** How long a link code may be used, and its shape: eight letters and digits, easy to type on a phone. */
export const CHANNEL_CODE_TTL_SECONDS = 10 * 60;
export const CHANNEL_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A whole message that is a code: four characters, an optional hyphen (group 3), four more. */
export const CHANNEL_CODE_PATTERN = /^([A-HJ-NP-Z2-9]{4})(-?)([A-HJ-NP-Z2-9]{4})$/;

/** `POST /aula/channels/link-codes`: a code to send from the chat app, shown once. */
export const ChannelLinkCode = z.object({ code: z.string(), expiresAt: z.string() });
export type ChannelLinkCode = z.infer<typeof ChannelLinkCode>;

export const ChannelLink = z.object({
  id: z.uuid(),
  /** `telegram`, `whatsapp` or `other`. */
  app: z.enum(['telegram', 'whatsapp', 'other']),
  name: z.string().nullable(),
  linkedAt: z.string(),
  /** A person is looking after this chat; the tutor is silent until they resolve it. */
  withPerson: z.boolean(),
});
export type ChannelLink = z.infer<typeof ChannelLink>;

/** `GET /aula/channels/links`: the caller's linked chats. */
export const ChannelLinkList = z.object({
  /** Whether the site has a chat channel configured (Chatwoot); without one there is nothing to link. */
  enabled: z.boolean(),
  links: z.array(ChannelLink),
});
export type ChannelLinkList = z.infer<typeof ChannelLinkList>;

export function chatAppOf(channel: string | null | undefined): ChannelLink['app'] {
  const c = (channel ?? '').toLowerCase();
  return c.includes('telegram') ? 'telegram' : c.includes('whatsapp') ? 'whatsapp' : 'other';
}
