import type { StepKind } from '@aula/domain';
import { type Attempt, type Mark, RunLedger, type RunRow, type StepJob } from '@aula/jobs';
import type { StepOutcome, WorkerCtx } from './context.ts';
import { restRunStore } from './run-store.ts';

export type Run = RunRow;
export { RunStopped } from '@aula/jobs';
export type { Mark, StepJob };

const ledgers = new WeakMap<WorkerCtx, RunLedger>();

/**
 * The run ledger over Directus's REST API; a run's end is announced to the course-ready webhook. One
 * per worker process (per context), so the steps it runs at once share their totals' writes. Every
 * step's timing is logged (`step timing`: epoch ms of each moment, see `StepTiming`; bench/generation.ts
 * reads them).
 */
export function ledgerOf(ctx: WorkerCtx): RunLedger {
  let ledger = ledgers.get(ctx);
  if (!ledger) {
    ledger = new RunLedger(restRunStore(ctx.api), ctx.notifyRunEnded, (timing) =>
      ctx.log('step timing', {
        run: timing.runId,
        kind: timing.kind,
        target: timing.target,
        marks: Object.fromEntries(timing.marks),
      }),
    );
    ledgers.set(ctx, ledger);
  }
  return ledger;
}

/**
 * One step of a run, through the ledger (`RunLedger.runStep`: skips, attempts, totals, failure); `next`
 * starts as soon as the body returns, told by `kept` whether the step's result was written; with
 * `options.ahead` (the run as the job carries it) the body starts before the run and step are read.
 */
export function withStep(
  ctx: WorkerCtx,
  job: StepJob,
  where: { runId: string; kind: StepKind; target: string | null },
  body: (run: Run, mark: Mark, attempt: Attempt) => Promise<StepOutcome>,
  next?: (kept: Promise<boolean>) => Promise<void>,
  options: { ahead?: Run } = {},
): Promise<void> {
  return ledgerOf(ctx).runStep(job, where, body, next, options);
}
