import { listCourseLessonLengths, sendCourseToReview } from '@aula/data';
import type { WorkerCtx } from '../context.ts';
import { makeCover } from '../cover.ts';
import { ledgerOf, type StepJob, withStep } from '../steps.ts';

/** Last step: the course's cover (cover.ts), totals on the course, the course waits in review, the run is complete. */
export async function assemble(ctx: WorkerCtx, job: StepJob, data: { runId: string }) {
  await withStep(ctx, job, { runId: data.runId, kind: 'assemble', target: null }, async (run) => {
    const courseId = run.course as string;
    const lessons = await listCourseLessonLengths(ctx.api, courseId);
    const missing = lessons.filter((l) => !l.body).length;
    if (missing > 0) throw new Error(`${missing} lessons have no text yet`);
    const cover = await makeCover(ctx, run, courseId);
    await sendCourseToReview(
      ctx.api,
      courseId,
      lessons.reduce((n, l) => n + (l.estimated_minutes ?? 0), 0),
    );
    return { calls: [], detail: { lessons: lessons.length, cover } };
  });
  const ledger = ledgerOf(ctx);
  if (await ledger.complete(data.runId)) ledger.ended({ runId: data.runId, event: 'run.completed' });
}
