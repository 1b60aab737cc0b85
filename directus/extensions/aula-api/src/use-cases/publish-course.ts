import { AulaError, isUuid, ROLE_NAMES } from '@aula/domain';
import { type Ctx, requireRole } from '../context.ts';

/** A person publishes a reviewed course; only then do students see it. */
export async function publishCourse({ ctx, courseId }: { ctx: Ctx; courseId: string }) {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  if (!isUuid(courseId)) throw new AulaError('not_found', 'No such course.');
  const [course] = await ctx.items('courses').readByQuery<'lessons'>({
    filter: { id: { _eq: courseId } },
    fields: ['id', 'status', 'lessons.id', 'lessons.body'],
  });
  if (!course) throw new AulaError('not_found', 'No such course.');
  if (!['in_review', 'archived', 'draft'].includes(course.status)) {
    throw new AulaError('conflict', `A course that is ${course.status} cannot be published.`);
  }
  const lessons = course.lessons ?? [];
  if (lessons.length === 0 || lessons.some((l) => !l.body)) {
    throw new AulaError('conflict', 'Every lesson needs its text before the course can be published.');
  }
  await ctx.items('courses').updateOne(courseId, { status: 'published', published_at: new Date().toISOString() });
  return { id: courseId, status: 'published' };
}

/**
 * A person takes a published course out of the catalogue: it becomes `archived`, which students no
 * longer find or open, while their enrolments, progress and attempts stay (My courses still lists it).
 * Publishing it again brings it back.
 */
export async function archiveCourse({ ctx, courseId }: { ctx: Ctx; courseId: string }) {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  if (!isUuid(courseId)) throw new AulaError('not_found', 'No such course.');
  const [course] = await ctx
    .items('courses')
    .readByQuery({ filter: { id: { _eq: courseId } }, fields: ['id', 'status'] });
  if (!course) throw new AulaError('not_found', 'No such course.');
  if (course.status !== 'published') {
    throw new AulaError('conflict', `Only a published course can be archived; this one is ${course.status}.`);
  }
  await ctx.items('courses').updateOne(courseId, { status: 'archived' });
  return { id: courseId, status: 'archived' };
}
