import { ProviderCatalogue } from '@aula/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCAN_MODEL } from './global-setup.ts';
import { call, ok, tokens } from './helpers.ts';

type Tokens = Awaited<ReturnType<typeof tokens>>;
let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

describe('GET /aula/providers', () => {
  it.each([
    ['anonymous', 401],
    ['student', 403],
    ['generator', 403],
    ['pipeline', 403],
  ] as const)('refuses %s with %i', async (actor, status) => {
    expect((await call(t[actor], 'GET', '/aula/providers')).status).toBe(status);
  });

  it.each(['editor', 'admin'] as const)(
    'tells %s the providers, models and prices of the settings, without keys or addresses',
    async (actor) => {
      const body = await ok(t[actor], 'GET', '/aula/providers');
      const catalogue = ProviderCatalogue.parse(body);
      // The test stack's settings: every provider at the emulator, generation on OpenAI's gpt-4o-mini.
      expect(catalogue.default).toEqual({ provider: 'openai', model: SCAN_MODEL });
      expect(catalogue.providers.map((p) => [p.provider, p.configured])).toEqual([
        ['gemini', true],
        ['groq', true],
        ['openai', true],
        ['openrouter', true],
        ['gpt-oss', true],
      ]);
      const openai = catalogue.providers.find((p) => p.provider === 'openai');
      expect(openai?.defaultModel).toBe(SCAN_MODEL);
      expect(openai?.models[0]).toEqual({ model: SCAN_MODEL, price: { input: 0.15, output: 0.6, priced: true } });
      expect(openai?.otherModels.priced).toBe(false);
      expect(catalogue.providers.find((p) => p.provider === 'gpt-oss')?.otherModels).toEqual({
        input: 0,
        output: 0,
        priced: true,
      });
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/sk-test|gsk_test|AIza|sk-or-test|bu_test|https?:\/\//);
    },
  );
});
