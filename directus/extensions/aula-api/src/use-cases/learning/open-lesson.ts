import type { LessonOpened } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { findEnrollment, readPublished } from './access.ts';

/**
 * Remembers a lesson of a published course as where the caller is ("Continue"), in the caller's own
 * enrolment in that lesson's course and nowhere else: the lesson decides the course, so no enrolment
 * can point at a lesson of another course, and staff (not enrolled) opening a lesson change nobody's.
 */
export async function openLesson({ ctx, lessonId }: { ctx: Ctx; lessonId: string }): Promise<LessonOpened> {
  const lesson = await readPublished(ctx, 'lessons', lessonId, ['id', 'course']);
  const enrollment = await findEnrollment(ctx, lesson.course);
  if (enrollment && enrollment.last_lesson !== lesson.id)
    await ctx.items('enrollments').updateOne(enrollment.id, { last_lesson: lesson.id });
  return { lessonId: lesson.id, courseId: lesson.course, recorded: Boolean(enrollment) };
}
