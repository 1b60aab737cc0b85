import { AulaError, secondsToNextUtcDay, TUTOR_MAX_OUTPUT_TOKENS, type TutorReply } from '@aula/domain';
import { estimateTokens, type Price, priceOf } from '@aula/llm';
import { describeRefusal } from '@aula/spend';
import type { Ctx } from '../../context.ts';
import { spendLedger, tutorDailyCeiling } from '../../spend.ts';

/** The tutor's instructions around the data, in tokens (the data itself is counted from its text). */
const INSTRUCTION_TOKENS = 1_000;
/** How long a turn's reservation counts when no answer is recorded (the web server died, or a direct call). */
const HOLD_MS = 5 * 60_000;

/**
 * The dearest price among the tutor's chain (any of them may answer). A model without a known price
 * (nor AULA_LLM_FALLBACK_PRICE) cannot be held to a US$ ceiling: the turn is refused then.
 */
function tutorPrice(ctx: Ctx, usdCapped: boolean): Price {
  const config = ctx.llmConfig();
  const prices = config.chains.tutor.map((choice) => ({ choice, ...priceOf(choice, config.fallbackPrice) }));
  const unpriced = prices.find((p) => !p.priced);
  if (unpriced && usdCapped) {
    ctx.logger.error(
      `aula: the tutor's model ${unpriced.choice.provider}:${unpriced.choice.model} has no known price and AULA_TUTOR_DAILY_USD_CAP applies: add its price to @aula/llm or set AULA_LLM_FALLBACK_PRICE`,
    );
    throw new AulaError(
      'unavailable',
      'The tutor is not available: its language model has no known price, and this site limits what the tutor may spend.',
    );
  }
  return prices.reduce((dear, p) => (p.output > dear.output || p.input > dear.input ? p : dear), {
    input: 0,
    output: 0,
  });
}

/**
 * Holds one turn's worst case (its data and history, the instructions, the answer's whole budget, at
 * the dearest price of the chain) against the site's daily tutor budget, under id `turnId`; refuses
 * the turn (rate_limited, with the seconds until the next UTC day) when the budget is used up.
 */
export async function reserveTutorTurn(ctx: Ctx, turnId: string, data: string): Promise<void> {
  const ceiling = tutorDailyCeiling(ctx);
  const price = tutorPrice(ctx, ceiling.maxUsd !== null);
  const input = estimateTokens(data) + INSTRUCTION_TOKENS;
  const amount = {
    usd: (input * price.input + TUTOR_MAX_OUTPUT_TOKENS * price.output) / 1e6,
    tokens: input + TUTOR_MAX_OUTPUT_TOKENS,
  };
  const answer = await (await spendLedger(ctx)).reserve({ id: turnId, ceilings: [ceiling], amount, holdMs: HOLD_MS });
  if (answer.ok) return;
  ctx.logger.warn(`aula: tutor turn refused: ${describeRefusal(answer.refusal)}`);
  throw new AulaError(
    'rate_limited',
    'The tutor has reached what this site allows it to spend today. It will answer again after midnight (UTC).',
    [{ field: 'site_daily_budget', message: String(secondsToNextUtcDay()) }],
  );
}

/** Counts what the answer of turn `turnId` really used, in place of what the turn held. */
export async function settleTutorTurn(ctx: Ctx, turnId: string, reply: TutorReply): Promise<void> {
  const config = ctx.llmConfig();
  const answered = reply.provider && reply.model ? { provider: reply.provider, model: reply.model } : null;
  const known = answered ? priceOf(answered as never, config.fallbackPrice) : { input: 0, output: 0, priced: false };
  // An answer from a model we cannot price is counted at the dearest price of the chain.
  const price = known.priced ? known : tutorPrice(ctx, false);
  const amount = {
    usd: (reply.tokensIn * price.input + reply.tokensOut * price.output) / 1e6,
    tokens: reply.tokensIn + reply.tokensOut,
  };
  await (await spendLedger(ctx)).settle({ id: turnId, ceilings: [tutorDailyCeiling(ctx)], amount });
}
