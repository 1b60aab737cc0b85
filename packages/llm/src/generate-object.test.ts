import type { Provider } from '@aula/domain';
import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlm } from './create-llm.ts';
import { emulatorEnv } from './emulator-env.ts';
import { LlmError } from './errors.ts';
import { readLlmSettings } from './settings.ts';
import type { LlmConfig } from './types.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const Outline = z.object({
  title: z.string().min(3),
  lessons: z.array(z.object({ title: z.string(), minutes: z.number().int().min(5).max(60) })).min(2),
});
const valid = {
  title: 'Fotosíntesis',
  lessons: [
    { title: 'Luz', minutes: 10 },
    { title: 'Clorofila', minutes: 15 },
  ],
};
const messages = [
  { role: 'system' as const, content: 'Eres un diseñador de cursos.' },
  { role: 'user' as const, content: 'Un curso corto sobre fotosíntesis.' },
];

const llmWith = (env: Record<string, string> = {}, tweak: (c: LlmConfig) => LlmConfig = (c) => c) =>
  createLlm(tweak(readLlmSettings(emulatorEnv(emu.url, env))));
const only = (provider: Provider) => llmWith({ AULA_GENERATION_PROVIDER: provider, AULA_GENERATION_FALLBACKS: '' });
const generate = (llm = only('openai'), extra: object = {}) =>
  llm.generateObject({ task: 'generation', schema: Outline, schemaName: 'course_outline', messages, ...extra });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('should fail'),
    (e: unknown) => e as LlmError,
  );

describe('generateObject: structured output per provider', () => {
  it.each([
    ['openai', '/v1/chat/completions'],
    ['groq', '/openai/v1/chat/completions'],
    ['openrouter', '/api/v1/chat/completions'],
    ['gpt-oss', '/v1/chat/completions'],
  ] as const)('%s sends response_format json_schema (strict) to %s', async (provider, path) => {
    const result = await generate(only(provider));
    expect(Outline.parse(result.object)).toEqual(result.object);
    expect(result).toMatchObject({ provider, attempts: 1 });
    const req = emu.requests[0]!;
    expect(req.path).toBe(path);
    const format = (req.body as any).response_format;
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'course_outline', strict: true } });
    expect(format.json_schema.schema.$schema).toBeUndefined();
    expect(format.json_schema.schema).toMatchObject({ additionalProperties: false, required: ['title', 'lessons'] });
  });

  it('gemini sends responseMimeType + responseJsonSchema and system instruction', async () => {
    const result = await generate(only('gemini'));
    expect(result.object.lessons).toHaveLength(2);
    const req = emu.requests[0]!;
    expect(req.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    const body = req.body as any;
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(body.generationConfig.responseJsonSchema).toMatchObject({ type: 'object', required: ['title', 'lessons'] });
    expect(body.generationConfig.responseJsonSchema.properties.title.minLength).toBeUndefined();
    expect(body.systemInstruction.parts[0].text).toBe('Eres un diseñador de cursos.');
  });

  it('openrouter asks to route only to upstreams honouring every parameter', async () => {
    await generate(only('openrouter'));
    expect((emu.requests[0]!.body as any).provider).toEqual({ require_parameters: true });
  });

  it('gpt-oss carries reasoning_effort both ways and keeps reasoning out of the output', async () => {
    emu.script({ model: 'gpt-oss:20b' }, { json: valid, reasoning: 'SECRET CHAIN OF THOUGHT' });
    const result = await generate(only('gpt-oss'));
    expect(result.object).toEqual(valid);
    expect(JSON.stringify(result)).not.toContain('SECRET');
    expect(emu.requests[0]?.body).toMatchObject({
      reasoning_effort: 'low',
      chat_template_kwargs: { reasoning_effort: 'low' },
    });
    expect(result.costUsd).toBe(0);
    expect(result.priced).toBe(true);
  });
});

describe('generateObject: repair', () => {
  it('repairs invalid JSON once, showing the model its output and the error', async () => {
    emu.script('openai', { malformed: true }, { json: valid });
    const result = await generate();
    expect(result).toMatchObject({ object: valid, attempts: 2 });
    const retry = (emu.requests[1]!.body as any).messages;
    expect(retry.at(-2)).toMatchObject({ role: 'assistant', content: expect.stringContaining('Sure!') });
    expect(retry.at(-1).content).toMatch(/not valid JSON/);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('repairs a schema violation once', async () => {
    emu.script('openai', { json: { title: 'x', lessons: [] } }, { json: valid });
    const result = await generate();
    expect(result.attempts).toBe(2);
    expect((emu.requests[1]!.body as any).messages.at(-1).content).toMatch(/lessons/);
  });

  it('names the limits the provider was not sent when the output breaks them', async () => {
    emu.script('openai', { json: { ...valid, title: 'x' } }, { json: valid });
    const result = await generate();
    expect(result.attempts).toBe(2);
    const sent = (emu.requests[0]!.body as any).response_format.json_schema.schema;
    expect(sent.properties.title.minLength).toBeUndefined();
    expect((emu.requests[1]!.body as any).messages.at(-1).content).toContain(
      'Keep to these limits too: title: minLength 3',
    );
  });

  it('gives up with invalid_output after the one repair, without falling back', async () => {
    emu.script('openai', { malformed: true }, { json: { title: 'ok title', lessons: 'none' } });
    const error = await failure(
      generate(llmWith({ AULA_GENERATION_PROVIDER: 'openai', AULA_GENERATION_FALLBACKS: 'groq' })),
    );
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: 'invalid_output', retryable: false, provider: 'openai' });
    expect(emu.requests.map((r) => r.route)).toEqual(['openai', 'openai']);
  });
});

