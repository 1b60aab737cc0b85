import type { Api } from '../api.ts';
import { items } from '../items.ts';
import type { Write } from '../schema/rows.ts';

type NewQuiz = Write<'quizzes'> & { course: string; lesson: string; title: string };

export async function createQuiz(api: Api, quiz: NewQuiz): Promise<string> {
  return (await items(api, 'quizzes').create(quiz)).id;
}

/** The key of a lesson's quiz (one per lesson), created with `quiz` when the lesson has none. */
export async function ensureLessonQuiz(api: Api, lessonId: string, quiz: Omit<NewQuiz, 'lesson'>): Promise<string> {
  const quizzes = items(api, 'quizzes');
  const [existing] = await quizzes.list({ filter: { lesson: { _eq: lessonId } }, fields: ['id'] });
  return existing?.id ?? (await quizzes.create({ ...quiz, lesson: lessonId })).id;
}
