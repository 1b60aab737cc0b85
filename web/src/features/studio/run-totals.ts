import { elapsedSeconds } from './run-labels.ts';

type TotalsInput = {
  provider: string | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  createdAt: string;
  finishedAt: string | null;
};

export type ProviderTotals = {
  /** null: runs no provider has answered yet (queued, or failed before any call). */
  provider: string | null;
  runs: number;
  /** Seconds, over the runs that have finished (a run still going has no duration yet). */
  seconds: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
};

/**
 * The listed runs summed per provider (each run under its own provider: see RunRow), most expensive
 * first, the runs without one last.
 */
export function runTotals(runs: TotalsInput[]): ProviderTotals[] {
  const byProvider = new Map<string | null, ProviderTotals>();
  for (const run of runs) {
    const totals = byProvider.get(run.provider) ?? {
      provider: run.provider,
      runs: 0,
      seconds: 0,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
    };
    totals.runs += 1;
    if (run.finishedAt) totals.seconds += elapsedSeconds(run.createdAt, run.finishedAt);
    totals.tokensIn += run.tokensIn;
    totals.tokensOut += run.tokensOut;
    totals.costUsd += run.costUsd;
    byProvider.set(run.provider, totals);
  }
  return [...byProvider.values()].sort(
    (a, b) =>
      Number(a.provider === null) - Number(b.provider === null) ||
      b.costUsd - a.costUsd ||
      (a.provider ?? '').localeCompare(b.provider ?? ''),
  );
}
