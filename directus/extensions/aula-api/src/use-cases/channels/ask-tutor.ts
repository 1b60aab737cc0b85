import type { TutorReply, TutorTurn } from '@aula/domain';
import { readTutorAnswer, startTutorAnswer, tutorReplyOf } from '@aula/llm/prompts';
import type { Ctx } from '../../context.ts';

/** A chat app waits for the whole answer: at most this long. */
const ANSWER_TIMEOUT_MS = 60_000;

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
  const started = startTutorAnswer({ llm, ask: turn, message });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    started.abort();
  }, ANSWER_TIMEOUT_MS);
  const answer = await readTutorAnswer({
    started,
    language: turn.context.course.language,
    first: llm.chain('tutor')[0],
    stopped: () => timedOut,
  }).finally(() => clearTimeout(timer));
  // Out of time is the tutor being unavailable: the chat gets no half answer.
  const failure = answer.stopped ? { code: 'unavailable' as const, detail: 'no answer in time' } : answer.failure;
  if (failure?.code === 'internal') ctx.logger.error(answer.failure?.error, 'aula channels: the tutor call failed');
  const reply = tutorReplyOf({
    answer: { ...answer, failure },
    started,
    status: failure ? 'error' : 'complete',
    startedAt,
    userMessageId: turn.userMessageId,
  });
  return { text: failure ? '' : answer.text, failure: failure?.code ?? null, reply };
}
