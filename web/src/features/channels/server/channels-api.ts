import 'server-only';
import { ChannelLinkCode, ChannelLinkList } from '@aula/domain';
import { z } from 'zod';
import { directusFetch, parseAnswer } from '../../../shared/directus.ts';

// The chat channels' side of Aula's course API (/aula/channels), always with the student's own token.

/** The student's linked chats, and whether the site has a chat channel at all. */
export async function listChannelLinks({ token }: { token: string }): Promise<ChannelLinkList> {
  const json = await directusFetch({ path: '/aula/channels/links', token });
  return parseAnswer('GET /aula/channels/links', ChannelLinkList, json);
}

/** A new one-time code to send from the chat app (10 minutes, single use). */
export async function createLinkCode({ token }: { token: string }): Promise<ChannelLinkCode> {
  const json = await directusFetch({ method: 'POST', path: '/aula/channels/link-codes', token, body: {} });
  return parseAnswer('POST /aula/channels/link-codes', ChannelLinkCode, json);
}

export async function unlinkChannel({ token, id }: { token: string; id: string }): Promise<void> {
  const path = `/aula/channels/links/${encodeURIComponent(id)}/unlink`;
  parseAnswer(
    `POST ${path}`,
    z.object({ unlinked: z.literal(true) }),
    await directusFetch({ method: 'POST', path, token, body: {} }),
  );
}
