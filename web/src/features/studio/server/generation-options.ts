import 'server-only';
import { PROVIDERS, type Provider } from '@aula/domain';
import { priceOf, readLlmConfig } from '@aula/llm';
import { llmEnv } from '../../../env.ts';
import type { GenerationOptions, ProviderOption } from '../estimate.ts';

/**
 * What the request form offers: read from the same variables the workers read (AULA_GENERATION_*,
 * the provider keys), which this server is given for the tutor. Were they to differ, the course API
 * and the workers still decide; this only fills the form and prices the estimate.
 */
export function generationOptions(): GenerationOptions {
  const config = readLlmConfig(llmEnv);
  const configured = PROVIDERS.filter((provider) =>
    provider === 'gpt-oss'
      ? Boolean(llmEnv.GPT_OSS_BASE_URL || llmEnv.GPT_OSS_API_KEY)
      : Boolean(config.providers[provider].apiKey),
  );
  const first = config.chains.generation[0] ?? {
    provider: 'gpt-oss' as const,
    model: config.models['gpt-oss'].generation,
  };
  const option = (provider: Provider, model: string): ProviderOption => ({
    provider,
    model,
    price: priceOf({ provider, model }),
  });
  return {
    fallback: option(first.provider, first.model),
    providers: configured.map((provider) =>
      option(provider, provider === first.provider ? first.model : config.models[provider].generation),
    ),
  };
}

/** USD per million tokens of one provider's model; a model left empty is the provider's default. */
export function priceFor(provider: Provider, model: string | undefined): ProviderOption {
  const config = readLlmConfig(llmEnv);
  const chosen = model?.trim() || config.models[provider].generation;
  return { provider, model: chosen, price: priceOf({ provider, model: chosen }) };
}
