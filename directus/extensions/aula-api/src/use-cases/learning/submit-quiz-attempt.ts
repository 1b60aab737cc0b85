import { AulaError, invalidFromIssues, QuizAttemptRequest, type QuizAttemptResult } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { requireEnrollment } from './access.ts';
import { courseProgress, finishCourseIfDone } from './course-progress.ts';
import { gradeQuiz, readPublishedQuiz } from './grade-quiz.ts';

/**
 * Grades an enrolled caller's answers on the server and stores the attempt as theirs (the body carries
 * answers only, so score and owner cannot be forged). The answer key reaches the caller only here,
 * after submission. A pass that was the course's last step finishes the course.
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
  const { quiz, questions } = await readPublishedQuiz(ctx, quizId);
  const parsed = QuizAttemptRequest.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const enrollment = await requireEnrollment(ctx, quiz.course);
  if (questions.length === 0) throw new AulaError('conflict', 'This quiz has no questions yet.');
  const { answers } = parsed.data;
  if (answers.length !== questions.length) {
    const message = `Answer each of the ${questions.length} questions, in order (got ${answers.length}).`;
    throw new AulaError('invalid', `answers: ${message}`, [{ field: 'answers', message }]);
  }

  const { score, passed, results } = gradeQuiz(questions, answers, quiz.pass_score);
  const attemptId = await ctx
    .items('quiz_attempts')
    .createOne({ user: ctx.user, quiz: quiz.id, answers, results, score, passed });
  const mine = await ctx.items('quiz_attempts').readByQuery({
    filter: { user: { _eq: ctx.user }, quiz: { _eq: quiz.id } },
    fields: ['score'],
    limit: -1,
  });
  if (passed) {
    const [progress] = await courseProgress(ctx, [enrollment]);
    if (progress) await finishCourseIfDone(ctx, enrollment.id, progress);
  }
  return {
    attemptId,
    quizId: quiz.id,
    lessonId: quiz.lesson,
    score,
    passed,
    passScore: quiz.pass_score,
    bestScore: Math.max(score, ...mine.map((a) => a.score as number)),
    attempts: mine.length,
    results,
  };
}
