import { type Enrollment, isUuid } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { type EnrollmentRow, findEnrollment, iso, notFound, PUBLISHED } from './access.ts';

const present = (row: EnrollmentRow): Enrollment => ({
  enrollmentId: row.id,
  courseId: row.course,
  status: row.status,
  enrolledAt: iso(row.date_created),
});

/**
 * Enrols the caller (anyone signed in) in a published course. Enrolling again returns the same
 * enrollment; two requests at once meet the unique index on (user, course), and the loser returns the
 * winner's row.
 */
export async function enrollInCourse({ ctx, courseId }: { ctx: Ctx; courseId: string }): Promise<Enrollment> {
  if (!isUuid(courseId)) throw notFound('course');
  const [course] = await ctx.items('courses').readByQuery({
    filter: { id: { _eq: courseId }, ...PUBLISHED },
    fields: ['id'],
    limit: 1,
  });
  if (!course) throw notFound('course');

  const existing = await findEnrollment(ctx, courseId);
  if (existing) return present(existing);
  try {
    await ctx.items('enrollments').createOne({ course: courseId, user: ctx.user, status: 'active' });
  } catch (error) {
    const raced = await findEnrollment(ctx, courseId);
    if (!raced) throw error;
    return present(raced);
  }
  const created = await findEnrollment(ctx, courseId);
  if (!created) throw new Error('the new enrollment could not be read back');
  return present(created);
}
