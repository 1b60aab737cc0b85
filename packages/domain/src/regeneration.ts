import { z } from 'zod';
import { QuizCheckFlag } from './quiz-checks.ts';

/**
 * A regeneration run does not overwrite: the worker stores the old and the new version on the run
 * (`generation_runs.result`), and a content manager accepts (`POST /aula/runs/:id/accept`) or
 * discards (`POST /aula/runs/:id/discard`) it after seeing the diff.
 */
export const QuestionDraft = z
  .object({
    prompt: z.string(),
    options: z.array(z.string()),
    correctOption: z.number().int().min(0).max(3),
    explanation: z.string().nullable(),
    lessonSection: z.string().nullable(),
    /** The quiz checks it still fails (decision 020); absent when it passed them all. */
    checkFlags: z.array(QuizCheckFlag).optional(),
  })
  .strict();
export type QuestionDraft = z.infer<typeof QuestionDraft>;

export const RegenerationResult = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('lesson'),
      lessonId: z.uuid(),
      before: z.object({ body: z.string() }).strict(),
      after: z.object({ body: z.string() }).strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('quiz'),
      quizId: z.uuid(),
      lessonId: z.uuid(),
      before: z.object({ questions: z.array(QuestionDraft) }).strict(),
      after: z.object({ questions: z.array(QuestionDraft) }).strict(),
    })
    .strict(),
]);
export type RegenerationResult = z.infer<typeof RegenerationResult>;

export const RUN_DECISIONS = ['accepted', 'discarded'] as const;
export const RunDecision = z.enum(RUN_DECISIONS);
export type RunDecision = z.infer<typeof RunDecision>;

/** True when two sets of questions say the same (order included). */
export function sameQuestions(a: QuestionDraft[], b: QuestionDraft[]): boolean {
  const key = (qs: QuestionDraft[]) =>
    JSON.stringify(
      qs.map((q) => [q.prompt, q.options, q.correctOption, q.explanation ?? null, q.lessonSection ?? null]),
    );
  return key(a) === key(b);
}
