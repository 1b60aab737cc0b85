import { randomUUID } from 'node:crypto';
import { AulaError, invalidFromIssues, type TutorTurn, TutorTurnRequest } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { readConversation, readMessages } from './conversations.ts';
import { readTutorContext } from './read-tutor-context.ts';
import { reserveTutorTurn } from './tutor-budget.ts';
import { takeTutorMessage } from './tutor-limits.ts';

/** How many earlier messages go back to the model with a new one. */
const HISTORY = 20;

/**
 * `POST /aula/tutor/turns`: the first half of a tutor exchange. Checks the caller may ask about the
 * lesson (published, enrolled) and in that conversation (their own, about this lesson), counts the
 * message against their limits, holds the turn's worst case against the site's daily tutor budget
 * (settled when the answer is recorded), starts a conversation when none is given, stores the message,
 * and returns what the web server needs to ask the model: context and history.
 */
export async function startTutorTurn({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<TutorTurn> {
  const parsed = TutorTurnRequest.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const { lessonId, conversationId, message } = parsed.data;
  // The message counts against the minute even when it is then refused: hammering costs too.
  const [context, conversation] = await Promise.all([
    readTutorContext(ctx, lessonId),
    conversationId ? readConversation(ctx, conversationId, { ownOnly: true }) : undefined,
    takeTutorMessage(ctx),
  ]);
  if (conversation && conversation.lesson !== lessonId) {
    throw new AulaError('conflict', 'This conversation is about another lesson.');
  }
  const earlier = conversation ? await readMessages(ctx, conversation.id, HISTORY + 1) : [];
  // The message's id is the reservation's: the answer recorded for it settles what the turn held.
  const userMessageId = randomUUID();
  await reserveTutorTurn(ctx, userMessageId, JSON.stringify([context, earlier.slice(-HISTORY), message]));
  const id =
    conversation?.id ??
    (await ctx.items('tutor_conversations').createOne({
      user: ctx.user,
      course: context.course.id,
      lesson: lessonId,
      title: message.replace(/\s+/g, ' ').slice(0, 120),
    }));
  await ctx
    .items('tutor_messages')
    .createOne({ id: userMessageId, conversation: id, role: 'user', content: message, status: 'complete' });
  const history = earlier.slice(-HISTORY);
  return { conversationId: id, userMessageId, history, context };
}
