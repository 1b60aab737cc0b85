import { AulaError, isUuid, ROLE_NAMES } from '@aula/domain';
import { type Ctx, requireRole } from '../context.ts';
import { ledgerOf } from '../run-store.ts';

const STEP_FIELDS = [
  'id',
  'kind',
  'target',
  'status',
  'provider',
  'model',
  'tokens_in',
  'tokens_out',
  'cost_usd',
  'error',
  'attempts',
  'started_at',
  'finished_at',
];

export async function readRun(ctx: Ctx, runId: string) {
  if (!isUuid(runId)) throw new AulaError('not_found', 'No such run.');
  const [run] = await ctx.items('generation_runs').readByQuery<'steps'>({
    filter: { id: { _eq: runId } },
    fields: ['*', ...STEP_FIELDS.map((f) => `steps.${f}`)],
    deep: { steps: { _sort: ['date_created'], _limit: -1 } },
  });
  if (!run) throw new AulaError('not_found', 'No such run.');
  return run;
}

/** Content managers and administrators; the Pipeline account sees runs without their content. */
export function isStaff(ctx: Ctx): boolean {
  return ctx.roles.has(ROLE_NAMES.contentManager) || ctx.roles.has(ROLE_NAMES.administrator);
}

/**
 * A run as the API shows it: status, totals, progress as done/total, each step; for staff also a
 * regeneration's before/after (answer keys included) and what was decided about it.
 */
export function presentRun(run: Awaited<ReturnType<typeof readRun>>, staff: boolean) {
  const steps = run.steps ?? [];
  return {
    id: run.id,
    courseId: run.course,
    status: run.status,
    request: run.request,
    provider: run.provider,
    model: run.model,
    tokensIn: run.tokens_in ?? 0,
    tokensOut: run.tokens_out ?? 0,
    costUsd: run.cost_usd ?? 0,
    costCapUsd: run.cost_cap_usd,
    error: run.error,
    progress: { done: run.progress_done ?? 0, total: run.progress_total ?? 0 },
    createdAt: run.date_created,
    finishedAt: run.finished_at,
    history: run.history ?? [],
    steps: steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      target: s.target,
      status: s.status,
      provider: s.provider,
      model: s.model,
      tokensIn: s.tokens_in ?? 0,
      tokensOut: s.tokens_out ?? 0,
      costUsd: s.cost_usd ?? 0,
      error: s.error,
      attempts: s.attempts ?? 0,
      startedAt: s.started_at,
      finishedAt: s.finished_at,
    })),
    ...(staff
      ? {
          result: run.result ?? null,
          decision: run.decision ?? null,
          decidedAt: run.decided_at ?? null,
          decidedBy: run.decided_by ?? null,
        }
      : {}),
  };
}

export async function getRun({ ctx, runId }: { ctx: Ctx; runId: string }) {
  requireRole(ctx, [ROLE_NAMES.contentManager, ROLE_NAMES.pipeline]);
  return presentRun(await readRun(ctx, runId), isStaff(ctx));
}

/** Stops a run: pending steps are cancelled; jobs still queued see the run's status and do nothing. */
export async function cancelRun({ ctx, runId }: { ctx: Ctx; runId: string }) {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  const run = await readRun(ctx, runId);
  if (!['queued', 'running'].includes(run.status)) {
    throw new AulaError('conflict', `The run is already ${run.status}.`);
  }
  await ledgerOf(ctx.items).cancel(runId);
  return presentRun(await readRun(ctx, runId), isStaff(ctx));
}
