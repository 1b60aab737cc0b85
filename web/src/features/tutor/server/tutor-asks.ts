import 'server-only';
import { createHash } from 'node:crypto';
import { TUTOR_HISTORY_MESSAGES, type TutorMessage, type TutorReply, type TutorTurn } from '@aula/domain';
import type { TutorAsk } from '@aula/llm/prompts';
import { READ_CACHE_TTL_MS } from '../../../shared/cache/read-cache.ts';
import { TtlCache } from '../../../shared/cache/ttl-cache.ts';

// What the tutor last asked the model for a student, per lesson and conversation, kept as long as the
// read cache keeps a student's answers (decision 006): the context (course, lesson, outline, quiz as
// the student may see it) and the history with the last exchange added. With it the next message's
// provider call starts while the course API is still checking and storing the turn; the turn's own
// context decides whether that call goes on (`askedAsTurn`). Kept per access token: only its holder's
// requests read it. Only a turn the course API accepted puts anything here, and a refusal forgets it,
// so a student who is refused (limits, budget, enrolment) gets no early call on their next message.

const tokenKey = (token: string) => createHash('sha256').update(token).digest('base64url');
const key = (token: string, lessonId: string, conversationId: string | undefined) =>
  `${tokenKey(token)}:${lessonId}:${conversationId ?? 'new'}`;

// On globalThis: Next bundles each route with a module registry of its own (see read-cache.ts).
const KEY = Symbol.for('aula.web.tutor-asks');
const global = globalThis as typeof globalThis & { [KEY]?: TtlCache<string, TutorAsk> };
global[KEY] ??= new TtlCache({ max: 20_000, ttlMs: READ_CACHE_TTL_MS });
const asks = global[KEY];

/** What the model was last asked for this student, lesson and conversation (a new one: no conversation). */
export function lastAsk(token: string, lessonId: string, conversationId: string | undefined): TutorAsk | undefined {
  return asks.get(key(token, lessonId, conversationId));
}

/** After an answer was stored: the next message in that conversation, or a new one, will likely ask this. */
export function keepAsk(
  token: string,
  lessonId: string,
  turn: TutorTurn,
  exchange: { message: string; reply: TutorReply; messageId: string },
): void {
  const at = new Date().toISOString();
  const said: TutorMessage[] = [
    { id: turn.userMessageId, role: 'user', content: exchange.message, status: 'complete', createdAt: at },
    {
      id: exchange.messageId,
      role: 'assistant',
      content: exchange.reply.content,
      status: exchange.reply.status,
      createdAt: at,
    },
  ];
  asks.set(key(token, lessonId, turn.conversationId), {
    context: turn.context,
    history: [...turn.history, ...said].slice(-TUTOR_HISTORY_MESSAGES),
  });
  asks.set(key(token, lessonId, undefined), { context: turn.context, history: [] });
}

/** A turn was refused: no early call for this student's next message about the lesson. */
export function forgetAsks(token: string, lessonId: string, conversationId: string | undefined): void {
  asks.delete(key(token, lessonId, conversationId));
  asks.delete(key(token, lessonId, undefined));
}
