import { type ChannelLinkList, chatAppOf } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { channelsSettings } from '../../env.ts';
import { iso } from '../learning/access.ts';

/** `GET /aula/channels/links`: the caller's linked chats (never anyone else's). */
export async function listChannelLinks({ ctx }: { ctx: Ctx }): Promise<ChannelLinkList> {
  const rows = await ctx.items('channel_links').readByQuery({
    filter: { user: { _eq: ctx.user } },
    fields: ['id', 'channel', 'contact_name', 'handoff_conversation', 'date_created'],
    sort: ['-date_created'],
    limit: 20,
  });
  return {
    enabled: channelsSettings(ctx.env).chatwoot !== null,
    links: rows.map((row) => ({
      id: row.id as string,
      app: chatAppOf(row.channel),
      name: row.contact_name ?? null,
      linkedAt: iso(row.date_created),
      withPerson: row.handoff_conversation != null,
    })),
  };
}
