import type { z } from 'zod';
import { LlmError } from './errors.ts';
import { costOf, estimateTokens, worstCaseUsd } from './prices.ts';
import type { CallResult, GenerateObjectInput, Message, ProviderChoice, Usage } from './types.ts';

type BeforeCall = GenerateObjectInput<z.ZodType>['beforeCall'];

/** Runs the caller's cost gate with the worst case of the next call; a refusal is `cost_cap`. */
export async function checkBudget(
  beforeCall: BeforeCall,
  choice: ProviderChoice,
  messages: Message[],
  maxOutputTokens: number | undefined,
): Promise<void> {
  if (!beforeCall) return;
  const estimate = { ...choice, maxCostUsd: worstCaseUsd(choice, messages, maxOutputTokens) };
  try {
    await beforeCall(estimate);
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

export function callResult(choice: ProviderChoice, usage: Usage, startedAt: number): CallResult {
  return { ...choice, usage, ...costOf(choice, usage), latencyMs: Math.round(performance.now() - startedAt) };
}
