import type { LessonCompletion } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { iso, readPublished, requireEnrollment } from './access.ts';
import { courseProgress, finishCourseIfDone } from './course-progress.ts';

/** The caller's completion of a lesson, created once (unique on user and lesson); returns when it happened. */
async function markDone(ctx: Ctx, lesson: { id: string; course: string }): Promise<string> {
  const progress = ctx.items('lesson_progress');
  const find = async () =>
    (
      await progress.readByQuery({
        filter: { user: { _eq: ctx.user }, lesson: { _eq: lesson.id } },
        fields: ['id', 'completed_at'],
        limit: 1,
      })
    )[0];
  const now = new Date().toISOString();
  let row = await find();
  if (!row) {
    try {
      await progress.createOne({ user: ctx.user, course: lesson.course, lesson: lesson.id, completed_at: now });
    } catch (error) {
      // A concurrent request created it first: the unique index let exactly one in.
      if (!(await find())) throw error;
    }
    row = await find();
  }
  if (!row) throw new Error('the lesson progress could not be read back');
  if (row.completed_at) return iso(row.completed_at);
  await progress.updateByQuery(
    { filter: { id: { _eq: row.id }, completed_at: { _null: true } } },
    { completed_at: now },
  );
  return iso((await find())?.completed_at ?? now);
}

/**
 * Marks a lesson of a published course done for an enrolled caller (again is harmless: the first
 * completion date stays), remembers it as where they are, and finishes the course if it was the last step.
 */
export async function completeLesson({ ctx, lessonId }: { ctx: Ctx; lessonId: string }): Promise<LessonCompletion> {
  const lesson = await readPublished(ctx, 'lessons', lessonId, ['id', 'course']);
  const enrollment = await requireEnrollment(ctx, lesson.course);
  const completedAt = await markDone(ctx, { id: lesson.id, course: lesson.course });
  await ctx.items('enrollments').updateOne(enrollment.id, { last_lesson: lesson.id });
  const [progress] = await courseProgress(ctx, [{ ...enrollment, last_lesson: lesson.id }]);
  if (!progress) throw new Error('progress of a published course went missing');
  return {
    lessonId: lesson.id,
    courseId: lesson.course,
    completedAt,
    progress: await finishCourseIfDone(ctx, enrollment.id, progress),
  };
}
