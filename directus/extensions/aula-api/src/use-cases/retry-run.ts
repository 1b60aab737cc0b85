import { AulaError, ROLE_NAMES, type RunAttempt } from '@aula/domain';
import { firstJob, runJobIds } from '@aula/jobs';
import { type Ctx, requireRole } from '../context.ts';
import { ledgerOf } from '../run-store.ts';
import { isStaff, presentRun, readRun } from './runs.ts';

/**
 * A new attempt at a failed or cancelled run that redoes only what did not finish: its unfinished
 * steps go back to queued and the run's first job is queued again. Steps skip what already finished,
 * so a course whose outline is done goes straight to the outline's flow (outline.ts rebuilds it from
 * Directus), and no lesson, quiz or reference is written twice.
 */
export async function retryRun({ ctx, runId }: { ctx: Ctx; runId: string }) {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  const run = await readRun(ctx, runId);
  const kind = run.request?.kind as string | undefined;
  if (!['failed', 'cancelled'].includes(run.status)) {
    throw new AulaError('conflict', `The run is ${run.status}; only a failed or cancelled run can be retried.`);
  }
  if (kind !== 'course' && kind !== 'lesson' && kind !== 'quiz') {
    throw new AulaError('conflict', 'A trend scan cannot be retried; post the scan again.');
  }
  if (kind === 'course' && run.course) {
    // A course someone published (or archived) since the run failed stays as it is: a retry would hide it.
    const [course] = await ctx.items('courses').readByQuery({
      filter: { id: { _eq: run.course } },
      fields: ['status'],
    });
    if (course && !['draft', 'generating'].includes(course.status)) {
      throw new AulaError(
        'conflict',
        `The course is ${course.status} now; retrying its run would take it back to review. Regenerate single lessons instead.`,
      );
    }
  }
  const active = await ctx.items('generation_runs').readByQuery({
    filter: { course: { _eq: run.course }, status: { _in: ['queued', 'running'] }, id: { _neq: runId } },
    fields: ['id'],
    limit: 1,
  });
  if (active.length > 0) throw new AulaError('conflict', 'Another generation run is working on this course.');

  // The previous attempt's jobs keep their (deterministic) ids in Redis; new ones with the same ids
  // would be ignored, so they go first. A job still held by a worker cannot go: try again shortly.
  const lessonIds = [
    ...new Set((run.steps as { target: string | null }[]).map((s) => s.target).filter((t) => t !== null)),
  ];
  const first = firstJob(runId, run.request);
  const ids = runJobIds(runId, run.request, lessonIds);
  const stuck = await ctx.queue().use(async (queue) => {
    for (const id of ids) {
      const job = await queue.getJob(id);
      if (job && (await queue.remove(id, { removeChildren: true })) === 0) return true;
    }
    return false;
  });
  if (stuck) throw new AulaError('conflict', 'Part of this run is still stopping; try again in a few seconds.');

  const ledger = ledgerOf(ctx.items);
  // What this attempt came to, kept beside the earlier ones: the studio lists what each retry did.
  const ended: RunAttempt = {
    status: run.status === 'cancelled' ? 'cancelled' : 'failed',
    error: run.error ?? null,
    finishedAt: run.finished_at ?? null,
  };
  await ledger.reopen(runId, [...(run.history ?? []), ended]);
  try {
    await ctx.queue().enqueue(first.name, first.data as never);
  } catch (error) {
    ctx.logger.error(error, 'aula: could not enqueue a retry');
    await ledger.notQueued(
      runId,
      'Not queued: the job queue (Redis) did not answer, so the retry did not start. Retry the run.',
    );
    throw new AulaError('unavailable', 'The job queue is unavailable right now; try again in a moment.');
  }
  return presentRun(await readRun(ctx, runId), isStaff(ctx));
}
