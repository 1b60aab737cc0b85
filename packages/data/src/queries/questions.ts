import type { QuestionDraft } from '@aula/domain';
import type { Api } from '../api.ts';
import { items } from '../items.ts';
import { QUESTION_FIELDS, questionDraftOf, questionRowsOf } from '../mappings/questions.ts';

/** Adds `drafts` to a quiz that has no questions yet. */
export async function addQuizQuestions(api: Api, quizId: string, drafts: QuestionDraft[]): Promise<void> {
  await items(api, 'questions').createMany(questionRowsOf(quizId, drafts));
}

/** A quiz's questions as drafts, in their order. */
export async function listQuizQuestionDrafts(api: Api, quizId: string): Promise<QuestionDraft[]> {
  const rows = await items(api, 'questions').list({
    filter: { quiz: { _eq: quizId } },
    fields: [...QUESTION_FIELDS],
    sort: ['sort', 'id'],
  });
  return rows.map(questionDraftOf);
}
