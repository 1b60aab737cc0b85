import { z } from 'zod';
import { Provider } from './generation.ts';

/** US$ per 1M input / output tokens; `priced: false` when nothing prices the model (it costs 0 then). */
export const ModelPrice = z.object({ input: z.number().min(0), output: z.number().min(0), priced: z.boolean() });
export type ModelPrice = z.infer<typeof ModelPrice>;

/**
 * What `GET /aula/providers` answers (staff only): the providers the course API and the workers can
 * generate with, their models and prices, read from the LLM settings. Never a key or an address.
 */
export const ProviderCatalogue = z.object({
  /** What a course request that names no provider gets: the first of the generation chain. */
  default: z.object({ provider: Provider, model: z.string() }),
  /** Every provider, configured or not, in the order the chains prefer them. */
  providers: z.array(
    z.object({
      provider: Provider,
      /** A key is set (gpt-oss: a base URL or a key): a request may name it. */
      configured: z.boolean(),
      /** The model a request that names this provider but no model gets. */
      defaultModel: z.string(),
      /** The models the price table knows for this provider (its default model first), with their prices. */
      models: z.array(z.object({ model: z.string(), price: ModelPrice })),
      /** The price of any other model typed in (the fallback price, or unpriced). */
      otherModels: ModelPrice,
    }),
  ),
});
export type ProviderCatalogue = z.infer<typeof ProviderCatalogue>;

/** The price of `model` (the provider's default when empty) as the catalogue tells it; null for an unknown provider. */
export function catalogueChoice(
  catalogue: ProviderCatalogue,
  provider: Provider,
  model: string | undefined,
): { provider: Provider; model: string; price: ModelPrice } | null {
  const entry = catalogue.providers.find((p) => p.provider === provider);
  if (!entry) return null;
  const chosen = model?.trim() || entry.defaultModel;
  const price = entry.models.find((m) => m.model === chosen)?.price ?? entry.otherModels;
  return { provider, model: chosen, price };
}
