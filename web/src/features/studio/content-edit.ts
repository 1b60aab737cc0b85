import {
  type LessonEdit,
  MAX_EXPLANATION_CHARS,
  MAX_LESSON_CHARS,
  MAX_OPTION_CHARS,
  MAX_PROMPT_CHARS,
  type QuestionEdit,
} from '@aula/domain';

/**
 * What a content manager may save from the review page, checked before it goes to Directus (which
 * checks again): a lesson's Markdown, and a question's prompt, four options, correct option and
 * explanation. Each problem names its field, to be shown beside it. The limits and the body schemas
 * are `@aula/domain`'s (`LessonEdit`, `QuestionEdit`), which the studio's routes parse with.
 */

export type LessonProblem = 'bodyEmpty' | 'bodyTooLong';
export type QuestionField = 'prompt' | 'option0' | 'option1' | 'option2' | 'option3' | 'correctOption' | 'explanation';
export type QuestionProblem = 'empty' | 'tooLong' | 'noCorrect';

export function lessonProblems({ body }: LessonEdit): { body?: LessonProblem } {
  if (body.trim() === '') return { body: 'bodyEmpty' };
  if (body.length > MAX_LESSON_CHARS) return { body: 'bodyTooLong' };
  return {};
}

export function questionProblems(edit: QuestionEdit): Partial<Record<QuestionField, QuestionProblem>> {
  const problems: Partial<Record<QuestionField, QuestionProblem>> = {};
  const check = (field: QuestionField, text: string, max: number, required: boolean) => {
    if (required && text.trim() === '') problems[field] = 'empty';
    else if (text.length > max) problems[field] = 'tooLong';
  };
  check('prompt', edit.prompt, MAX_PROMPT_CHARS, true);
  for (let i = 0; i < 4; i++) check(`option${i}` as QuestionField, edit.options[i] ?? '', MAX_OPTION_CHARS, true);
  if (!Number.isInteger(edit.correctOption) || edit.correctOption < 0 || edit.correctOption > 3) {
    problems.correctOption = 'noCorrect';
  }
  check('explanation', edit.explanation, MAX_EXPLANATION_CHARS, false);
  return problems;
}

/**
 * A question edit as a `questions` row patch (an empty explanation is none). It clears the quiz
 * checks' flags: a person has read and rewritten the question, the flags spoke of the old text.
 */
export function questionPatch(edit: QuestionEdit) {
  return {
    prompt: edit.prompt.trim(),
    options: edit.options.map((option) => option.trim()),
    correct_option: edit.correctOption,
    explanation: edit.explanation.trim() === '' ? null : edit.explanation.trim(),
    check_flags: null,
  };
}
