import { createHash, randomBytes } from 'node:crypto';
import { TUTOR_MAX_OUTPUT_TOKENS, type TutorMessageStatus, type TutorReply, type TutorTurn } from '@aula/domain';
import { type Llm, LlmError, type Message, type TextStream } from '@aula/llm';
import { tutorInstructions, tutorMessages } from '@aula/llm/prompts';
import { recordTutorFirstToken } from '@aula/telemetry/metrics';
import type { TutorEvent } from '../sse.ts';
import { createLeakGuard } from './leak-guard.ts';

export type StreamTutorAnswerDeps = {
  llm: Pick<Llm, 'streamText' | 'chain'>;
  /** Stores the answer (with the student's token and the service key); resolves with its id. */
  record: (reply: TutorReply) => Promise<string>;
  /** Markdown → sanitised HTML (the lessons' renderer). */
  render: (markdown: string) => string;
  log: (error: unknown, what: string) => void;
};

const estimate = (text: string) => Math.ceil(text.length / 4);

/** What people are told, per failure; the code is for clients to choose their own words. */
const SAID: Record<string, string> = {
  rate_limited: 'The tutor is busy right now. Try again in a minute.',
  unavailable: 'The tutor is not available right now. Try again in a few minutes.',
  withdrawn: 'That answer was withdrawn: it repeated how the tutor is set up.',
  internal: 'Something went wrong on our side; it has been logged.',
};

/** What the model is asked with: the context and history a turn returned. */
export type TutorAsk = Pick<TutorTurn, 'context' | 'history'>;

/**
 * A provider call under way, its tokens waiting in `stream` until someone reads them. Started before
 * its turn is accepted (`startTutorAnswer`), it is used only if the turn says the same (`askedAsTurn`).
 */
export type StartedAnswer = {
  canary: string;
  nonce: string;
  messages: Message[];
  stream: TextStream;
  abort: () => void;
};

/** Starts the model on `message` with `ask` now; nothing is sent to anyone until the stream is read. */
export function startTutorAnswer({
  llm,
  ask,
  message,
}: {
  llm: Pick<Llm, 'streamText'>;
  ask: TutorAsk;
  message: string;
}): StartedAnswer {
  const canary = `AULA-${randomBytes(6).toString('hex')}`;
  const nonce = randomBytes(6).toString('hex');
  const messages = tutorMessages({ context: ask.context, history: ask.history, message, canary, nonce });
  const upstream = new AbortController();
  const stream = llm.streamText({
    task: 'tutor',
    messages,
    signal: upstream.signal,
    maxOutputTokens: TUTOR_MAX_OUTPUT_TOKENS,
    temperature: 0.3,
  });
  return { canary, nonce, messages, stream, abort: () => upstream.abort() };
}

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
 * Whether a call started ahead of its turn asked the model exactly what the turn says it may know:
 * the same messages, built again from the turn's context and history with the same marker and nonce.
 */
export function askedAsTurn(started: StartedAnswer, turn: TutorAsk, message: string): boolean {
  const { canary, nonce } = started;
  const asTurn = tutorMessages({ context: turn.context, history: turn.history, message, canary, nonce });
  return JSON.stringify(asTurn) === JSON.stringify(started.messages);
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
    wasted = estimate(started.messages.map((m) => m.content).join('\n'));
    started = undefined;
  }
  started ??= startTutorAnswer({ llm: deps.llm, ask: turn, message });
  const { canary, messages, stream } = started;
  const guard = createLeakGuard(tutorInstructions({ language: turn.context.course.language, canary }), canary);
  send({ event: 'conversation', data: { conversationId: turn.conversationId } });

  const stop = started.abort;
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop();
  let text = '';
  let firstTokenAt: number | undefined;
  let status: TutorMessageStatus = 'complete';
  let failure: { code: string; detail: string } | undefined;
  let who = deps.llm.chain('tutor')[0] ?? { provider: 'unknown', model: 'unknown' };
  let usage = { inputTokens: 0, outputTokens: 0 };
  try {
    for await (const token of stream) {
      if (guard.leaks((text + token).slice(-800))) {
        failure = { code: 'withdrawn', detail: 'the answer repeated the instructions' };
        stop();
        break;
      }
      text += token;
      firstTokenAt ??= performance.now();
      send({ event: 'token', data: { text: token } });
    }
    if (!failure) {
      const result = await stream.result;
      who = { provider: result.provider, model: result.model };
      usage = result.usage;
    }
  } catch (error) {
    if (error instanceof LlmError && error.provider)
      who = { provider: error.provider, model: error.model ?? who.model };
    if (signal.aborted) status = 'stopped';
    else {
      const code =
        error instanceof LlmError
          ? error.code === 'rate_limited'
            ? 'rate_limited'
            : ['unavailable', 'not_configured'].includes(error.code)
              ? 'unavailable'
              : 'internal'
          : 'internal';
      failure = { code, detail: error instanceof Error ? error.message : String(error) };
      if (code === 'internal') deps.log(error, 'tutor: the provider call failed');
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  // Once the answer is over, when it is known which provider and model answered.
  if (firstTokenAt !== undefined) recordTutorFirstToken(who, (firstTokenAt - startedAt) / 1000);
  if (failure) status = 'error';
  if (failure?.code === 'withdrawn') text = '';
  if (usage.inputTokens === 0) {
    usage = { inputTokens: estimate(messages.map((m) => m.content).join('\n')), outputTokens: estimate(text) };
  }
  usage = { ...usage, inputTokens: usage.inputTokens + wasted };

  const reply: TutorReply = {
    content: text,
    status,
    ...(failure ? { error: `${failure.code}: ${failure.detail}`.slice(0, 2000) } : {}),
    provider: who.provider,
    model: who.model,
    tokensIn: usage.inputTokens,
    tokensOut: usage.outputTokens,
    latencyMs: Math.round(performance.now() - startedAt),
    ...(firstTokenAt === undefined ? {} : { ttftMs: Math.round(firstTokenAt - startedAt) }),
    userMessageId: turn.userMessageId,
  };
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
    send({ event: 'end', data: { messageId, provider: who.provider, model: who.model, html: deps.render(text) } });
  }
  return { reply, messageId };
}
