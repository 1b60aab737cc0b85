import { listCourseLessonLengths, sendCourseToReview } from '@aula/data';
import type { WorkerCtx } from '../context.ts';
import { coverFor } from '../cover.ts';
import { type StepJob, withStep } from '../steps.ts';

/**
 * Last step: the course's cover (cover.ts: made ahead after the outline, or now while the lessons are
 * counted), totals on the course,
 * the course waits in review, the run is complete (with its totals, by the ledger).
 */
export async function assemble(ctx: WorkerCtx, job: StepJob, data: { runId: string }) {
  await withStep(ctx, job, { runId: data.runId, kind: 'assemble', target: null }, async (run) => {
    const courseId = run.course as string;
    const lessons = listCourseLessonLengths(ctx.api, courseId);
    const cover = coverFor(ctx, run, courseId);
    // A cover made for a course that is not ready yet is kept for its retry (makeCover keeps one).
    await Promise.allSettled([lessons, cover]);
    const lengths = await lessons;
    const missing = lengths.filter((l) => !l.body).length;
    if (missing > 0) throw new Error(`${missing} lessons have no text yet`);
    await sendCourseToReview(
      ctx.api,
      courseId,
      lengths.reduce((n, l) => n + (l.estimated_minutes ?? 0), 0),
    );
    return { calls: [], detail: { lessons: lengths.length, cover: await cover }, completesRun: true };
  });
}
