import type { Ceiling, Refusal } from './spend-ledger.ts';

/** The two site-wide budgets, each a UTC day. */
export type SiteScope = 'generation' | 'tutor';
export type DailyLimits = { maxUsd: number | null; maxTokens: number | null };

const DAY_SECONDS = 86_400;

export const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** A site-wide budget for the UTC day of `at`: a new day is a new key, so the window rolls over by itself. */
export function dailyCeiling(prefix: string, scope: SiteScope, limits: DailyLimits, at = Date.now()): Ceiling {
  return {
    key: `${prefix}spend:${scope}:${utcDay(at)}`,
    label: `site-wide daily ${scope} budget`,
    ...limits,
    ttlSeconds: 2 * DAY_SECONDS,
  };
}

/** A generation run's own cap in US$ (the request's costCapUsd, or the regeneration default). */
export function runCeiling(prefix: string, runId: string, maxUsd: number): Ceiling {
  return {
    key: `${prefix}spend:run:${runId}`,
    label: 'cost cap',
    maxUsd,
    maxTokens: null,
    ttlSeconds: 30 * DAY_SECONDS,
  };
}

const usd = (n: number) => `US$${n.toFixed(4)}`;

/** One sentence for logs and run errors: which ceiling, how much is gone, what the call asked. */
export function describeRefusal(refusal: Refusal): string {
  const { ceiling, unit, spent, held, asked, limit } = refusal;
  const amount = (n: number) => (unit === 'usd' ? usd(n) : `${n} tokens`);
  const renews = ceiling.key.includes(':run:') ? '' : ' It renews at 00:00 UTC.';
  return `${ceiling.label} reached: ${amount(spent)} spent and ${amount(held)} held by calls in flight, this call could use up to ${amount(asked)}, limit ${amount(limit)}.${renews}`;
}
