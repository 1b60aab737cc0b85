import type { QuestionDraft } from '@aula/domain';
import type { Row } from '../schema/rows.ts';

/** The fields of a `questions` row a draft maps to. */
export type QuestionFields = Pick<
  Row<'questions'>,
  'prompt' | 'options' | 'correct_option' | 'explanation' | 'lesson_section' | 'check_flags'
>;
export const QUESTION_FIELDS = [
  'prompt',
  'options',
  'correct_option',
  'explanation',
  'lesson_section',
  'check_flags',
] as const;

/** A stored question as a draft, in the shape a regeneration result keeps. */
export function questionDraftOf(row: QuestionFields): QuestionDraft {
  return {
    prompt: row.prompt,
    options: row.options,
    correctOption: row.correct_option,
    explanation: row.explanation ?? null,
    lessonSection: row.lesson_section ?? null,
    ...(row.check_flags?.length ? { checkFlags: row.check_flags } : {}),
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
    check_flags: q.checkFlags?.length ? q.checkFlags : null,
  }));
}
