import type { WorkerCtx } from '../context.ts';
import { coverFor } from '../cover.ts';
import { type StepJob, withStep } from '../steps.ts';

/**
 * Last step: the course's cover (cover.ts: made ahead after the outline, or now), then, with the step's
 * result in one transaction of the course API, the course waits in review with its total length once
 * every lesson has its text (a lesson without text fails the try); the run is complete (with its totals,
 * by the ledger).
 */
export async function assemble(ctx: WorkerCtx, job: StepJob, data: { runId: string }) {
  await withStep(ctx, job, { runId: data.runId, kind: 'assemble', target: null }, async (run) => {
    const courseId = run.course as string;
    // A cover made for a course that is not ready yet is kept for its retry (makeCover keeps one).
    const cover = await coverFor(ctx, run, courseId);
    return {
      calls: [],
      detail: { lessons: Number(run.request.lessonCount ?? 0), cover },
      completesRun: true,
      write: { kind: 'assemble' as const, courseId },
    };
  });
}
