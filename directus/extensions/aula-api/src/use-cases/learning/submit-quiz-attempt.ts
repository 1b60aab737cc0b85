import { AulaError, invalidFromIssues, QuizAttemptRequest, type QuizAttemptResult, quizStanding } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import type { Knex } from '../../directus.ts';
import { recordMisses } from '../review/record-misses.ts';
import { ENROLLMENT_FIELDS, type EnrollmentRow } from './access.ts';
import { courseProgress, finishCourseIfDone } from './course-progress.ts';
import { asShown, gradeQuiz, readPublishedQuiz, type Sql } from './grade-quiz.ts';

/**
 * Grades an enrolled caller's answers on the server and stores the attempt as theirs (the body carries
 * answers only, so score and owner cannot be forged), under the quiz's attempt policy (decision 011):
 * an attempt beyond the allowed number is refused (conflict), and the answer key is returned only when
 * the policy shows it; which answers were wrong, and the section to reread, always. Attempts of one
 * student in one course are serialised by a lock on their enrolment, so parallel submissions cannot
 * slip past the limit. A pass that was the course's last step finishes the course; each question missed goes into the
 * student's spaced review.
 *
 * Reading the quiz, grading and storing happen in one transaction on one connection, in four SQL
 * statements: the quiz with its questions, the enrolment found and locked, the earlier attempts, and
 * the new attempt (decisions 016 and 024: no Directus service on the path, no cache purge).
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
  const { attemptId, quiz, policy, enrollment, score, results, mine } = await ctx.transaction(async (_items, knex) => {
    const sql: Sql = async <R>(text: string, bindings: readonly unknown[]) => (await knex.raw<R>(text, bindings)).rows;
    const { quiz, policy, questions } = await readPublishedQuiz(sql, quizId);
    const parsed = QuizAttemptRequest.safeParse(input);
    if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
    const { enrollment, before } = await lockEnrollment(knex, ctx.user, quiz.course, quiz.id);
    if (!enrollment) throw new AulaError('conflict', 'Enrol in the course first.');
    if (questions.length === 0) throw new AulaError('conflict', 'This quiz has no questions yet.');
    const { answers } = parsed.data;
    if (answers.length !== questions.length) {
      const message = `Answer each of the ${questions.length} questions, in order (got ${answers.length}).`;
      throw new AulaError('invalid', `answers: ${message}`, [{ field: 'answers', message }]);
    }
    if (policy.maxAttempts !== null && before.length >= policy.maxAttempts) {
      const n = policy.maxAttempts;
      throw new AulaError(
        'conflict',
        `You have used ${n === 1 ? 'your only attempt' : `all ${n} attempts`} at this quiz. Review the lesson; your teacher can allow more.`,
        [{ field: 'attempts', message: 'none left' }],
      );
    }
    const { score, passed, results } = gradeQuiz(questions, answers, policy.passScore);
    // Stored in SQL, without Directus's cache purge: an attempt is read through the course API, which
    // Directus does not cache (a student's own REST read of their attempts may be up to CACHE_TTL old).
    // A whole-cache purge on every submission would also empty the cache the class is reading from.
    const [stored] = await sql<{ id: string }>(
      `INSERT INTO quiz_attempts (id, "user", quiz, answers, results, score, passed, date_created)
       VALUES (gen_random_uuid(), ?, ?, ?::json, ?::json, ?, ?, now()) RETURNING id`,
      [ctx.user, quiz.id, JSON.stringify(answers), JSON.stringify(results), score, passed],
    );
    return {
      attemptId: stored!.id,
      quiz,
      policy,
      enrollment,
      score,
      results,
      mine: [...before, { score, passed }],
    };
  });
  // Each question missed comes back in the student's spaced review (decision 021). The attempt is
  // stored already: a failure here is logged, not turned into a failed submission the student would retry.
  await recordMisses(ctx, quiz, results).catch((error: unknown) =>
    ctx.logger.error(error, 'aula course API: missed questions not added to the review'),
  );
  const { passed } = mine.at(-1) as { passed: boolean };
  const standing = quizStanding(policy, mine);
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

/**
 * The caller's enrolment in the course, found and locked until the transaction ends in one statement,
 * then their earlier attempts at the quiz (oldest first). Not in the same statement: PostgreSQL reads
 * a statement's subqueries as of its start, so attempts committed while it waited for the lock would
 * be missed; the next statement sees them.
 */
async function lockEnrollment(
  knex: Knex,
  user: string,
  courseId: string,
  quizId: string,
): Promise<{ enrollment: EnrollmentRow | undefined; before: { score: number; passed: boolean }[] }> {
  const columns = ENROLLMENT_FIELDS.join(', ');
  const { rows } = await knex.raw<EnrollmentRow>(
    `SELECT ${columns} FROM enrollments WHERE "user" = ? AND course = ? LIMIT 1 FOR UPDATE`,
    [user, courseId],
  );
  const [enrollment] = rows;
  if (!enrollment) return { enrollment: undefined, before: [] };
  const attempts = await knex.raw<{ score: number; passed: boolean | null }>(
    'SELECT score, passed FROM quiz_attempts WHERE "user" = ? AND quiz = ? ORDER BY date_created, id',
    [user, quizId],
  );
  return { enrollment, before: attempts.rows.map((a) => ({ score: Number(a.score), passed: a.passed === true })) };
}
