import type { QuestionDraft } from '@aula/domain';
import type { Api } from '../api.ts';
import { items } from '../items.ts';
import { questionRowsOf } from '../mappings/questions.ts';
import type { Write } from '../schema/rows.ts';
import { replaceQuizQuestions } from './questions.ts';

type NewQuiz = Write<'quizzes'> & { course: string; lesson: string; title: string };

export async function createQuiz(api: Api, quiz: NewQuiz): Promise<string> {
  return (await items(api, 'quizzes').create(quiz)).id;
}

/** The key of a lesson's quiz, if it has one. */
export async function findLessonQuiz(api: Api, lessonId: string): Promise<string | undefined> {
  const [existing] = await items(api, 'quizzes').list({ filter: { lesson: { _eq: lessonId } }, fields: ['id'] });
  return existing?.id;
}

/**
 * A lesson's quiz with exactly `drafts` as its questions: when the lesson has none (`existingId`, from
 * `findLessonQuiz`), the quiz and its questions in one request; otherwise its questions replaced as a
 * whole, so a retry never leaves duplicates. Answers the quiz's key.
 */
export async function storeLessonQuiz(
  api: Api,
  input: { lessonId: string; quiz: Omit<NewQuiz, 'lesson'>; drafts: QuestionDraft[]; existingId: string | undefined },
): Promise<string> {
  if (input.existingId) {
    await replaceQuizQuestions(api, input.existingId, input.drafts);
    return input.existingId;
  }
  const questions = questionRowsOf('', input.drafts).map(({ quiz: _, ...row }) => row);
  // Nested rows: the quiz's o2m `questions` takes the new questions themselves.
  return (
    await api.request<{ id: string }>('POST', '/items/quizzes', { ...input.quiz, lesson: input.lessonId, questions })
  ).id;
}