describe('generateObject: retries and fallback', () => {
  it('waits out a 429 with retry-after-ms (SDK retries), then succeeds', async () => {
    const llm = llmWith({ AULA_LLM_MAX_RETRIES: '2', AULA_GENERATION_PROVIDER: 'openai' });
    emu.script('openai', { status: 429, retryAfterMs: 30 }, { json: valid });
    const result = await generate(llm);
    expect(result.object).toEqual(valid);
    expect(emu.requests).toHaveLength(2);
  });

  it('waits out a Gemini 429 with RetryInfo (own retries), then succeeds', async () => {
    const llm = llmWith({
      AULA_LLM_MAX_RETRIES: '2',
      AULA_GENERATION_PROVIDER: 'gemini',
      AULA_GENERATION_FALLBACKS: '',
    });
    emu.script('gemini', { status: 429, retryAfter: 0.03 }, { json: valid });
    const started = Date.now();
    const result = await generate(llm);
    expect(result).toMatchObject({ provider: 'gemini', object: valid });
    expect(emu.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('reports rate_limited with retryAfterMs when retries are exhausted', async () => {
    emu.script('gemini', { status: 429, retryAfter: 7 });
    const error = await failure(generate(only('gemini')));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 7000, provider: 'gemini' });
  });

  it.each([
    [500, 'unavailable'],
    [503, 'unavailable'],
    [429, 'rate_limited'],
    [401, 'unauthorized'],
  ])('falls back to the next provider on %i', async (status) => {
    const llm = llmWith({ AULA_GENERATION_PROVIDER: 'openai', AULA_GENERATION_FALLBACKS: 'groq' });
    emu.script('openai', { status });
    const result = await generate(llm);
    expect(result.provider).toBe('groq');
    expect(emu.requests.map((r) => r.route)).toEqual(['openai', 'groq']);
  });

  it('does not fall back on 400', async () => {
    const llm = llmWith({ AULA_GENERATION_PROVIDER: 'openai', AULA_GENERATION_FALLBACKS: 'groq' });
    emu.script('openai', { status: 400, message: 'bad schema' });
    const error = await failure(generate(llm));
    expect(error).toMatchObject({ code: 'invalid_request', retryable: false });
    expect(error.message).toContain('bad schema');
    expect(emu.requests).toHaveLength(1);
  });

  it('skips providers without a key', async () => {
    const llm = llmWith({
      OPENAI_API_KEY: '',
      AULA_GENERATION_PROVIDER: 'openai',
      AULA_GENERATION_FALLBACKS: 'gemini',
    });
    expect((await generate(llm)).provider).toBe('gemini');
  });

  it('reports every failure when the whole chain fails, keeping the retryable one', async () => {
    const llm = llmWith({ AULA_GENERATION_PROVIDER: 'openai', AULA_GENERATION_FALLBACKS: 'groq' });
    emu.script('openai', { status: 429, retryAfterMs: 40 });
    emu.script('groq', { status: 401 });
    const error = await failure(generate(llm));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 40 });
    expect(error.message).toMatch(/openai.*groq/);
  });

  it('says what to set when nothing is configured and nothing listens', async () => {
    const closed = await startProviderEmulator();
    const port = closed.url;
    await closed.stop();
    const config = readLlmSettings({ AULA_LLM_MAX_RETRIES: '0' });
    const llm = createLlm({ ...config, providers: { ...config.providers, 'gpt-oss': { baseUrl: `${port}/v1` } } });
    const error = await failure(generate(llm));
    expect(error).toMatchObject({ code: 'not_configured', retryable: false });
    expect(error.message).toMatch(/GOOGLE_API_KEY, GROQ_API_KEY, OPENAI_API_KEY, OPENROUTER_API_KEY/);
    expect(error.message).toMatch(/GPT_OSS_BASE_URL/);
  });

  it('a call may name its own provider and model', async () => {
    const result = await generate(llmWith(), { choice: { provider: 'groq', model: 'llama-3.3-70b-versatile' } });
    expect(result).toMatchObject({ provider: 'groq', model: 'llama-3.3-70b-versatile' });
    expect(emu.requests[0]?.model).toBe('llama-3.3-70b-versatile');
  });
});

