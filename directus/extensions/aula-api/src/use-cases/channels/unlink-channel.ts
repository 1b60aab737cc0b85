import { AulaError, isUuid } from '@aula/domain';
import type { Ctx } from '../../context.ts';

/** `POST /aula/channels/links/:id/unlink`: the caller unlinks one of their chats (the chat can too: "/desvincular"). */
export async function unlinkChannel({ ctx, id }: { ctx: Ctx; id: string }): Promise<{ unlinked: true }> {
  if (!isUuid(id)) throw new AulaError('not_found', 'No such linked chat.');
  const links = ctx.items('channel_links');
  const [row] = await links.readByQuery({
    filter: { id: { _eq: id }, user: { _eq: ctx.user } },
    fields: ['id'],
    limit: 1,
  });
  if (!row) throw new AulaError('not_found', 'No such linked chat.');
  await links.deleteOne(id);
  return { unlinked: true };
}
