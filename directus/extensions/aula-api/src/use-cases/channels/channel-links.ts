import { createHash, randomInt } from 'node:crypto';
import { CHANNEL_CODE_ALPHABET, CHANNEL_CODE_PATTERN, CHANNEL_CODE_TTL_SECONDS } from '@aula/domain';
import type { ItemsService, Row } from '../../directus.ts';

/** Lookups and writes the chat channels' use cases share (links of contacts, one-time codes). */

export const CHATWOOT = 'chatwoot';

export const LINK_FIELDS = [
  'id',
  'user',
  'provider',
  'contact',
  'channel',
  'contact_name',
  'lesson',
  'conversation',
  'handoff_conversation',
  'handoff_at',
  'strikes',
  'date_created',
];
export type LinkRow = Pick<
  Row<'channel_links'>,
  | 'id'
  | 'user'
  | 'provider'
  | 'contact'
  | 'channel'
  | 'contact_name'
  | 'lesson'
  | 'conversation'
  | 'handoff_conversation'
  | 'handoff_at'
  | 'strikes'
  | 'date_created'
>;

/** A Chatwoot contact, as stored: contact ids are per account. */
export const chatwootContact = (accountId: number, contactId: number) => `${accountId}:${contactId}`;

export const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** A new code: 8 characters of an alphabet without look-alikes (no 0/O, 1/I), shown as XXXX-XXXX. */
export function newCode(): { code: string; hash: string; expiresAt: Date } {
  let raw = '';
  for (let i = 0; i < 8; i++) raw += CHANNEL_CODE_ALPHABET[randomInt(CHANNEL_CODE_ALPHABET.length)];
  return {
    code: `${raw.slice(0, 4)}-${raw.slice(4)}`,
    hash: hashCode(raw),
    expiresAt: new Date(Date.now() + CHANNEL_CODE_TTL_SECONDS * 1000),
  };
}

/**
 * The code a chat message is ("abcd-2345", "ABCD2345": the whole message, spaces aside), normalised,
 * and whether it was written with its hyphen; null when the message is something else.
 */
export function codeIn(message: string): { code: string; hyphen: boolean } | null {
  const match = message.trim().toUpperCase().match(CHANNEL_CODE_PATTERN);
  return match ? { code: `${match[1]}${match[3]}`, hyphen: match[2] === '-' } : null;
}

export async function findLink(
  links: ItemsService<'channel_links'>,
  provider: string,
  contact: string,
): Promise<LinkRow | null> {
  const [row] = await links.readByQuery({
    filter: { provider: { _eq: provider }, contact: { _eq: contact } },
    fields: LINK_FIELDS,
    limit: 1,
  });
  return (row as LinkRow | undefined) ?? null;
}

/** A person resolved the conversation: the bot answers in it again. True when a link was waiting. */
export async function resumeAfterPerson(
  links: ItemsService<'channel_links'>,
  provider: string,
  conversationId: number,
): Promise<boolean> {
  const rows = await links.readByQuery({
    filter: { provider: { _eq: provider }, handoff_conversation: { _eq: conversationId } },
    fields: ['id'],
    limit: -1,
  });
  for (const row of rows) {
    await links.updateOne(row.id as string, { handoff_conversation: null, handoff_at: null, strikes: 0 });
  }
  return rows.length > 0;
}
