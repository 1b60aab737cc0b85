import 'server-only';
import { createHash } from 'node:crypto';
import {
  TUTOR_HISTORY_MESSAGES,
  type TutorContext,
  type TutorConversation,
  type TutorMessage,
  type TutorReply,
  type TutorTurn,
} from '@aula/domain';
import type { TutorAsk } from '@aula/llm/prompts';
import { READ_CACHE_TTL_MS } from '../../../shared/cache/read-cache.ts';
import { TtlCache } from '../../../shared/cache/ttl-cache.ts';

// What the tutor last asked the model for a student, per lesson and conversation, kept as long as the
// read cache keeps a student's answers (decision 006): the context (course, lesson, outline, quiz as
// the student may see it) and the history with the last exchange added. With it the next message's
// provider call starts while the course API is still checking and storing the turn; the turn's own
// context decides whether that call goes on (`askedAsTurn`). Kept per access token: only its holder's
// requests read it. Only what the course API returned puts anything here: an accepted turn, or the
// context it reads for the tutor panel (`keepContext`, through the turn's own SQL) so that a first
// message asks ahead too. A refusal forgets it and turns asking ahead off for the student until a turn
// of theirs is accepted again, so a student who is refused (limits, budget, enrolment) gets no early
// call on their next message, however often the panel is opened again.

const tokenKey = (token: string) => createHash('sha256').update(token).digest('base64url');
const key = (token: string, lessonId: string, conversationId: string | undefined) =>
  `${tokenKey(token)}:${lessonId}:${conversationId ?? 'new'}`;

// On globalThis: Next bundles each route with a module registry of its own (see read-cache.ts).
const KEY = Symbol.for('aula.web.tutor-asks');
const global = globalThis as typeof globalThis & { [KEY]?: TtlCache<string, TutorAsk> };
global[KEY] ??= new TtlCache({ max: 20_000, ttlMs: READ_CACHE_TTL_MS });
const asks = global[KEY];

// Tokens whose last turn was refused: the panel's context is not kept, and nothing is asked ahead,
// for them until a turn of theirs is accepted (`keepAsk`), for as long as a token lives at most (15
// minutes in Directus; a day here); a session's next token starts afresh.
const REFUSED = Symbol.for('aula.web.tutor-refused');
const refusedOf = globalThis as typeof globalThis & { [REFUSED]?: TtlCache<string, true> };
refusedOf[REFUSED] ??= new TtlCache({ max: 20_000, ttlMs: 24 * 60 * 60 * 1000 });
const refused = refusedOf[REFUSED];

/** What the model was last asked for this student, lesson and conversation (a new one: no conversation). */
export function lastAsk(token: string, lessonId: string, conversationId: string | undefined): TutorAsk | undefined {
  if (refused.get(tokenKey(token))) return undefined;
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
  refused.delete(tokenKey(token));
}

/**
 * The tutor panel opened: the context the course API returned for the lesson (the turn's own read),
 * and the latest conversation the panel shows, are kept as an accepted turn would keep them, so the
 * first message (a new conversation, or the one on screen) starts its provider call at once. Not for
 * a student whose last turn was refused.
 */
export function keepContext(
  token: string,
  lessonId: string,
  context: TutorContext,
  latest: Pick<TutorConversation, 'id' | 'messages'> | null,
): void {
  if (refused.get(tokenKey(token))) return;
  asks.set(key(token, lessonId, undefined), { context, history: [] });
  if (latest) {
    asks.set(key(token, lessonId, latest.id), { context, history: latest.messages.slice(-TUTOR_HISTORY_MESSAGES) });
  }
}

/**
 * A turn was refused: no early call for this student's next message about the lesson, and, when the
 * course API refused a token it had checked (`checked`: limits, budget, enrolment, someone else's
 * conversation; not "signed out"), none at all with this token, whatever the panel reads meanwhile,
 * until one of its turns is accepted. (A token Directus does not accept reads no context either.)
 */
export function forgetAsks(
  token: string,
  lessonId: string,
  conversationId: string | undefined,
  { checked }: { checked: boolean },
): void {
  asks.delete(key(token, lessonId, conversationId));
  asks.delete(key(token, lessonId, undefined));
  if (checked) refused.set(tokenKey(token), true);
}
