import { randomUUID } from 'node:crypto';
import type { CallEstimate, CallSpent } from '@aula/llm';
import {
  type Ceiling,
  type DailyLimits,
  dailyCeiling,
  describeRefusal,
  runCeiling,
  type SpendLedger,
} from '@aula/spend';
import type { Run } from './steps.ts';

/** How long a reservation counts when nobody settles it (a worker died mid-call): longer than any call. */
const HOLD_MS = 15 * 60_000;

export type GenerationSpend = {
  ledger: SpendLedger;
  prefix: string;
  /** AULA_GENERATION_DAILY_USD_CAP / _TOKEN_CAP: the whole site's generation per UTC day. */
  daily: DailyLimits;
  log: (message: string, fields?: Record<string, unknown>) => void;
};

/**
 * The gate before one provider call of a run: refuses a model without a known price when a US$ cap
 * applies, then reserves the call's worst case against the site's daily generation budget and the
 * run's own cap (one Lua script: parallel lesson steps cannot together pass either). Returns the
 * settle function @aula/llm calls with what the call really used. A refusal throws: @aula/llm turns
 * it into a permanent `cost_cap` error, so the step fails once, with this sentence, and is not retried.
 */
export async function reserveGeneration(spend: GenerationSpend, run: Run, estimate: CallEstimate) {
  const ceilings: Ceiling[] = [dailyCeiling(spend.prefix, 'generation', spend.daily)];
  if (run.cost_cap_usd != null) ceilings.push(runCeiling(spend.prefix, run.id, run.cost_cap_usd));
  const capped = ceilings.find((c) => c.maxUsd !== null);
  if (!estimate.priced && capped) {
    throw new Error(
      `no known price for ${estimate.provider}:${estimate.model}, and a spending cap applies (${capped.label}): add the model to @aula/llm's price table or set AULA_LLM_FALLBACK_PRICE`,
    );
  }
  const id = randomUUID();
  const answer = await spend.ledger.reserve({
    id,
    ceilings,
    amount: { usd: estimate.maxCostUsd, tokens: estimate.maxTokens },
    holdMs: HOLD_MS,
  });
  if (!answer.ok) throw new Error(describeRefusal(answer.refusal));
  return async (spent: CallSpent) => {
    const amount = spent
      ? { usd: spent.costUsd, tokens: spent.usage.inputTokens + spent.usage.outputTokens }
      : { usd: 0, tokens: 0 };
    // A settle that fails leaves the reservation to run out: the budget errs on the safe side.
    await spend.ledger.settle({ id, ceilings, amount }).catch((error: unknown) => {
      spend.log('could not settle a spending reservation', { run: run.id, error: String(error) });
    });
  };
}
