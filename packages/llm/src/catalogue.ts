import { PROVIDERS, type ProviderCatalogue } from '@aula/domain';
import { resolveChain } from './chain.ts';
import { pricedModels, priceOf, unlistedPrice } from './prices.ts';
import type { LlmSettings } from './settings.ts';

/**
 * Which providers and models exist, from the settings: what `GET /aula/providers` answers so the
 * studio's form and estimate offer and price what a run will really use. No key, no base URL.
 */
export function providerCatalogue(settings: LlmSettings): ProviderCatalogue {
  const first = settings.chains.generation[0] ?? {
    provider: 'gpt-oss' as const,
    model: settings.models['gpt-oss'].generation,
  };
  const price = (provider: (typeof PROVIDERS)[number], model: string) =>
    priceOf({ provider, model }, settings.fallbackPrice);
  return {
    default: { provider: first.provider, model: first.model },
    providers: PROVIDERS.map((provider) => {
      // The model a run gets when its request names this provider and no model.
      const defaultModel =
        resolveChain(settings, 'generation', { provider })[0]?.model ?? settings.models[provider].generation;
      const models = [...new Set([defaultModel, ...pricedModels(provider)])];
      return {
        provider,
        configured: settings.configured.includes(provider),
        defaultModel,
        models: models.map((model) => ({ model, price: price(provider, model) })),
        otherModels: unlistedPrice(provider, settings.fallbackPrice),
      };
    }),
  };
}
