import { AulaError, invalidFromIssues, QuizAttemptRequest, type QuizAttemptResult, quizStanding } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { recordMisses } from '../review/record-misses.ts';
import { requireEnrollment } from './access.ts';
import { courseProgress, finishCourseIfDone } from './course-progress.ts';
import { asShown, gradeQuiz, readPublishedQuiz } from './grade-quiz.ts';

/**
 * Grades an enrolled caller's answers on the server and stores the attempt as theirs (the body carries
 * answers only, so score and owner cannot be forged), under the quiz's attempt policy (decision 011):
 * an attempt beyond the allowed number is refused (conflict), and the answer key is returned only when
 * the policy shows it; which answers were wrong, and the section to reread, always. Attempts of one
 * student in one course are serialised by a lock on their enrolment, so parallel submissions cannot
 * slip past the limit. A pass that was the course's last step finishes the course; each question missed goes into the
 * student's spaced review.
 */
export async function submitQuizAttempt({
  ctx,
  quizId,
  input,
}: {
  ctx: Ctx;
  quizId: string;
  input: unknown;
}): Promise<QuizAttemptResult> {
  const { quiz, policy, questions } = await readPublishedQuiz(ctx, quizId);
  const parsed = QuizAttemptRequest.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const enrollment = await requireEnrollment(ctx, quiz.course);
  if (questions.length === 0) throw new AulaError('conflict', 'This quiz has no questions yet.');
  const { answers } = parsed.data;
  if (answers.length !== questions.length) {
    const message = `Answer each of the ${questions.length} questions, in order (got ${answers.length}).`;
    throw new AulaError('invalid', `answers: ${message}`, [{ field: 'answers', message }]);
  }

  const { score, passed, results } = gradeQuiz(questions, answers, policy.passScore);
  const { attemptId, mine } = await ctx.transaction(async (items, knex) => {
    await knex('enrollments').where({ id: enrollment.id }).forUpdate();
    const before = await items('quiz_attempts').readByQuery({
      filter: { user: { _eq: ctx.user }, quiz: { _eq: quiz.id } },
      fields: ['score', 'passed'],
      sort: ['date_created', 'id'],
      limit: -1,
    });
    if (policy.maxAttempts !== null && before.length >= policy.maxAttempts) {
      const n = policy.maxAttempts;
      throw new AulaError(
        'conflict',
        `You have used ${n === 1 ? 'your only attempt' : `all ${n} attempts`} at this quiz. Review the lesson; your teacher can allow more.`,
        [{ field: 'attempts', message: 'none left' }],
      );
    }
    const id = await items('quiz_attempts').createOne({
      user: ctx.user,
      quiz: quiz.id,
      answers,
      results,
      score,
      passed,
    });
    return { attemptId: id as string, mine: [...before, { score, passed }] };
  });
  // Each question missed comes back in the student's spaced review (decision 021). The attempt is
  // stored already: a failure here is logged, not turned into a failed submission the student would retry.
  await recordMisses(ctx, quiz, results).catch((error: unknown) =>
    ctx.logger.error(error, 'aula course API: missed questions not added to the review'),
  );
  const standing = quizStanding(
    policy,
    mine.map((a) => ({ score: a.score as number, passed: a.passed === true })),
  );
  if (standing.passed) {
    const [progress] = await courseProgress(ctx, [enrollment]);
    if (progress) await finishCourseIfDone(ctx, enrollment.id, progress);
  }
  return {
    attemptId,
    quizId: quiz.id,
    lessonId: quiz.lesson,
    score,
    passed,
    passScore: policy.passScore,
    bestScore: standing.bestScore ?? score,
    quizScore: standing.score ?? score,
    quizPassed: standing.passed,
    attempts: standing.attempts,
    attemptsLeft: standing.attemptsLeft,
    keyShown: standing.keyShown,
    policy,
    results: asShown(results, standing.keyShown),
  };
}
