import { randomBytes } from 'node:crypto';
import { TUTOR_MAX_OUTPUT_TOKENS, type TutorReply, type TutorTurn } from '@aula/domain';
import { LlmError } from '@aula/llm';
import { createLeakGuard, tutorInstructions, tutorMessages } from '@aula/llm/prompts';
import type { Ctx } from '../../context.ts';

/** A chat app waits for the whole answer: at most this long. */
const ANSWER_TIMEOUT_MS = 60_000;

const estimate = (text: string) => Math.ceil(text.length / 4);

export type ChatAnswer = {
  /** The answer as the model wrote it (Markdown); empty when it failed or was withdrawn. */
  text: string;
  /** Why there is no answer: rate_limited, unavailable, withdrawn, internal. */
  failure: string | null;
  reply: TutorReply;
};

/**
 * The model's answer to a tutor turn started for a chat message: the web tutor's prompt
 * (`tutorMessages`), its leak guard (an answer repeating the instructions is withdrawn), its model
 * chain (task `tutor`) and output cap, collected whole instead of streamed. The reply (who answered,
 * tokens, timings) is what `recordTutorReply` stores, settling the turn's hold on the budget.
 */
export async function askTutor(ctx: Ctx, turn: TutorTurn, message: string, startedAt: number): Promise<ChatAnswer> {
  const llm = ctx.llm();
  const canary = `AULA-${randomBytes(6).toString('hex')}`;
  const nonce = randomBytes(6).toString('hex');
  const messages = tutorMessages({ context: turn.context, history: turn.history, message, canary, nonce });
  const guard = createLeakGuard(tutorInstructions({ language: turn.context.course.language, canary }), canary);
  const upstream = new AbortController();
  const timer = setTimeout(() => upstream.abort(), ANSWER_TIMEOUT_MS);
  let who = llm.chain('tutor')[0] ?? { provider: 'unknown', model: 'unknown' };
  let usage = { inputTokens: 0, outputTokens: 0 };
  let text = '';
  let failure: { code: string; detail: string } | null = null;
  let firstTokenAt: number | undefined;
  try {
    const stream = llm.streamText({
      task: 'tutor',
      messages,
      signal: upstream.signal,
      maxOutputTokens: TUTOR_MAX_OUTPUT_TOKENS,
      temperature: 0.3,
    });
    for await (const token of stream) {
      if (guard.leaks((text + token).slice(-800))) {
        failure = { code: 'withdrawn', detail: 'the answer repeated the instructions' };
        upstream.abort();
        break;
      }
      text += token;
      firstTokenAt ??= performance.now();
    }
    if (!failure) {
      const result = await stream.result;
      who = { provider: result.provider, model: result.model };
      usage = result.usage;
    }
  } catch (error) {
    if (error instanceof LlmError && error.provider)
      who = { provider: error.provider, model: error.model ?? who.model };
    const code =
      error instanceof LlmError
        ? error.code === 'rate_limited'
          ? 'rate_limited'
          : ['unavailable', 'not_configured'].includes(error.code)
            ? 'unavailable'
            : 'internal'
        : upstream.signal.aborted
          ? 'unavailable'
          : 'internal';
    failure = { code, detail: error instanceof Error ? error.message : String(error) };
    if (code === 'internal') ctx.logger.error(error, 'aula channels: the tutor call failed');
  } finally {
    clearTimeout(timer);
  }
  if (failure?.code === 'withdrawn') text = '';
  if (usage.inputTokens === 0) {
    usage = { inputTokens: estimate(messages.map((m) => m.content).join('\n')), outputTokens: estimate(text) };
  }
  const reply: TutorReply = {
    content: text,
    status: failure ? 'error' : 'complete',
    ...(failure ? { error: `${failure.code}: ${failure.detail}`.slice(0, 2000) } : {}),
    provider: who.provider,
    model: who.model,
    tokensIn: usage.inputTokens,
    tokensOut: usage.outputTokens,
    latencyMs: Math.round(performance.now() - startedAt),
    ...(firstTokenAt === undefined ? {} : { ttftMs: Math.round(firstTokenAt - startedAt) }),
    userMessageId: turn.userMessageId,
  };
  return { text: failure ? '' : text, failure: failure?.code ?? null, reply };
}
