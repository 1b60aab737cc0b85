import type { StepKind } from '@aula/domain';
import { RunLedger, type RunRow, type StepJob } from '@aula/jobs';
import type { StepOutcome, WorkerCtx } from './context.ts';
import { restRunStore } from './run-store.ts';

export type Run = RunRow;
export { RunStopped } from '@aula/jobs';
export type { StepJob };

/** The run ledger over Directus's REST API; a run's end is announced to the course-ready webhook. */
export function ledgerOf(ctx: WorkerCtx): RunLedger {
  return new RunLedger(restRunStore(ctx.api), ctx.notifyRunEnded);
}

/** One step of a run, through the ledger (`RunLedger.runStep`: skips, attempts, totals, failure). */
export function withStep(
  ctx: WorkerCtx,
  job: StepJob,
  where: { runId: string; kind: StepKind; target: string | null },
  body: (run: Run) => Promise<StepOutcome>,
): Promise<void> {
  return ledgerOf(ctx).runStep(job, where, body);
}
