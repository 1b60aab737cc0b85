import { catalogueChoice, ProviderCatalogue } from '@aula/domain';
import { describe, expect, it } from 'vitest';
import { providerCatalogue } from './catalogue.ts';
import { readLlmSettings } from './settings.ts';

describe('providerCatalogue', () => {
  it('lists every provider, the configured ones marked, with the models a run would use and their prices', () => {
    const catalogue = providerCatalogue(
      readLlmSettings({
        GROQ_API_KEY: 'gsk_secret',
        OPENAI_API_KEY: 'sk-secret',
        AULA_GENERATION_PROVIDER: 'openai',
        AULA_GENERATION_MODEL: 'gpt-4o-mini',
        AULA_GENERATION_FALLBACKS: 'groq:llama-3.1-8b-instant',
      }),
    );
    expect(ProviderCatalogue.parse(catalogue)).toEqual(catalogue);
    expect(catalogue.default).toEqual({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(catalogue.providers.filter((p) => p.configured).map((p) => p.provider)).toEqual(['groq', 'openai']);
    const groq = catalogue.providers.find((p) => p.provider === 'groq');
    // The chain's own model for groq, not groq's general default.
    expect(groq?.defaultModel).toBe('llama-3.1-8b-instant');
    expect(groq?.models[0]).toEqual({
      model: 'llama-3.1-8b-instant',
      price: { input: 0.05, output: 0.08, priced: true },
    });
    expect(groq?.otherModels).toEqual({ input: 0, output: 0, priced: false });
    expect(catalogue.providers.find((p) => p.provider === 'gemini')?.defaultModel).toBe('gemini-2.5-flash');
    expect(JSON.stringify(catalogue)).not.toMatch(/secret|https?:/);
  });

  it('prices unknown models at the fallback price, and self-hosted gpt-oss at nothing', () => {
    const catalogue = providerCatalogue(
      readLlmSettings({ OPENROUTER_API_KEY: 'k', AULA_LLM_FALLBACK_PRICE: '3/15', GPT_OSS_MODEL: 'big' }),
    );
    expect(catalogueChoice(catalogue, 'openrouter', 'anthropic/claude-sonnet-4')).toEqual({
      provider: 'openrouter',
      model: 'anthropic/claude-sonnet-4',
      price: { input: 3, output: 15, priced: true },
    });
    expect(catalogueChoice(catalogue, 'openrouter', ' ')?.model).toBe('google/gemini-2.5-flash');
    expect(catalogueChoice(catalogue, 'gpt-oss', undefined)).toEqual({
      provider: 'gpt-oss',
      model: 'big',
      price: { input: 0, output: 0, priced: true },
    });
  });
});
