import type { StepKind } from '@aula/domain';
import { RunLedger, type RunRow, type StepJob } from '@aula/jobs';
import type { StepOutcome, WorkerCtx } from './context.ts';
import { restRunStore } from './run-store.ts';

export type Run = RunRow;
export { RunStopped } from '@aula/jobs';
export type { StepJob };

const ledgers = new WeakMap<WorkerCtx, RunLedger>();

/**
 * The run ledger over Directus's REST API; a run's end is announced to the course-ready webhook. One
 * per worker process (per context), so the steps it runs at once share their totals' writes.
 */
export function ledgerOf(ctx: WorkerCtx): RunLedger {
  let ledger = ledgers.get(ctx);
  if (!ledger) {
    ledger = new RunLedger(restRunStore(ctx.api), ctx.notifyRunEnded);
    ledgers.set(ctx, ledger);
  }
  return ledger;
}

/**
 * One step of a run, through the ledger (`RunLedger.runStep`: skips, attempts, totals, failure); `next`
 * starts once its result is written.
 */
export function withStep(
  ctx: WorkerCtx,
  job: StepJob,
  where: { runId: string; kind: StepKind; target: string | null },
  body: (run: Run) => Promise<StepOutcome>,
  next?: () => Promise<void>,
): Promise<void> {
  return ledgerOf(ctx).runStep(job, where, body, next);
}
