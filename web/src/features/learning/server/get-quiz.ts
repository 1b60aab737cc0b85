import 'server-only';
import { quizPolicyOf } from '@aula/data/mappings';
import { z } from 'zod';
import { directusGet } from '../../../shared/directus.ts';
import { rowShape } from '../../../shared/row-shape.ts';

const Question = z.object(
  rowShape<'questions'>()({
    id: z.string(),
    sort: z.number().nullable(),
    prompt: z.string(),
    options: z.array(z.string()),
  }),
);

const Quiz = z
  .object({
    id: z.string(),
    title: z.string(),
    pass_score: z.number(),
    max_attempts: z.number().nullable(),
    reveal_answers: z.string(),
    score_rule: z.string(),
    questions: z.array(Question),
  })
  .transform((quiz) => ({
    id: quiz.id,
    title: quiz.title,
    passScore: quiz.pass_score,
    /** Its attempt policy (decision 011): how many tries, when the key shows, which score counts. */
    policy: quizPolicyOf(quiz),
    // The course API expects the answers in this order.
    questions: quiz.questions
      .toSorted((a, b) => (a.sort ?? 0) - (b.sort ?? 0))
      .map(({ id, prompt, options }) => ({ id, prompt, options })),
  }));
export type Quiz = z.output<typeof Quiz>;

/**
 * A lesson's quiz as the student may see it: questions and options, never the answer key (Directus's
 * permissions hide `correct_option` and `explanation` from students). `null` when the lesson has none.
 */
export async function getQuiz({ token, lessonId }: { token: string; lessonId: string }): Promise<Quiz | null> {
  const [quiz] = await directusGet(
    '/items/quizzes',
    {
      fields:
        'id,title,pass_score,max_attempts,reveal_answers,score_rule,questions.id,questions.sort,questions.prompt,questions.options',
      filter: JSON.stringify({ lesson: { _eq: lessonId } }),
      limit: '1',
    },
    z.array(Quiz),
    { token },
  );
  return quiz ?? null;
}
