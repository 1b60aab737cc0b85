import type { Provider } from '@aula/domain';
import type { Message, ProviderChoice, Usage } from './types.ts';

/**
 * USD per 1M input / output tokens: public list prices of the default models (checked 2025-11).
 * Update when a default changes; an unknown model costs the configured fallback price
 * (AULA_LLM_FALLBACK_PRICE), or 0 with `priced: false` when none is set.
 */
const PRICES: Record<string, [input: number, output: number]> = {
  'gemini:gemini-2.5-flash': [0.3, 2.5],
  'gemini:gemini-2.5-flash-lite': [0.1, 0.4],
  'gemini:gemini-2.5-pro': [1.25, 10],
  'groq:llama-3.1-8b-instant': [0.05, 0.08],
  'groq:llama-3.3-70b-versatile': [0.59, 0.79],
  'groq:openai/gpt-oss-20b': [0.075, 0.3],
  'groq:openai/gpt-oss-120b': [0.15, 0.6],
  'openai:gpt-4.1-mini': [0.4, 1.6],
  'openai:gpt-4.1-nano': [0.1, 0.4],
  'openai:gpt-4o-mini': [0.15, 0.6],
  'openrouter:google/gemini-2.5-flash': [0.3, 2.5],
  'openrouter:openai/gpt-4.1-mini': [0.4, 1.6],
};

/** Output budget assumed for the worst-case estimate when a call sets no maxOutputTokens. */
export const ASSUMED_MAX_OUTPUT_TOKENS = 8192;

export type Price = { input: number; output: number };

/** The list price of a model; `fallback` prices one the table does not know (`priced` stays true then). */
export function priceOf(
  choice: ProviderChoice,
  fallback: Price | null = null,
): { input: number; output: number; priced: boolean } {
  const price = choice.provider === 'gpt-oss' ? undefined : PRICES[`${choice.provider}:${choice.model}`];
  if (price) return { input: price[0], output: price[1], priced: true };
  return unlistedPrice(choice.provider, fallback);
}

/** The price of a model the table does not know: self-hosted gpt-oss is free, others cost `fallback`. */
export function unlistedPrice(
  provider: Provider,
  fallback: Price | null = null,
): { input: number; output: number; priced: boolean } {
  if (provider === 'gpt-oss') return { input: 0, output: 0, priced: true }; // self-hosted
  return fallback ? { ...fallback, priced: true } : { input: 0, output: 0, priced: false };
}

export function costOf(
  choice: ProviderChoice,
  usage: Usage,
  fallback: Price | null = null,
): { costUsd: number; priced: boolean } {
  const { input, output, priced } = priceOf(choice, fallback);
  return { costUsd: (usage.inputTokens * input + usage.outputTokens * output) / 1e6, priced };
}

/** The worst case of one call: input ≈ characters / 4, output = the call's whole budget. */
export function worstCase(
  choice: ProviderChoice,
  messages: Message[],
  maxOutputTokens: number | undefined,
  fallback: Price | null = null,
): { maxCostUsd: number; maxTokens: number; priced: boolean } {
  const usage = {
    inputTokens: estimateTokens(messages.map((m) => m.content).join('\n')),
    outputTokens: maxOutputTokens ?? ASSUMED_MAX_OUTPUT_TOKENS,
  };
  const { costUsd, priced } = costOf(choice, usage, fallback);
  return { maxCostUsd: costUsd, maxTokens: usage.inputTokens + usage.outputTokens, priced };
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The models the price table knows for a provider. */
export function pricedModels(provider: Provider): string[] {
  const prefix = `${provider}:`;
  return Object.keys(PRICES)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
}
