import { z } from 'zod';

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

/** A `questions` row as Directus stores it (the fields a draft maps to). */
export type QuestionRow = {
  prompt: string;
  options: string[];
  correct_option: number;
  explanation: string | null;
  lesson_section: string | null;
};

/** A stored question as a draft, in the shape a regeneration result keeps. */
export function questionDraftOf(row: QuestionRow): QuestionDraft {
  return {
    prompt: row.prompt,
    options: row.options,
    correctOption: row.correct_option,
    explanation: row.explanation ?? null,
    lessonSection: row.lesson_section ?? null,
  };
}

/** The rows that replace a quiz's questions as a whole, in order (the workers and accept write the same). */
export function questionRowsOf(quizId: string, drafts: QuestionDraft[]) {
  return drafts.map((q, i) => ({
    quiz: quizId,
    sort: i + 1,
    prompt: q.prompt,
    options: q.options,
    correct_option: q.correctOption,
    explanation: q.explanation,
    lesson_section: q.lessonSection,
  }));
}

/** True when two sets of questions say the same (order included). */
export function sameQuestions(a: QuestionDraft[], b: QuestionDraft[]): boolean {
  const key = (qs: QuestionDraft[]) =>
    JSON.stringify(
      qs.map((q) => [q.prompt, q.options, q.correctOption, q.explanation ?? null, q.lessonSection ?? null]),
    );
  return key(a) === key(b);
}
