import { items, type Row } from '@aula/data';
import type { StepKind } from '@aula/domain';
import { UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';
import type { StepOutcome, WorkerCtx } from './context.ts';

export type Run = Pick<
  Row<'generation_runs'>,
  'id' | 'course' | 'status' | 'request' | 'provider' | 'model' | 'cost_cap_usd' | 'progress_total'
>;
type Step = Pick<Row<'generation_steps'>, 'id' | 'status' | 'attempts' | 'error'>;

const FINISHED = ['completed', 'skipped'];

/** Thrown by a step when the run was cancelled or already failed: the job ends quietly. */
export class RunStopped extends Error {}

export async function loadRun(ctx: WorkerCtx, runId: string): Promise<Run> {
  return items(ctx.api, 'generation_runs').get(runId, {
    fields: ['id', 'course', 'status', 'request', 'provider', 'model', 'cost_cap_usd', 'progress_total'],
  });
}

/** The step row for (run, kind, target), created when missing; the unique index makes racing creators safe. */
export async function ensureStep(ctx: WorkerCtx, runId: string, kind: StepKind, target: string | null): Promise<Step> {
  const steps = items(ctx.api, 'generation_steps');
  const filter = {
    run: { _eq: runId },
    kind: { _eq: kind },
    target: target === null ? { _null: true } : { _eq: target },
  };
  const fields = ['id', 'status', 'attempts', 'error'];
  const [found] = await steps.list({ filter, fields });
  if (found) return found;
  try {
    return await steps.create({ run: runId, kind, target, status: 'queued' });
  } catch (error) {
    const [raced] = await steps.list({ filter, fields });
    if (raced) return raced;
    throw error;
  }
}

/** Sums of the run's steps, recomputed (not incremented) so a retried step never counts twice. */
async function refreshRunTotals(ctx: WorkerCtx, run: Run) {
  const steps = await items(ctx.api, 'generation_steps').list({
    filter: { run: { _eq: run.id } },
    fields: ['status', 'tokens_in', 'tokens_out', 'cost_usd'],
  });
  const done = steps.filter((s) => FINISHED.includes(s.status)).length;
  await items(ctx.api, 'generation_runs').update(run.id, {
    tokens_in: steps.reduce((n, s) => n + (s.tokens_in ?? 0), 0),
    tokens_out: steps.reduce((n, s) => n + (s.tokens_out ?? 0), 0),
    cost_usd: steps.reduce((n, s) => n + (s.cost_usd ?? 0), 0),
    progress_done: done,
  });
  return { done };
}

/** Every step row of a plan, created in one request; rows that already exist (a retried outline) are kept. */
export async function ensureSteps(
  ctx: WorkerCtx,
  runId: string,
  plan: { kind: StepKind; target: string | null }[],
): Promise<void> {
  const steps = items(ctx.api, 'generation_steps');
  const existing = await steps.list({ filter: { run: { _eq: runId } }, fields: ['kind', 'target'] });
  const have = new Set(existing.map((s) => `${s.kind}:${s.target}`));
  const missing = plan.filter((p) => !have.has(`${p.kind}:${p.target}`));
  if (missing.length > 0) await steps.createMany(missing.map((p) => ({ run: runId, ...p, status: 'queued' })));
}

export type StepJob = { attemptsMade: number; opts: { attempts?: number } };

/**
 * Runs one step of a run: skips it when the run was stopped or the step already finished (a retry
 * after a crash), records attempts, provider, tokens, cost and errors on the step row, keeps the run's
 * totals and progress, and fails the run when the step fails for good.
 */
export async function withStep(
  ctx: WorkerCtx,
  job: StepJob,
  where: { runId: string; kind: StepKind; target: string | null },
  body: (run: Run) => Promise<StepOutcome>,
): Promise<void> {
  const run = await loadRun(ctx, where.runId);
  const step = await ensureStep(ctx, where.runId, where.kind, where.target);
  const steps = items(ctx.api, 'generation_steps');
  if (FINISHED.includes(step.status)) return;
  // Failed for good stays failed until a person retries the run (the retry puts the step back to
  // queued). The job can still come back: BullMQ retries it when recording the failure met a passing
  // error, and the stalled check hands it out again when its lock expired under load. Doing the step
  // again then could succeed, and a run that failed would go on to "completed".
  if (step.status === 'failed') {
    const message = step.error ?? `${where.kind} step failed`;
    if (['queued', 'running'].includes(run.status)) await failRun(ctx, run, `${where.kind} step failed: ${message}`);
    throw new UnrecoverableError(message);
  }
  if (['cancelled', 'failed', 'completed'].includes(run.status)) {
    // (a failed step has returned above)
    await steps.update(step.id, { status: 'cancelled', finished_at: new Date().toISOString() });
    return;
  }
  if (run.status === 'queued') await items(ctx.api, 'generation_runs').update(run.id, { status: 'running' });
  await steps.update(step.id, {
    status: 'running',
    attempts: (step.attempts ?? 0) + 1,
    started_at: new Date().toISOString(),
    error: null,
  });

  let outcome: StepOutcome;
  try {
    outcome = await body(run);
  } catch (error) {
    if (error instanceof RunStopped) {
      await steps.update(step.id, { status: 'cancelled', finished_at: new Date().toISOString() });
      return;
    }
    // Our own data failing its schema will not fix itself on a retry.
    const permanent = error instanceof UnrecoverableError || error instanceof ZodError;
    const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const message = error instanceof Error ? error.message : String(error);
    await steps.update(step.id, { status: final ? 'failed' : 'queued', error: message });
    if (final) await failRun(ctx, run, `${where.kind} step failed: ${message}`);
    throw error instanceof ZodError ? new UnrecoverableError(message) : error;
  }

  // The run may have been cancelled while the provider was answering: then the step's result is dropped.
  const latest = await loadRun(ctx, where.runId);
  if (latest.status === 'cancelled') {
    await steps.update(step.id, { status: 'cancelled', finished_at: new Date().toISOString() });
    return;
  }
  const last = outcome.calls.at(-1);
  await steps.update(step.id, {
    status: outcome.skipped ? 'skipped' : 'completed',
    provider: last?.provider ?? null,
    model: last?.model ?? null,
    tokens_in: outcome.calls.reduce((n, c) => n + c.usage.inputTokens, 0),
    tokens_out: outcome.calls.reduce((n, c) => n + c.usage.outputTokens, 0),
    cost_usd: outcome.calls.reduce((n, c) => n + c.costUsd, 0),
    detail: outcome.detail ?? null,
    finished_at: new Date().toISOString(),
  });
  const { done } = await refreshRunTotals(ctx, run);
  if (run.request.kind !== 'course' && done >= (run.progress_total ?? 0)) {
    await completeRun(ctx, run.id, last ? { provider: last.provider, model: last.model } : {});
  }
}

/**
 * running → completed, and only from running: a run another step failed (or a person cancelled)
 * meanwhile keeps that status. One filtered update, so no read of the status can be out of date.
 * True when this call completed the run.
 */
export async function completeRun(ctx: WorkerCtx, runId: string, fields: Record<string, unknown> = {}) {
  const updated = await items(ctx.api, 'generation_runs').updateMany(
    { id: { _eq: runId }, status: { _eq: 'running' } },
    { status: 'completed', finished_at: new Date().toISOString(), ...fields },
  );
  return updated.length > 0;
}

/** The run's status is written last: whoever sees it failed sees the course and totals already settled. */
export async function failRun(ctx: WorkerCtx, run: Run, message: string) {
  // Parallel steps may fail together: only the first to fail the run announces it.
  const { status } = await loadRun(ctx, run.id);
  if (run.request.kind === 'course' && run.course) {
    await items(ctx.api, 'courses').update(run.course, { status: 'draft' });
  }
  await refreshRunTotals(ctx, run);
  await items(ctx.api, 'generation_runs').update(run.id, {
    status: 'failed',
    error: message,
    finished_at: new Date().toISOString(),
  });
  if (status !== 'failed') ctx.notifyRunEnded({ runId: run.id, event: 'run.failed' });
}
