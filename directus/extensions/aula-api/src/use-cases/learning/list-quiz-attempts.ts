import type { QuizAttemptList } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { iso } from './access.ts';
import { gradeQuiz, readPublishedQuiz } from './grade-quiz.ts';

const asAnswers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];

/**
 * The caller's own attempts on a quiz of a published course, newest first, each with its results:
 * they were submitted, so the answer key may show. Results are the ones stored at submission, so a
 * quiz regenerated later does not rewrite history; attempts stored before results were kept are
 * graded against the current questions when they still match in number.
 */
export async function listQuizAttempts({ ctx, quizId }: { ctx: Ctx; quizId: string }): Promise<QuizAttemptList> {
  const { quiz, questions } = await readPublishedQuiz(ctx, quizId);
  const rows = await ctx.items('quiz_attempts').readByQuery({
    filter: { user: { _eq: ctx.user }, quiz: { _eq: quiz.id } },
    fields: ['id', 'score', 'passed', 'answers', 'results', 'date_created'],
    sort: ['-date_created', '-id'],
    limit: -1,
  });
  return {
    attempts: rows.map((row) => {
      const answers = asAnswers(row.answers);
      return {
        attemptId: row.id,
        score: row.score,
        passed: row.passed,
        createdAt: iso(row.date_created),
        answers,
        results: Array.isArray(row.results)
          ? row.results
          : answers.length === questions.length
            ? gradeQuiz(questions, answers, quiz.pass_score).results
            : [],
      };
    }),
  };
}
