import { isUuid, type MyProgress } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { ENROLLMENT_FIELDS, notFound } from './access.ts';
import { courseProgress } from './course-progress.ts';

/** The caller's progress in every course they are enrolled in (newest enrolment first), or in one. */
export async function getMyProgress({ ctx, courseId }: { ctx: Ctx; courseId?: unknown }): Promise<MyProgress> {
  if (courseId !== undefined && !isUuid(courseId)) throw notFound('course');
  const enrollments = await ctx.items('enrollments').readByQuery({
    filter: { user: { _eq: ctx.user }, ...(courseId === undefined ? {} : { course: { _eq: courseId } }) },
    fields: ENROLLMENT_FIELDS,
    sort: ['-date_created', '-id'],
    limit: -1,
  });
  return { courses: await courseProgress(ctx, enrollments) };
}
