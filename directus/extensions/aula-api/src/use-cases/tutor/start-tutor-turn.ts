import { randomUUID } from 'node:crypto';
import { AulaError, invalidFromIssues, TUTOR_HISTORY_MESSAGES, type TutorTurn, TutorTurnRequest } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { presentMessage } from './conversations.ts';
import { tutorContextOf } from './read-tutor-context.ts';
import { reserveTutorTurn } from './tutor-budget.ts';
import { takeTutorMessage } from './tutor-limits.ts';
import { readTutorRows } from './tutor-rows.ts';

const HISTORY = TUTOR_HISTORY_MESSAGES;

// The conversation (when new) and the message, in one statement: both rows or neither.
const STORE_SQL = `
with c as (
  insert into tutor_conversations (id, "user", course, lesson, title, date_created)
  select cast(? as uuid), cast(? as uuid), cast(? as uuid), cast(? as uuid), ?, now() where ?
  returning id
)
insert into tutor_messages (id, conversation, role, content, status, date_created)
values (cast(? as uuid), cast(? as uuid), 'user', ?, 'complete', now())
`;

/**
 * `POST /aula/tutor/turns`: the first half of a tutor exchange. Checks the caller may ask about the
 * lesson (published, enrolled) and in that conversation (their own, about this lesson), counts the
 * message against their limits, holds the turn's worst case against the site's daily tutor budget
 * (settled when the answer is recorded), starts a conversation when none is given, stores the message,
 * and returns what the web server needs to ask the model: context and history.
 *
 * Two queries: everything it reads in one (`readTutorRows`, alongside the minute's count in Redis),
 * then the conversation and the message in one statement (after the budget's hold, in Redis).
 */
export async function startTutorTurn({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<TutorTurn> {
  const parsed = TutorTurnRequest.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const { lessonId, conversationId, message } = parsed.data;
  // The message counts against the minute even when it is then refused: hammering costs too.
  const [rows] = await Promise.all([
    readTutorRows(ctx, { lessonId, conversationId, historyLimit: HISTORY + 1 }),
    takeTutorMessage(ctx),
  ]);
  const context = tutorContextOf(rows);
  const conversation = rows.conversation;
  if (conversationId && !conversation) throw new AulaError('not_found', 'No such conversation.');
  if (conversation && conversation.lesson !== lessonId) {
    throw new AulaError('conflict', 'This conversation is about another lesson.');
  }
  const earlier = rows.history.toReversed().map(presentMessage);
  // The message's id is the reservation's: the answer recorded for it settles what the turn held.
  const userMessageId = randomUUID();
  await reserveTutorTurn(ctx, userMessageId, JSON.stringify([context, earlier.slice(-HISTORY), message]));
  const id = conversation?.id ?? randomUUID();
  const title = message.replace(/\s+/g, ' ').slice(0, 120);
  await ctx.sql(STORE_SQL, [
    id,
    ctx.user,
    context.course.id,
    lessonId,
    title,
    !conversation,
    userMessageId,
    id,
    message,
  ]);
  const history = earlier.slice(-HISTORY);
  return { conversationId: id, userMessageId, history, context };
}
