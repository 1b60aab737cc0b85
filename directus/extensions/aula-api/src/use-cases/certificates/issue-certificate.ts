import { randomBytes } from 'node:crypto';
import { AulaError, type Certificate, certificateCodeFrom, isUuid } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { findEnrollment, notFound } from '../learning/access.ts';
import { courseProgress, finishCourseIfDone } from '../learning/course-progress.ts';
import { CERTIFICATE_FIELDS, type CertificateRow, certificateOf } from './certificate-rows.ts';

async function findCertificate(ctx: Ctx, courseId: string): Promise<CertificateRow | undefined> {
  const [row] = await ctx.items('certificates').readByQuery({
    filter: { user: { _eq: ctx.user }, course: { _eq: courseId } },
    fields: [...CERTIFICATE_FIELDS],
    limit: 1,
  });
  return row;
}

/** The caller's name as it goes on the certificate: first and last name, never the e-mail. */
async function holderName(ctx: Ctx): Promise<string> {
  const user = await ctx.items('directus_users').readOne(ctx.user, { fields: ['first_name', 'last_name'] });
  const name = [user.first_name, user.last_name]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' ');
  if (!name) throw new AulaError('conflict', 'Add your name to your account first: it goes on the certificate.');
  return name.slice(0, 200);
}

/**
 * The caller's certificate for a course they completed (every lesson read, every quiz passed under its
 * policy), issued the first time and the same one after that (a revoked one stays revoked). The
 * completion is checked here from their progress, not taken from the enrolment alone. Two requests at
 * once meet the unique index on (user, course) and return the one that won.
 */
export async function issueCertificate({ ctx, courseId }: { ctx: Ctx; courseId: string }): Promise<Certificate> {
  if (!isUuid(courseId)) throw notFound('course');
  const enrollment = await findEnrollment(ctx, courseId);
  if (!enrollment) throw notFound('course');
  const [progress] = await courseProgress(ctx, [enrollment]);
  if (!progress) throw notFound('course');
  const standing = await finishCourseIfDone(ctx, enrollment.id, progress);
  const [course] = await ctx.items('courses').readByQuery({
    filter: { id: { _eq: courseId } },
    fields: ['slug', 'title', 'language'],
    limit: 1,
  });
  if (!course) throw notFound('course');

  const existing = await findCertificate(ctx, courseId);
  if (existing) return certificateOf(existing, course);
  if (standing.status !== 'completed')
    throw new AulaError('conflict', 'Finish the course first: read every lesson and pass every quiz.');
  try {
    await ctx.items('certificates').createOne({
      user: ctx.user,
      course: courseId,
      code: certificateCodeFrom(randomBytes(16)),
      holder_name: await holderName(ctx),
      course_title: course.title,
      issued_at: new Date().toISOString(),
    });
  } catch (error) {
    if (error instanceof AulaError) throw error;
    if (!(await findCertificate(ctx, courseId))) throw error;
  }
  const created = await findCertificate(ctx, courseId);
  if (!created) throw new Error('the new certificate could not be read back');
  return certificateOf(created, course);
}
