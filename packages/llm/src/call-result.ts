import { LlmError } from './errors.ts';
import { costOf, estimateTokens, type Price, worstCase } from './prices.ts';
import type { BeforeCall, CallResult, CallSpent, Message, ProviderChoice, Usage } from './types.ts';

export type Settle = (spent: CallSpent) => Promise<void>;

/**
 * Runs the caller's cost gate with the worst case of the next call; a refusal is `cost_cap`. Returns
 * the settle function to call once after that provider call (a no-op when the gate gave none); it
 * runs at most once and never throws into the call's own outcome.
 */
export async function checkBudget(
  beforeCall: BeforeCall | undefined,
  choice: ProviderChoice,
  messages: Message[],
  maxOutputTokens: number | undefined,
  fallbackPrice: Price | null = null,
): Promise<Settle> {
  if (!beforeCall) return async () => {};
  const estimate = { ...choice, ...worstCase(choice, messages, maxOutputTokens, fallbackPrice) };
  try {
    const settle = await beforeCall(estimate);
    let settled = false;
    return async (spent) => {
      if (settled || typeof settle !== 'function') return;
      settled = true;
      await settle(spent);
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LlmError('cost_cap', `${choice.provider}:${choice.model}: refused before the call (${reason})`, {
      cause: error,
      provider: choice.provider,
      model: choice.model,
    });
  }
}

/** Usage as reported, or estimated (characters / 4) when the provider sent none. */
export function usageOrEstimate(usage: Usage | undefined, messages: Message[], output: string): Usage {
  return (
    usage ?? {
      inputTokens: estimateTokens(messages.map((m) => m.content).join('\n')),
      outputTokens: estimateTokens(output),
    }
  );
}

export function addUsage(a: Usage, b: Usage): Usage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}

export function callResult(
  choice: ProviderChoice,
  usage: Usage,
  startedAt: number,
  fallbackPrice: Price | null = null,
): CallResult {
  return {
    ...choice,
    usage,
    ...costOf(choice, usage, fallbackPrice),
    latencyMs: Math.round(performance.now() - startedAt),
  };
}

/** What one provider call used, priced, for a settle function. */
export function spentOf(choice: ProviderChoice, usage: Usage, fallbackPrice: Price | null): CallSpent {
  return { usage, costUsd: costOf(choice, usage, fallbackPrice).costUsd };
}
