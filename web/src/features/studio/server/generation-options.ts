import 'server-only';
import { catalogueChoice, type Provider, ProviderCatalogue } from '@aula/domain';
import { studentRead } from '../../../shared/cache/read-cache.ts';
import { directusFetch, parseAnswer } from '../../../shared/directus.ts';
import type { GenerationOptions, ProviderOption } from '../estimate.ts';

/**
 * The providers and models the course API says a request may name, with their prices
 * (`GET /aula/providers`, asked with the staff member's token): the same LLM settings the course API
 * and the workers run with, never guessed from this server's environment. Kept for the read cache's
 * short while, so typing a model name does not ask again each time.
 */
function providerCatalogue(token: string): Promise<ProviderCatalogue> {
  return studentRead(token, 'providers', async () =>
    parseAnswer('GET /aula/providers', ProviderCatalogue, await directusFetch({ path: '/aula/providers', token })),
  );
}

/** What the request form offers: the configured providers with their default models, and the default choice. */
export async function generationOptions(token: string): Promise<GenerationOptions> {
  const catalogue = await providerCatalogue(token);
  const option = (provider: Provider, model: string): ProviderOption =>
    catalogueChoice(catalogue, provider, model) ?? { provider, model, price: { input: 0, output: 0, priced: false } };
  return {
    fallback: option(catalogue.default.provider, catalogue.default.model),
    providers: catalogue.providers.filter((p) => p.configured).map((p) => option(p.provider, p.defaultModel)),
  };
}

/** USD per million tokens of one provider's model; a model left empty is the provider's default. */
export async function priceFor(token: string, provider: Provider, model: string | undefined): Promise<ProviderOption> {
  const chosen = catalogueChoice(await providerCatalogue(token), provider, model);
  return chosen ?? { provider, model: model?.trim() ?? '', price: { input: 0, output: 0, priced: false } };
}
