import {
  AulaError,
  isUuid,
  ROLE_NAMES,
  type TutorConversation,
  type TutorConversationList,
  type TutorMessage,
} from '@aula/domain';
import type { Ctx } from '../../context.ts';
import type { Row } from '../../directus.ts';
import { iso } from '../learning/access.ts';

export const MESSAGE_FIELDS = ['id', 'role', 'content', 'status', 'date_created'];

export const presentMessage = (
  m: Pick<Row<'tutor_messages'>, 'id' | 'role' | 'content' | 'status' | 'date_created'>,
): TutorMessage => ({
  id: m.id,
  role: m.role,
  content: m.content ?? '',
  status: m.status ?? 'complete',
  createdAt: iso(m.date_created),
});

const presentConversation = (
  c: Pick<Row<'tutor_conversations'>, 'id' | 'lesson' | 'title' | 'date_created' | 'date_updated'>,
) => ({
  id: c.id,
  lessonId: c.lesson,
  title: c.title ?? null,
  createdAt: iso(c.date_created),
  updatedAt: iso(c.date_updated ?? c.date_created),
});

const staff = (ctx: Ctx) => ctx.roles.has(ROLE_NAMES.administrator) || ctx.roles.has(ROLE_NAMES.contentManager);

/**
 * A conversation the caller may read: their own, or anyone's for course staff (quality review).
 * Someone else's is "not found", never "forbidden": its existence is not the caller's business.
 */
export async function readConversation(ctx: Ctx, id: string, { ownOnly }: { ownOnly: boolean }) {
  if (!isUuid(id)) throw new AulaError('not_found', 'No such conversation.');
  const mine = ownOnly || !staff(ctx) ? { user: { _eq: ctx.user } } : {};
  const [row] = await ctx.items('tutor_conversations').readByQuery({
    filter: { id: { _eq: id }, ...mine },
    fields: ['id', 'user', 'lesson', 'course', 'title', 'date_created', 'date_updated'],
    limit: 1,
  });
  if (!row) throw new AulaError('not_found', 'No such conversation.');
  return row;
}

export async function readMessages(ctx: Ctx, conversationId: string, limit = -1): Promise<TutorMessage[]> {
  const rows = await ctx.items('tutor_messages').readByQuery({
    filter: { conversation: { _eq: conversationId } },
    fields: MESSAGE_FIELDS,
    sort: ['-date_created', '-id'],
    limit,
  });
  return rows.reverse().map(presentMessage);
}

/** `GET /aula/tutor/conversations?lesson=`: the caller's conversations about a lesson, newest first. */
export async function listTutorConversations({
  ctx,
  lessonId,
}: {
  ctx: Ctx;
  lessonId: unknown;
}): Promise<TutorConversationList> {
  if (!isUuid(lessonId)) throw new AulaError('not_found', 'No such lesson.');
  const rows = await ctx.items('tutor_conversations').readByQuery({
    filter: { user: { _eq: ctx.user }, lesson: { _eq: lessonId } },
    fields: ['id', 'lesson', 'title', 'date_created', 'date_updated'],
    sort: ['-date_updated', '-date_created', '-id'],
    limit: 50,
  });
  return { conversations: rows.map(presentConversation) };
}

/** `GET /aula/tutor/conversations/:id`: one conversation with every message, oldest first. */
export async function getTutorConversation({ ctx, id }: { ctx: Ctx; id: string }): Promise<TutorConversation> {
  const row = await readConversation(ctx, id, { ownOnly: false });
  return { ...presentConversation(row), messages: await readMessages(ctx, row.id) };
}
