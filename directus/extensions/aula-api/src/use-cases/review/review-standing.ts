import { quizStanding } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { POLICY_FIELDS, policyOf } from '../learning/grade-quiz.ts';

/**
 * Where the caller stands on each of these quizzes under its attempt policy (decision 011), and
 * whether their review may ask its questions yet. A review answer says right or wrong, so while the
 * quiz still counts (attempts left, not passed) and its key is withheld, asking its questions day
 * after day would let a student find the key by elimination and carry it back to the quiz: those
 * items wait until the quiz is settled (passed, no attempt left) or its key is shown.
 */
export async function reviewStandings(ctx: Ctx, quizIds: readonly string[]) {
  const ids = [...new Set(quizIds)];
  if (ids.length === 0) return new Map<string, { keyShown: boolean; open: boolean }>();
  const [quizzes, attempts] = await Promise.all([
    ctx.items('quizzes').readByQuery({ filter: { id: { _in: ids } }, fields: ['id', ...POLICY_FIELDS], limit: -1 }),
    ctx.items('quiz_attempts').readByQuery({
      filter: { user: { _eq: ctx.user }, quiz: { _in: ids } },
      fields: ['quiz', 'score', 'passed'],
      sort: ['date_created', 'id'],
      limit: -1,
    }),
  ]);
  return new Map(
    quizzes.map((quiz) => {
      const standing = quizStanding(
        policyOf(quiz),
        attempts.filter((a) => a.quiz === quiz.id).map((a) => ({ score: a.score, passed: a.passed === true })),
      );
      const open = standing.keyShown || standing.passed || standing.attemptsLeft === 0;
      return [quiz.id, { keyShown: standing.keyShown, open }];
    }),
  );
}
