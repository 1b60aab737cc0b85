import type { ReviewItem, ReviewQueue } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { iso } from '../learning/access.ts';
import { reviewStandings } from './review-standing.ts';

const MAX_LIMIT = 50;

/**
 * The caller's spaced review: the questions due now, oldest due first, across the published courses
 * they are enrolled in (never the key: prompt and options only), how many are due in all and when the
 * next one waiting comes due. A question whose quiz still counts for the caller and hides its key
 * waits (see `reviewStandings`). `now` is the clock (tests move `next_due` instead of waiting days).
 */
export async function getReviewQueue({
  ctx,
  limit,
  now = new Date(),
}: {
  ctx: Ctx;
  limit?: unknown;
  now?: Date;
}): Promise<ReviewQueue> {
  const wanted = Number(limit ?? 20);
  const take = Number.isInteger(wanted) && wanted > 0 ? Math.min(wanted, MAX_LIMIT) : 20;
  const enrollments = await ctx.items('enrollments').readByQuery({
    filter: { user: { _eq: ctx.user }, course: { status: { _eq: 'published' } } },
    fields: ['course'],
    limit: -1,
  });
  const courseIds = enrollments.map((e) => e.course);
  const empty: ReviewQueue = { due: [], dueCount: 0, waiting: 0, nextDueAt: null };
  if (courseIds.length === 0) return empty;
  const mine = { user: { _eq: ctx.user }, course: { _in: courseIds }, learned_at: { _null: true } };
  const nowIso = now.toISOString();
  const [allDue, later] = await Promise.all([
    ctx.items('review_items').readByQuery({
      filter: { ...mine, next_due: { _lte: nowIso } },
      fields: ['id', 'question', 'quiz', 'course', 'box', 'next_due'],
      sort: ['next_due', 'id'],
      limit: -1,
    }),
    ctx.items('review_items').readByQuery({
      filter: { ...mine, next_due: { _gt: nowIso } },
      fields: ['next_due'],
      sort: ['next_due'],
      limit: -1,
    }),
  ]);
  // Only questions of quizzes that are settled for the caller, or whose key they already see.
  const standings = await reviewStandings(
    ctx,
    allDue.map((r) => r.quiz),
  );
  const dueRows = allDue.filter((r) => standings.get(r.quiz)?.open === true);
  const page = dueRows.slice(0, take);
  if (page.length === 0)
    return { ...empty, waiting: later.length, nextDueAt: later[0] ? iso(later[0].next_due) : null };

  const [questions, quizzes, courses] = await Promise.all([
    ctx.items('questions').readByQuery({
      filter: { id: { _in: page.map((r) => r.question) } },
      fields: ['id', 'prompt', 'options'],
      limit: -1,
    }),
    ctx.items('quizzes').readByQuery({
      filter: { id: { _in: [...new Set(page.map((r) => r.quiz))] } },
      fields: ['id', 'lesson'],
      limit: -1,
    }),
    ctx.items('courses').readByQuery({
      filter: { id: { _in: [...new Set(page.map((r) => r.course))] } },
      fields: ['id', 'slug', 'title', 'language'],
      limit: -1,
    }),
  ]);
  const lessons = await ctx.items('lessons').readByQuery({
    filter: { id: { _in: [...new Set(quizzes.map((q) => q.lesson))] } },
    fields: ['id', 'slug', 'title'],
    limit: -1,
  });
  const due: ReviewItem[] = page.flatMap((row) => {
    const question = questions.find((q) => q.id === row.question);
    const quiz = quizzes.find((q) => q.id === row.quiz);
    const lesson = lessons.find((l) => l.id === quiz?.lesson);
    const course = courses.find((c) => c.id === row.course);
    if (!question || !lesson || !course) return [];
    return [
      {
        reviewId: row.id,
        questionId: question.id,
        prompt: question.prompt,
        options: Array.isArray(question.options) ? question.options.map(String) : [],
        box: row.box,
        dueAt: iso(row.next_due),
        course: { id: course.id, slug: course.slug, title: course.title, language: course.language },
        lesson: { id: lesson.id, slug: lesson.slug, title: lesson.title },
      },
    ];
  });
  return {
    due,
    dueCount: dueRows.length,
    waiting: later.length,
    nextDueAt: later[0] ? iso(later[0].next_due) : null,
  };
}
