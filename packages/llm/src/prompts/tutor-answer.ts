import { randomBytes } from 'node:crypto';
import { TUTOR_MAX_OUTPUT_TOKENS, type TutorMessageStatus, type TutorReply, type TutorTurn } from '@aula/domain';
import { LlmError } from '../errors.ts';
import type { Llm, Message, TextStream } from '../types.ts';
import { createLeakGuard } from './leak-guard.ts';
import { tutorConversation, tutorInstructions, tutorMessages } from './tutor.ts';

// One tutor answer, the same on every channel (the web's stream, a chat app's whole message): the
// prompt, the model chain (task `tutor`) and its output cap, the leak guard, how failures are named,
// and what is recorded. Each channel only decides what reaches the student and when.

/** What the model is asked with: the context and history a turn returned. */
export type TutorAsk = Pick<TutorTurn, 'context' | 'history'>;

/**
 * A provider call under way, its tokens waiting in `stream` until someone reads them. The web may
 * start one before its turn is accepted; it is then used only if the turn says the same (`askedAsTurn`).
 */
export type StartedAnswer = {
  canary: string;
  nonce: string;
  messages: Message[];
  /** The context the messages were built from (`askedAsTurn` compares it first). */
  context?: TutorAsk['context'];
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
  return { canary, nonce, messages, context: ask.context, stream, abort: () => upstream.abort() };
}

/**
 * Whether a call started ahead of its turn asked the model exactly what the turn says it may know:
 * the same messages, built again from the turn's context and history with the same marker and nonce.
 */
export function askedAsTurn(started: StartedAnswer, turn: TutorAsk, message: string): boolean {
  const { canary, nonce } = started;
  // The same context builds the same system message (instructions and data, with the same marker and
  // nonce): then only the conversation is built again. Any difference, and every message is compared.
  if (started.context && sameData(started.context, turn.context)) {
    const conversation = tutorConversation({ history: turn.history, message, nonce });
    return JSON.stringify(conversation) === JSON.stringify(started.messages.slice(1));
  }
  const asTurn = tutorMessages({ context: turn.context, history: turn.history, message, canary, nonce });
  return JSON.stringify(asTurn) === JSON.stringify(started.messages);
}

/** Deep equality of JSON data (objects, arrays, strings, numbers, booleans, null); key order aside. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameData(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((k) => left[k] !== undefined);
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false;
  return keys.every((k) => Object.hasOwn(right, k) && sameData(left[k], right[k]));
}

export type TutorFailureCode = 'rate_limited' | 'unavailable' | 'withdrawn' | 'internal';

export type ReadAnswer = {
  /** What the model wrote, as far as it got; empty when the answer was withdrawn. */
  text: string;
  failure?: { code: TutorFailureCode; detail: string; error?: unknown };
  /** The caller stopped the call (`stopped()` said so when it ended): not a failure. */
  stopped: boolean;
  who: { provider: string; model: string };
  usage: { inputTokens: number; outputTokens: number };
  /** performance.now() at the first token. */
  firstTokenAt?: number;
};

/**
 * Reads a started answer to its end, handing each token to `onToken`. An answer that repeats the
 * tutor's instructions (the leak guard) is cut off and withdrawn; a provider error is named by code
 * (rate_limited, unavailable, internal), except when `stopped()` says the caller ended the call.
 */
export async function readTutorAnswer({
  started,
  language,
  first,
  onToken,
  stopped,
}: {
  started: StartedAnswer;
  /** The course's language: the instructions the guard looks for are in it. */
  language: string;
  /** Who is expected to answer (the chain's first), until the provider says. */
  first: { provider: string; model: string } | undefined;
  onToken?: (token: string) => void;
  stopped: () => boolean;
}): Promise<ReadAnswer> {
  const guard = createLeakGuard(tutorInstructions({ language, canary: started.canary }), started.canary);
  const answer: ReadAnswer = {
    text: '',
    stopped: false,
    who: first ?? { provider: 'unknown', model: 'unknown' },
    usage: { inputTokens: 0, outputTokens: 0 },
  };
  try {
    for await (const token of started.stream) {
      if (guard.leaks((answer.text + token).slice(-800))) {
        answer.failure = { code: 'withdrawn', detail: 'the answer repeated the instructions' };
        started.abort();
        break;
      }
      answer.text += token;
      answer.firstTokenAt ??= performance.now();
      onToken?.(token);
    }
    if (!answer.failure) {
      const result = await started.stream.result;
      answer.who = { provider: result.provider, model: result.model };
      answer.usage = result.usage;
    }
  } catch (error) {
    if (error instanceof LlmError && error.provider)
      answer.who = { provider: error.provider, model: error.model ?? answer.who.model };
    if (stopped()) answer.stopped = true;
    else {
      const code: TutorFailureCode =
        error instanceof LlmError
          ? error.code === 'rate_limited'
            ? 'rate_limited'
            : ['unavailable', 'not_configured'].includes(error.code)
              ? 'unavailable'
              : 'internal'
          : 'internal';
      answer.failure = { code, detail: error instanceof Error ? error.message : String(error), error };
    }
  }
  if (answer.failure?.code === 'withdrawn') answer.text = '';
  return answer;
}

const estimate = (text: string) => Math.ceil(text.length / 4);

/**
 * The reply a turn records (`recordTutorReply` settles the budget with it): the answer, who gave it,
 * tokens (estimated from the text when the provider said none; plus `wastedInput`, what a dropped
 * early call was sent) and timings since `startedAt` (performance.now() when the question arrived).
 */
export function tutorReplyOf({
  answer,
  started,
  status,
  startedAt,
  userMessageId,
  wastedInput = 0,
}: {
  answer: ReadAnswer;
  started: StartedAnswer;
  status: TutorMessageStatus;
  startedAt: number;
  userMessageId: TutorReply['userMessageId'];
  wastedInput?: number;
}): TutorReply {
  const { text, failure, who, firstTokenAt } = answer;
  const usage =
    answer.usage.inputTokens === 0
      ? { inputTokens: estimate(started.messages.map((m) => m.content).join('\n')), outputTokens: estimate(text) }
      : answer.usage;
  return {
    content: text,
    status,
    ...(failure ? { error: `${failure.code}: ${failure.detail}`.slice(0, 2000) } : {}),
    provider: who.provider,
    model: who.model,
    tokensIn: usage.inputTokens + wastedInput,
    tokensOut: usage.outputTokens,
    latencyMs: Math.round(performance.now() - startedAt),
    ...(firstTokenAt === undefined ? {} : { ttftMs: Math.round(firstTokenAt - startedAt) }),
    userMessageId,
  };
}

/** How much a dropped early call was sent, in estimated tokens: it may be billed. */
export const sentTokens = (started: StartedAnswer) => estimate(started.messages.map((m) => m.content).join('\n'));
