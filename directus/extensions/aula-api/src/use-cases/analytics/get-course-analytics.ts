import {
  ACTIVITY_GAP_MINUTES,
  AulaError,
  type CourseAnalytics,
  isUuid,
  type QuestionFigures,
  ROLE_NAMES,
  type SectionHotspot,
} from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { requireRole } from '../../context.ts';
import {
  ENROLMENT_TOTALS_SQL,
  ENROLMENTS_SQL,
  LESSON_MINUTES_SQL,
  LESSONS_COMPLETED_SQL,
  QUESTIONS_SQL,
  QUIZZES_SQL,
  STUDENT_MINUTES_SQL,
  TUTOR_BY_SECTION_SQL,
  WRONG_BY_SECTION_SQL,
} from './analytics-sql.ts';
import { lessonSections } from './lesson-sections.ts';
import { questionFlags } from './question-flags.ts';

type LessonRow = {
  id: string;
  title: string;
  slug: string;
  body: string | null;
  quiz: string | null;
  pass_score: number | null;
};
type QuestionRow = {
  id: string;
  quiz: string;
  lesson: string;
  prompt: string;
  options: unknown;
  correct_option: number;
  lesson_section: string | null;
};
type ItemRow = {
  question: string;
  answered: number;
  difficulty: number | null;
  discrimination: number | null;
} & Record<'o0' | 'o1' | 'o2' | 'o3', number>;

const round = (n: number | null, digits = 3) => (n === null ? null : Number(n.toFixed(digits)));

/**
 * `GET /aula/courses/:id/analytics`: the studio's figures for one course, for content managers and
 * administrators. Every figure is a SQL aggregate (analytics-sql.ts); Node only joins the small results
 * with the course's lessons and questions.
 */
