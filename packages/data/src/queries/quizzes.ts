import type { Api } from '../api.ts';
import { items } from '../items.ts';
import type { Write } from '../schema/rows.ts';

type NewQuiz = Write<'quizzes'> & { course: string; lesson: string; title: string };

export async function createQuiz(api: Api, quiz: NewQuiz): Promise<string> {
  return (await items(api, 'quizzes').create(quiz)).id;
}
