import { type Ceiling, createSpendLedger, dailyCeiling, type SpendLedger } from '@aula/spend';
import type { Ctx } from './context.ts';

/**
 * The course API's side of the spending ceilings (docs: SECURITY.md, Money): the tutor's site-wide
 * daily budget and the default cap of a regeneration, from the LLM settings (`ctx.llmConfig().caps`,
 * read by @aula/llm's schema). (The trend scan's call is a worker job now: the workers hold it to the
 * generation budget.)
 */

let ledger: SpendLedger | undefined;

/** The ledger on Aula's Redis, once that is ready (the course API's fail-fast connection: a 503 when Redis is away). */
export async function spendLedger(ctx: Ctx): Promise<SpendLedger> {
  ledger ??= createSpendLedger(await ctx.redis());
  return ledger;
}

/** AULA_TUTOR_DAILY_USD_CAP (default US$10) and AULA_TUTOR_DAILY_TOKEN_CAP (default none). */
export function tutorDailyCeiling(ctx: Ctx, at = Date.now()): Ceiling {
  return dailyCeiling(ctx.redisPrefix, 'tutor', ctx.llmConfig().caps.tutorDaily, at);
}

/** AULA_REGENERATION_COST_CAP_USD: what one regeneration may cost when its request names no cap (default US$1). */
export function regenerationCapUsd(ctx: Ctx): number {
  return ctx.llmConfig().caps.regenerationUsd ?? 1_000;
}