export async function getCourseAnalytics({ ctx, courseId }: { ctx: Ctx; courseId: string }): Promise<CourseAnalytics> {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  if (!isUuid(courseId)) throw new AulaError('not_found', 'No such course.');
  const started = performance.now();
  const db = ctx.db;
  const [course] = (
    await db.raw<{ id: string; slug: string; title: string; language: string }>(
      'SELECT id, slug, title, language FROM courses WHERE id = ?',
      [courseId],
    )
  ).rows;
  if (!course) throw new AulaError('not_found', 'No such course.');
  const lessons = (
    await db.raw<LessonRow>(
      `SELECT l.id, l.title, l.slug, l.body, q.id AS quiz, q.pass_score FROM lessons l
       JOIN modules m ON m.id = l.module LEFT JOIN quizzes q ON q.lesson = l.id
       WHERE l.course = ? ORDER BY m.sort NULLS LAST, l.sort NULLS LAST, l.id`,
      [courseId],
    )
  ).rows;
  const sections = new Map(lessons.map((l) => [l.id, lessonSections(l.body ?? '')]));
  const sectionParam = JSON.stringify(
    lessons.flatMap((l) =>
      (sections.get(l.id) ?? []).map((s) => ({ lesson: l.id, anchor: s.anchor, keywords: s.keywords })),
    ),
  );
  const c = [courseId];
  const c4 = [courseId, courseId, courseId, courseId];
  const [series, totals, completed, quizzes, items, questions, wrong, asked, lessonMinutes, studentMinutes] =
    await Promise.all([
      db.raw<{ unit: 'day' | 'week'; period: string; count: number }>(ENROLMENTS_SQL, c),
      db.raw<{ total: number; completed: number }>(ENROLMENT_TOTALS_SQL, c),
      db.raw<{ lesson: string; completed: number }>(LESSONS_COMPLETED_SQL, c),
      db.raw<{
        quiz: string;
        attempts: number;
        students: number;
        passed: number;
        first_passed: number;
        first_mean: number | null;
      }>(QUIZZES_SQL, c),
      db.raw<ItemRow>(QUESTIONS_SQL, c),
      db.raw<QuestionRow>(
        `SELECT qn.id, qn.quiz, qz.lesson, qn.prompt, qn.options, qn.correct_option, qn.lesson_section
         FROM questions qn JOIN quizzes qz ON qz.id = qn.quiz WHERE qz.course = ? ORDER BY qn.sort NULLS LAST, qn.id`,
        c,
      ),
      db.raw<{ lesson: string; anchor: string; wrong: number }>(WRONG_BY_SECTION_SQL, c),
      db.raw<{ lesson: string; anchor: string; asked: number }>(TUTOR_BY_SECTION_SQL, [sectionParam, courseId]),
      db.raw<{ lesson: string; median: number }>(LESSON_MINUTES_SQL, [...c4, ACTIVITY_GAP_MINUTES]),
      db.raw<{ students: number; median: number | null; total: number }>(STUDENT_MINUTES_SQL, [
        ...c4,
        ACTIVITY_GAP_MINUTES,
      ]),
    ]);
  const queryMs = Math.round(performance.now() - started);

  const done = new Map(completed.rows.map((r) => [r.lesson, r.completed]));
  const quizRows = new Map(quizzes.rows.map((r) => [r.quiz, r]));
  const minutes = new Map(lessonMinutes.rows.map((r) => [r.lesson, r.median]));
  const itemRows = new Map(items.rows.map((r) => [r.question, r]));
  const lessonOrder = new Map(lessons.map((l, i) => [l.id, i]));

  const figures: QuestionFigures[] = questions.rows
    .sort((a, b) => (lessonOrder.get(a.lesson) ?? 0) - (lessonOrder.get(b.lesson) ?? 0))
    .map((q) => {
      const row = itemRows.get(q.id);
      const options = Array.isArray(q.options) ? q.options.map(String) : [];
      const base = {
        answered: row?.answered ?? 0,
        difficulty: round(row?.difficulty ?? null),
        discrimination: round(row?.discrimination ?? null),
        chosen: row ? [row.o0, row.o1, row.o2, row.o3] : [0, 0, 0, 0],
        correctOption: q.correct_option,
      };
      return {
        id: q.id,
        quizId: q.quiz,
        lessonId: q.lesson,
        prompt: q.prompt,
        options,
        section: q.lesson_section || null,
        ...base,
        flags: questionFlags(base),
      };
    });

  const lessonById = new Map(lessons.map((l) => [l.id, l]));
  const spots = new Map<string, SectionHotspot>();
  const spot = (lessonId: string, anchor: string) => {
    const key = `${lessonId}#${anchor}`;
    const lesson = lessonById.get(lessonId);
    if (!lesson) return undefined;
    let s = spots.get(key);
    if (!s) {
      const heading = sections.get(lessonId)?.find((x) => x.anchor === anchor)?.heading ?? anchor;
      s = {
        lessonId,
        lessonTitle: lesson.title,
        lessonSlug: lesson.slug,
        anchor,
        heading,
        wrongAnswers: 0,
        tutorQuestions: 0,
      };
      spots.set(key, s);
    }
    return s;
  };
  for (const r of wrong.rows) {
    const s = spot(r.lesson, r.anchor);
    if (s) s.wrongAnswers += r.wrong;
  }
  for (const r of asked.rows) {
    const s = spot(r.lesson, r.anchor);
    if (s) s.tutorQuestions += r.asked;
  }
  const hotspots = [...spots.values()].sort(
    (a, b) =>
      b.wrongAnswers + b.tutorQuestions - (a.wrongAnswers + a.tutorQuestions) ||
      (lessonOrder.get(a.lessonId) ?? 0) - (lessonOrder.get(b.lessonId) ?? 0) ||
      a.anchor.localeCompare(b.anchor),
  );

  const time = studentMinutes.rows[0];
  return {
    courseId: course.id,
    courseSlug: course.slug,
    title: course.title,
    language: course.language,
    enrolments: {
      total: totals.rows[0]?.total ?? 0,
      completed: totals.rows[0]?.completed ?? 0,
      unit: series.rows[0]?.unit ?? 'day',
      series: series.rows.map((r) => ({ period: r.period, count: r.count })),
    },
    time: {
      students: time?.students ?? 0,
      medianMinutes: round(time?.median ?? null, 1),
      totalMinutes: round(time?.total ?? 0, 1) ?? 0,
    },
    lessons: lessons.map((l) => {
      const q = l.quiz ? quizRows.get(l.quiz) : undefined;
      return {
        id: l.id,
        title: l.title,
        slug: l.slug,
        completed: done.get(l.id) ?? 0,
        medianMinutes: round(minutes.get(l.id) ?? null, 1),
        quiz: l.quiz
          ? {
              id: l.quiz,
              passScore: l.pass_score ?? 0,
              attempts: q?.attempts ?? 0,
              students: q?.students ?? 0,
              passed: q?.passed ?? 0,
              firstAttemptPassed: q?.first_passed ?? 0,
              firstAttemptMeanScore: round(q?.first_mean ?? null, 1),
            }
          : null,
      };
    }),
    questions: figures,
    hotspots,
    queryMs,
  };
}
