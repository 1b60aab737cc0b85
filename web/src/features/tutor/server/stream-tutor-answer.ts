import { createHash } from 'node:crypto';
import type { TutorMessageStatus, TutorReply, TutorTurn } from '@aula/domain';
import type { Llm } from '@aula/llm';
import {
  askedAsTurn,
  readTutorAnswer,
  type StartedAnswer,
  sentTokens,
  startTutorAnswer,
  tutorReplyOf,
} from '@aula/llm/prompts';
import { recordTutorFirstToken } from '@aula/telemetry/metrics';
import type { TutorEvent } from '../sse.ts';

// Starting the call, reading it with the leak guard, and the reply recorded are one copy in
// @aula/llm/prompts (tutor-answer.ts), shared with the chat channels; this is the web's stream.
export { askedAsTurn, type StartedAnswer, startTutorAnswer, type TutorAsk } from '@aula/llm/prompts';

export type StreamTutorAnswerDeps = {
  llm: Pick<Llm, 'streamText' | 'chain'>;
  /** Stores the answer (with the student's token and the service key); resolves with its id. */
  record: (reply: TutorReply) => Promise<string>;
  /** Markdown → sanitised HTML (the lessons' renderer). */
  render: (markdown: string) => string;
  log: (error: unknown, what: string) => void;
};

/** What people are told, per failure; the code is for clients to choose their own words. */
const SAID: Record<string, string> = {
  rate_limited: 'The tutor is busy right now. Try again in a minute.',
  unavailable: 'The tutor is not available right now. Try again in a few minutes.',
  withdrawn: 'That answer was withdrawn: it repeated how the tutor is set up.',
  internal: 'Something went wrong on our side; it has been logged.',
};

// The calls started ahead of their turn that are still under way, by whom (a hash of their token).
// On globalThis: Next bundles each route with a module registry of its own (see read-cache.ts).
const AHEAD = Symbol.for('aula.web.tutor-ahead');
const aheadOf = globalThis as typeof globalThis & { [AHEAD]?: Set<string> };
aheadOf[AHEAD] ??= new Set();
const underWay = aheadOf[AHEAD];

/**
 * `startTutorAnswer` before the course API accepted the turn, at most one at a time for `who` (the
 * caller's token): otherwise many messages sent at once by one student would each start a provider
 * call, paid for even when every turn is then refused (limits, budget). `undefined` while one is under
 * way: that message waits for its turn like any other.
 */
export function startTutorAnswerAhead({
  who,
  ...input
}: Parameters<typeof startTutorAnswer>[0] & { who: string }): StartedAnswer | undefined {
  const key = createHash('sha256').update(who).digest('base64url');
  if (underWay.has(key)) return undefined;
  underWay.add(key);
  const started = startTutorAnswer(input);
  started.stream.result.finally(() => underWay.delete(key)).catch(() => {});
  return started;
}

/**
 * The second half of a tutor exchange: asks the model with the lesson's context and streams its
 * answer, token by token, to `send`. Aborting `signal` (the student pressed stop, or left) aborts
 * the provider call. Whatever happens, the answer as far as it got is stored with provider, model,
 * tokens and timings. An answer that repeats the tutor's instructions is withdrawn.
 *
 * `early` is a call started before the turn was accepted: it goes on only when it asked exactly what
 * the turn returned (`askedAsTurn`); otherwise it is aborted unread, a new call starts with the turn's
 * context, and what the dropped call was sent counts in the answer's tokens (it may be billed).
 * Resolves with the reply as recorded and its id (null when it could not be stored).
 */
export async function streamTutorAnswer({
  deps,
  turn,
  message,
  signal,
  startedAt,
  send,
  early,
}: {
  deps: StreamTutorAnswerDeps;
  turn: TutorTurn;
  message: string;
  signal: AbortSignal;
  /** performance.now() when the request arrived. */
  startedAt: number;
  send: (event: TutorEvent) => void;
  early?: StartedAnswer;
}): Promise<{ reply: TutorReply; messageId: string | null }> {
  let wasted = 0;
  let started = early;
  if (started && !askedAsTurn(started, turn, message)) {
    started.abort();
    wasted = sentTokens(started);
    started = undefined;
  }
  started ??= startTutorAnswer({ llm: deps.llm, ask: turn, message });
  send({ event: 'conversation', data: { conversationId: turn.conversationId } });

  const stop = started.abort;
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop();
  const answer = await readTutorAnswer({
    started,
    language: turn.context.course.language,
    first: deps.llm.chain('tutor')[0],
    onToken: (text) => send({ event: 'token', data: { text } }),
    stopped: () => signal.aborted,
  }).finally(() => signal.removeEventListener('abort', stop));
  const { failure, who, firstTokenAt } = answer;
  if (failure?.code === 'internal') deps.log(failure.error, 'tutor: the provider call failed');
  // Once the answer is over, when it is known which provider and model answered.
  if (firstTokenAt !== undefined) recordTutorFirstToken(who, (firstTokenAt - startedAt) / 1000);
  const status: TutorMessageStatus = failure ? 'error' : answer.stopped ? 'stopped' : 'complete';
  const reply = tutorReplyOf({
    answer,
    started,
    status,
    startedAt,
    userMessageId: turn.userMessageId,
    wastedInput: wasted,
  });
  let messageId: string | null = null;
  try {
    messageId = await deps.record(reply);
  } catch (error) {
    deps.log(error, 'tutor: the answer could not be stored');
  }
  if (signal.aborted) return { reply, messageId }; // Nobody is listening any more.
  if (failure) {
    send({ event: 'error', data: { code: failure.code, message: SAID[failure.code] ?? SAID.internal!, messageId } });
  } else {
    send({
      event: 'end',
      data: { messageId, provider: who.provider, model: who.model, html: deps.render(answer.text) },
    });
  }
  return { reply, messageId };
}
