import { AulaError, isUuid } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import type { Row } from '../../directus.ts';

/**
 * Lookups every learner route shares. They read with full rights, so each one filters by what the
 * caller may see: published courses only (a draft is "not found", never "forbidden"), and the
 * caller's own rows only.
 */
export const PUBLISHED = { status: { _eq: 'published' } };

export const ENROLLMENT_FIELDS = ['id', 'course', 'status', 'last_lesson', 'completed_at', 'date_created'];
export type EnrollmentRow = Pick<
  Row<'enrollments'>,
  'id' | 'course' | 'status' | 'last_lesson' | 'completed_at' | 'date_created'
>;

/** Directus hands timestamps back as strings or dates depending on the driver; the API always says ISO. */
export const iso = (value: unknown): string => new Date(value as string).toISOString();

export function notFound(what: string): AulaError {
  return new AulaError('not_found', `No such ${what}.`);
}

/** An item (lesson or quiz) whose course is published, or `not_found`. */
export async function readPublished<C extends 'lessons' | 'quizzes'>(
  ctx: Ctx,
  collection: C,
  id: string,
  fields: string[],
): Promise<Row<C>> {
  const what = collection === 'lessons' ? 'lesson' : 'quiz';
  if (!isUuid(id)) throw notFound(what);
  const [item] = await ctx.items<'lessons' | 'quizzes'>(collection).readByQuery({
    filter: { id: { _eq: id }, course: PUBLISHED },
    fields,
    limit: 1,
  });
  if (!item) throw notFound(what);
  return item as Row<C>;
}

export async function findEnrollment(ctx: Ctx, courseId: string): Promise<EnrollmentRow | undefined> {
  const [row] = await ctx.items('enrollments').readByQuery({
    filter: { user: { _eq: ctx.user }, course: { _eq: courseId } },
    fields: ENROLLMENT_FIELDS,
    limit: 1,
  });
  return row;
}

/** The caller's enrollment in the course, or `conflict`: progress and attempts need one. */
export async function requireEnrollment(ctx: Ctx, courseId: string): Promise<EnrollmentRow> {
  const enrollment = await findEnrollment(ctx, courseId);
  if (!enrollment) throw new AulaError('conflict', 'Enrol in the course first.');
  return enrollment;
}