describe('generateObject: cost, refusals and provider quirks', () => {
  it('records usage and cost from the price table', async () => {
    const result = await generate();
    const { inputTokens, outputTokens } = result.usage;
    expect(inputTokens).toBeGreaterThan(0);
    expect(result.costUsd).toBeCloseTo((inputTokens * 0.4 + outputTokens * 1.6) / 1e6, 12);
    expect(result.priced).toBe(true);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const unknown = await generate(llmWith(), { choice: { provider: 'openai', model: 'gpt-unknown' } });
    expect(unknown).toMatchObject({ costUsd: 0, priced: false });
  });

  it('prices a model the table does not know with AULA_LLM_FALLBACK_PRICE', async () => {
    const llm = llmWith({ AULA_LLM_FALLBACK_PRICE: '3/15' });
    const estimates: { priced: boolean; maxCostUsd: number }[] = [];
    const result = await generate(llm, {
      choice: { provider: 'openai', model: 'gpt-unknown' },
      maxOutputTokens: 1000,
      beforeCall: (e: { priced: boolean; maxCostUsd: number }) => void estimates.push(e),
    });
    const { inputTokens, outputTokens } = result.usage;
    expect(result).toMatchObject({ priced: true });
    expect(result.costUsd).toBeCloseTo((inputTokens * 3 + outputTokens * 15) / 1e6, 12);
    expect(estimates[0]).toMatchObject({ priced: true });
    expect(estimates[0]!.maxCostUsd).toBeGreaterThanOrEqual((1000 * 15) / 1e6);
    expect(() => readLlmSettings({ AULA_LLM_FALLBACK_PRICE: 'cheap' })).toThrow(/AULA_LLM_FALLBACK_PRICE/);
  });

  it('settles what beforeCall reserved once per provider call: what it used, or null when it failed', async () => {
    const settled: unknown[] = [];
    const beforeCall = () => (spent: unknown) => void settled.push(spent);
    const result = await generate(only('openai'), { beforeCall });
    expect(settled).toEqual([{ usage: result.usage, costUsd: result.costUsd }]);
    settled.length = 0;
    emu.script('openai', { status: 400, body: { error: { message: 'bad request' } } });
    await failure(generate(only('openai'), { beforeCall }));
    expect(settled).toEqual([null]);
  });

  it('asks beforeCall with the worst case before each call, and a refusal is cost_cap without calling', async () => {
    const estimates: unknown[] = [];
    await generate(only('openai'), { maxOutputTokens: 1000, beforeCall: (e: unknown) => void estimates.push(e) });
    expect(estimates).toEqual([
      {
        provider: 'openai',
        model: 'gpt-4.1-mini',
        maxCostUsd: expect.any(Number),
        maxTokens: expect.any(Number),
        priced: true,
      },
    ]);
    expect((estimates[0] as { maxTokens: number }).maxTokens).toBeGreaterThan(1000);
    expect((estimates[0] as { maxCostUsd: number }).maxCostUsd).toBeGreaterThanOrEqual((1000 * 1.6) / 1e6);
    emu.reset();
    const refuse = () => {
      throw new Error('monthly cap reached');
    };
    const error = await failure(generate(llmWith({ AULA_GENERATION_PROVIDER: 'openai' }), { beforeCall: refuse }));
    expect(error).toMatchObject({ code: 'cost_cap', retryable: false });
    expect(error.message).toContain('monthly cap reached');
    expect(emu.requests).toHaveLength(0);
  });

  it('turns an OpenRouter 200-with-error body into an error (and falls back on 5xx codes)', async () => {
    emu.script('openrouter', { body: { error: { code: 502, message: 'Provider returned error' } } });
    const error = await failure(generate(only('openrouter')));
    expect(error).toMatchObject({ code: 'unavailable', provider: 'openrouter' });
    expect(error.message).toContain('Provider returned error');
    emu.script('openrouter', { body: { error: { code: 502, message: 'Provider returned error' } } });
    const llm = llmWith({ AULA_GENERATION_PROVIDER: 'openrouter', AULA_GENERATION_FALLBACKS: 'openai' });
    expect((await generate(llm)).provider).toBe('openai');
  });

  it.each([
    ['a blocked prompt', { blockReason: 'SAFETY' }],
    ['a SAFETY finish', { finishReason: 'SAFETY' }],
  ])('Gemini %s is content_policy, with no fallback', async (_name, step) => {
    emu.script('gemini', step);
    const llm = llmWith({ AULA_GENERATION_PROVIDER: 'gemini', AULA_GENERATION_FALLBACKS: 'openai' });
    const error = await failure(generate(llm));
    expect(error).toMatchObject({ code: 'content_policy', provider: 'gemini' });
    expect(emu.requests).toHaveLength(1);
  });

  it('an OpenAI refusal is content_policy', async () => {
    emu.script('openai', { refusal: 'I cannot help with that.' });
    expect(await failure(generate())).toMatchObject({ code: 'content_policy' });
  });

  it('aborts an in-flight call', async () => {
    emu.script('openai', { delayMs: 2000, json: valid });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(generate(only('openai'), { signal: controller.signal }));
    expect(error).toMatchObject({ code: 'aborted' });
  });
});
