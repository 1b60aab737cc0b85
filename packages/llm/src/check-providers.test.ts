import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkProviders, formatProviderChecks } from './check-providers.ts';
import { emulatorEnv } from './emulator-env.ts';
import { readLlmSettings } from './settings.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const config = () =>
  readLlmSettings(
    emulatorEnv(emu.url, {
      AULA_GENERATION_PROVIDER: 'openai',
      AULA_GENERATION_FALLBACKS: 'gemini',
      AULA_TUTOR_PROVIDER: 'groq',
      AULA_TUTOR_FALLBACKS: '',
    }),
  );

describe('checkProviders', () => {
  it('makes a structured and a streamed call per provider and model, and reports each', async () => {
    const bad = 'API key not valid. Please pass a valid API key.';
    emu.script({ model: 'gemini-2.5-flash' }, { status: 400, message: bad }, { status: 400, message: bad });
    const checks = await checkProviders(config());

    expect(checks.map((c) => `${c.provider}:${c.model}:${c.tasks.join('+')}`)).toEqual([
      'openai:gpt-4.1-mini:generation',
      'gemini:gemini-2.5-flash:generation',
      'groq:llama-3.1-8b-instant:tutor',
    ]);
    const [openai, gemini, groq] = checks;
    expect(openai).toMatchObject({ structured: { ok: true }, stream: { ok: true }, price: { priced: true } });
    expect(openai!.stream.ok && openai!.stream.firstTokenMs).toBeGreaterThanOrEqual(0);
    expect(openai!.costUsd).toBeGreaterThan(0);
    expect(groq).toMatchObject({ structured: { ok: true }, stream: { ok: true } });
    expect(gemini).toMatchObject({ structured: { ok: false }, stream: { ok: false } });
    expect(gemini!.structured.ok || gemini!.structured.message).toContain(`gemini:gemini-2.5-flash: 400 ${bad}`);

    // No fallback hid the failure: Gemini's calls went to Gemini only, twice.
    expect(emu.requests.filter((r) => r.route === 'gemini')).toHaveLength(2);
    // The structured call carried a schema like Aula's: a counted list in closed objects.
    const openaiStructured = emu.requests.find((r) => r.route === 'openai' && !r.stream)!;
    const schema = (openaiStructured.body as any).response_format.json_schema;
    expect(schema).toMatchObject({ strict: true, schema: { properties: { lessons: { minItems: 2, maxItems: 2 } } } });
    // Groq's tutor model has no strict mode: it was asked for best effort.
    const groqStructured = emu.requests.find((r) => r.route === 'groq' && !r.stream)!;
    expect((groqStructured.body as any).response_format.json_schema.strict).toBe(false);
  });

  it('prints a table and names each failure with the provider’s own message', async () => {
    emu.script({ model: 'gemini-2.5-flash' }, { status: 403, message: 'Permission denied: consumer suspended.' }, {});
    const text = formatProviderChecks(await checkProviders(config()));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^provider +model +used for +structured +stream +US\$ per 1M tokens in \/ out$/);
    expect(lines[1]).toMatch(/^openai +gpt-4\.1-mini +generation +ok \d+ ms +ok \d+ ms +0\.4 \/ 1\.6$/);
    expect(lines[2]).toMatch(/^gemini +gemini-2\.5-flash +generation +FAILED +ok \d+ ms +0\.3 \/ 2\.5$/);
    expect(lines[3]).toMatch(/^groq +llama-3\.1-8b-instant +tutor +ok \d+ ms +ok \d+ ms/);
    expect(text).toContain(
      'gemini gemini-2.5-flash (structured): gemini:gemini-2.5-flash: 403 Permission denied: consumer suspended.',
    );
  });

  it('gives a provider that does not answer a short timeout and says so', async () => {
    emu.script({ model: 'gpt-4.1-mini' }, { delayMs: 1500 }, { delayMs: 1500 });
    const started = performance.now();
    const [openai] = await checkProviders(config(), { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(1400);
    expect(openai).toMatchObject({
      provider: 'openai',
      structured: { ok: false, message: 'openai:gpt-4.1-mini: request timed out' },
      stream: { ok: false, message: 'openai:gpt-4.1-mini: request timed out' },
    });
  });
});
