import { type QuestionResult, type QuizAttemptList, quizStanding } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { iso } from './access.ts';
import { asShown, gradeQuiz, readPublishedQuiz } from './grade-quiz.ts';

const asAnswers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];

/**
 * The caller's own attempts on a quiz of a published course, newest first, each with its results as
 * the quiz's policy lets them show: which answers were wrong always, the key only once the policy
 * shows it (decision 011). Results are the ones stored at submission, so a quiz regenerated later does
 * not rewrite history; attempts stored before results were kept are graded against the current
 * questions when they still match in number.
 */
export async function listQuizAttempts({ ctx, quizId }: { ctx: Ctx; quizId: string }): Promise<QuizAttemptList> {
  const { quiz, policy, questions } = await readPublishedQuiz(ctx.sql, quizId);
  const rows = await ctx.items('quiz_attempts').readByQuery({
    filter: { user: { _eq: ctx.user }, quiz: { _eq: quiz.id } },
    fields: ['id', 'score', 'passed', 'answers', 'results', 'date_created'],
    sort: ['-date_created', '-id'],
    limit: -1,
  });
  const standing = quizStanding(
    policy,
    rows.toReversed().map((r) => ({ score: r.score as number, passed: r.passed === true })),
  );
  return {
    attemptsLeft: standing.attemptsLeft,
    keyShown: standing.keyShown,
    policy,
    attempts: rows.map((row) => {
      const answers = asAnswers(row.answers);
      const results: QuestionResult[] = Array.isArray(row.results)
        ? row.results
        : answers.length === questions.length
          ? gradeQuiz(questions, answers, policy.passScore).results
          : [];
      return {
        attemptId: row.id,
        score: row.score,
        passed: row.passed,
        createdAt: iso(row.date_created),
        answers,
        results: asShown(results, standing.keyShown),
      };
    }),
  };
}
