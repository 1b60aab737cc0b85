import { DEFAULT_QUIZ_POLICY, QuizPolicy } from '@aula/domain';
import type { Row } from '../schema/rows.ts';

/** The policy of a `quizzes` row (snake_case columns); a missing column takes the default. */
export function quizPolicyOf(
  row: Partial<Pick<Row<'quizzes'>, 'max_attempts' | 'pass_score'>> & {
    reveal_answers?: string | null;
    score_rule?: string | null;
  },
): QuizPolicy {
  return QuizPolicy.parse({
    maxAttempts: row.max_attempts === undefined ? DEFAULT_QUIZ_POLICY.maxAttempts : row.max_attempts,
    revealAnswers: row.reveal_answers ?? DEFAULT_QUIZ_POLICY.revealAnswers,
    scoreRule: row.score_rule ?? DEFAULT_QUIZ_POLICY.scoreRule,
    passScore: row.pass_score ?? DEFAULT_QUIZ_POLICY.passScore,
  });
}
