import { AulaError } from '@aula/domain';
import { type Ceiling, createSpendLedger, type DailyLimits, dailyCeiling, type SpendLedger } from '@aula/spend';
import type { Ctx } from './context.ts';

/**
 * The course API's side of the spending ceilings (docs: SECURITY.md, Money): the tutor's site-wide
 * daily budget and the default cap of a regeneration, read from Directus's environment. (The trend
 * scan's call is a worker job now: the workers hold it to the generation budget.)
 */

let ledger: SpendLedger | undefined;

/** The ledger on Aula's Redis, once that is ready (the course API's fail-fast connection: a 503 when Redis is away). */
export async function spendLedger(ctx: Ctx): Promise<SpendLedger> {
  ledger ??= createSpendLedger(await ctx.redis());
  return ledger;
}

/** A positive number, "none" (no ceiling), or unset (`fallback`); anything else names the variable. */
export function ceilingFrom(env: Record<string, unknown>, name: string, fallback: number | null): number | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'none') return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new AulaError('internal', `${name} must be a positive number or "none"; got "${String(raw)}"`);
  return n;
}

/** AULA_TUTOR_DAILY_USD_CAP (default US$10) and AULA_TUTOR_DAILY_TOKEN_CAP (default none). */
export function tutorDailyLimits(env: Record<string, unknown>): DailyLimits {
  return {
    maxUsd: ceilingFrom(env, 'AULA_TUTOR_DAILY_USD_CAP', 10),
    maxTokens: ceilingFrom(env, 'AULA_TUTOR_DAILY_TOKEN_CAP', null),
  };
}

export function tutorDailyCeiling(ctx: Ctx, at = Date.now()): Ceiling {
  return dailyCeiling(ctx.redisPrefix, 'tutor', tutorDailyLimits(ctx.env), at);
}

/** AULA_REGENERATION_COST_CAP_USD: what one regeneration may cost when its request names no cap (default US$1). */
export function regenerationCapUsd(env: Record<string, unknown>): number {
  return ceilingFrom(env, 'AULA_REGENERATION_COST_CAP_USD', 1) ?? 1_000;
}
