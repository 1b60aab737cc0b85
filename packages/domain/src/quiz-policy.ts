import { z } from 'zod';

/**
 * A quiz's attempt policy (docs/decisions/011-quiz-attempt-policy.md): how many attempts, when the
 * answer key (correct options and explanations) is shown, which attempt counts, and the pass mark.
 * Which answers were wrong, and the lesson section to reread, are shown after every attempt whatever
 * the policy: that teaches without handing out the key.
 */

/** When the key is shown: after each attempt, once the student has passed, or once no attempt is left. */
export const REVEAL_MOMENTS = ['after_each_attempt', 'after_passing', 'after_last_attempt'] as const;
export const RevealMoment = z.enum(REVEAL_MOMENTS);
export type RevealMoment = z.infer<typeof RevealMoment>;

/** Which attempt counts for the quiz's score and for passing. */
export const SCORE_RULES = ['best', 'last'] as const;
export const ScoreRule = z.enum(SCORE_RULES);
export type ScoreRule = z.infer<typeof ScoreRule>;

export const QuizPolicy = z
  .object({
    /** null = unlimited. */
    maxAttempts: z.number().int().min(1).max(100).nullable(),
    revealAnswers: RevealMoment,
    scoreRule: ScoreRule,
    passScore: z.number().int().min(0).max(100),
  })
  .strict();
export type QuizPolicy = z.infer<typeof QuizPolicy>;

/** Three tries, key once passed, best attempt counts, 70 % to pass. */
export const DEFAULT_QUIZ_POLICY: QuizPolicy = {
  maxAttempts: 3,
  revealAnswers: 'after_passing',
  scoreRule: 'best',
  passScore: 70,
};

/** One stored attempt, oldest first in `standing`. */
export type ScoredAttempt = { score: number; passed: boolean };

/** Where a student stands on a quiz under its policy, from their attempts (oldest first). */
export function quizStanding(policy: QuizPolicy, attempts: readonly ScoredAttempt[]) {
  const last = attempts.at(-1);
  const best = attempts.reduce<ScoredAttempt | undefined>((b, a) => (b && b.score >= a.score ? b : a), undefined);
  const counted = policy.scoreRule === 'last' ? last : best;
  const passed = policy.scoreRule === 'last' ? last?.passed === true : attempts.some((a) => a.passed);
  const attemptsLeft = policy.maxAttempts === null ? null : Math.max(0, policy.maxAttempts - attempts.length);
  const revealed =
    attempts.length > 0 &&
    (policy.revealAnswers === 'after_each_attempt' ||
      (policy.revealAnswers === 'after_passing' && attempts.some((a) => a.passed)) ||
      (policy.revealAnswers === 'after_last_attempt' && attemptsLeft === 0));
  return {
    attempts: attempts.length,
    attemptsLeft,
    score: counted?.score ?? null,
    bestScore: best?.score ?? null,
    passed,
    /** The answer key (correct options, explanations) may be shown to the student and the tutor. */
    keyShown: revealed,
  };
}
export type QuizStanding = ReturnType<typeof quizStanding>;
