import { type CourseProgress, type QuizProgress, quizStanding } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { type EnrollmentRow, iso } from './access.ts';
import { POLICY_FIELDS, policyOf } from './grade-quiz.ts';

/** Courses whose progress a learner still sees: archived ones keep their history. */
const VISIBLE_COURSES = ['published', 'archived'];

/**
 * The caller's progress in the courses of `enrollments` (in that order), read in five queries however
 * many courses there are. Lessons and quizzes come in course order (module, then lesson).
 */
export async function courseProgress(ctx: Ctx, enrollments: EnrollmentRow[]): Promise<CourseProgress[]> {
  const courseIds = [...new Set(enrollments.map((e) => e.course))];
  if (courseIds.length === 0) return [];
  const inCourses = { _in: courseIds };
  const [courses, lessons, quizzes, done, attempts] = await Promise.all([
    ctx.items('courses').readByQuery({
      filter: { id: inCourses, status: { _in: VISIBLE_COURSES } },
      fields: ['id', 'slug', 'title', 'language'],
      limit: -1,
    }),
    ctx.items('lessons').readByQuery({
      filter: { course: inCourses },
      fields: ['id', 'course'],
      sort: ['module.sort', 'sort', 'id'],
      limit: -1,
    }),
    ctx.items('quizzes').readByQuery({
      filter: { course: inCourses },
      fields: ['id', 'lesson', 'course', ...POLICY_FIELDS],
      limit: -1,
    }),
    ctx.items('lesson_progress').readByQuery({
      filter: { user: { _eq: ctx.user }, course: inCourses, completed_at: { _nnull: true } },
      fields: ['lesson'],
      limit: -1,
    }),
    ctx.items('quiz_attempts').readByQuery({
      filter: { user: { _eq: ctx.user }, quiz: { course: inCourses } },
      fields: ['quiz', 'score', 'passed'],
      sort: ['date_created', 'id'],
      limit: -1,
    }),
  ]);

  const doneLessons = new Set(done.map((d) => d.lesson as string));
  const lessonOrder = new Map(lessons.map((l, i) => [l.id as string, i]));
  /** Passed and score as the quiz's policy counts them (best or last attempt). */
  const quizStats = (quiz: (typeof quizzes)[number]): QuizProgress => {
    const mine = attempts
      .filter((a) => a.quiz === quiz.id)
      .map((a) => ({ score: a.score as number, passed: a.passed === true }));
    const standing = quizStanding(policyOf(quiz), mine);
    return {
      quizId: quiz.id,
      lessonId: quiz.lesson,
      score: standing.score,
      bestScore: standing.bestScore,
      passed: standing.passed,
      attempts: standing.attempts,
      attemptsLeft: standing.attemptsLeft,
    };
  };

  return enrollments.flatMap((enrollment) => {
    const course = courses.find((c) => c.id === enrollment.course);
    if (!course) return [];
    const courseLessons = lessons.filter((l) => l.course === course.id).map((l) => l.id as string);
    const courseQuizzes = quizzes
      .filter((q) => q.course === course.id)
      .sort((a, b) => (lessonOrder.get(a.lesson) ?? 0) - (lessonOrder.get(b.lesson) ?? 0))
      .map((q) => quizStats(q));
    const lessonsDone = courseLessons.filter((id) => doneLessons.has(id));
    const quizzesPassed = courseQuizzes.filter((q) => q.passed).length;
    const total = courseLessons.length + courseQuizzes.length;
    return [
      {
        courseId: course.id,
        slug: course.slug,
        title: course.title,
        language: course.language,
        status: enrollment.status,
        enrolledAt: iso(enrollment.date_created),
        lastLessonId: enrollment.last_lesson ?? null,
        lessonsDone,
        lessonsTotal: courseLessons.length,
        quizzes: courseQuizzes,
        quizzesPassed,
        quizzesTotal: courseQuizzes.length,
        percent: total === 0 ? 0 : Math.round((100 * (lessonsDone.length + quizzesPassed)) / total),
      },
    ];
  });
}

/**
 * Marks the enrollment completed once every lesson is done and every quiz passed. Only an active
 * enrollment changes, so the first completion date stays when two requests finish at once.
 */
export async function finishCourseIfDone(ctx: Ctx, enrollmentId: string, progress: CourseProgress) {
  const { lessonsDone, lessonsTotal, quizzesPassed, quizzesTotal } = progress;
  const finished =
    lessonsTotal + quizzesTotal > 0 && lessonsDone.length === lessonsTotal && quizzesPassed === quizzesTotal;
  if (progress.status !== 'active' || !finished) return progress;
  await ctx
    .items('enrollments')
    .updateByQuery(
      { filter: { id: { _eq: enrollmentId }, status: { _eq: 'active' } } },
      { status: 'completed', completed_at: new Date().toISOString() },
    );
  return { ...progress, status: 'completed' as const };
}
