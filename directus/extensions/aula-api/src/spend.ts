import { randomUUID } from 'node:crypto';
import type { BeforeCall } from '@aula/llm';
import { type Ceiling, createSpendLedger, dailyCeiling, describeRefusal, type SpendLedger } from '@aula/spend';
import type { Ctx } from './context.ts';

/**
 * The course API's side of the spending ceilings (docs: SECURITY.md, Money): the tutor's site-wide
 * daily budget, the trend scan's share of the generation budget, and the default cap of a
 * regeneration, from the LLM settings (`ctx.llmConfig().caps`, read by @aula/llm's schema).
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

/**
 * The gate of the course API's own generation calls (the trend scan): the same site-wide daily
 * generation budget the workers hold (AULA_GENERATION_DAILY_USD_CAP, default US$25; _TOKEN_CAP).
 */
export function generationBeforeCall(ctx: Ctx): BeforeCall {
  return async (estimate) => {
    const ceilings = [dailyCeiling(ctx.redisPrefix, 'generation', ctx.llmConfig().caps.generationDaily)];
    if (!estimate.priced && ceilings[0]!.maxUsd !== null) {
      throw new Error(
        `no known price for ${estimate.provider}:${estimate.model}, and a spending cap applies (${ceilings[0]!.label}): add the model to @aula/llm's price table or set AULA_LLM_FALLBACK_PRICE`,
      );
    }
    const id = randomUUID();
    const amount = { usd: estimate.maxCostUsd, tokens: estimate.maxTokens };
    const answer = await (await spendLedger(ctx)).reserve({ id, ceilings, amount, holdMs: 15 * 60_000 });
    if (!answer.ok) throw new Error(describeRefusal(answer.refusal));
    return async (spent) => {
      const used = spent
        ? { usd: spent.costUsd, tokens: spent.usage.inputTokens + spent.usage.outputTokens }
        : { usd: 0, tokens: 0 };
      await spendLedger(ctx)
        .then((l) => l.settle({ id, ceilings, amount: used }))
        .catch((error: unknown) => ctx.logger.warn(`aula: could not settle a spending reservation: ${String(error)}`));
    };
  };
}
