import type { Provider } from '@aula/domain';
import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLlm } from './create-llm.ts';
import { emulatorEnv } from './emulator-env.ts';
import type { LlmError } from './errors.ts';
import { readLlmSettings } from './settings.ts';
import type { StreamTextInput } from './types.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const PROVIDERS: Provider[] = ['gemini', 'groq', 'openai', 'openrouter', 'gpt-oss'];
const ROUTE = {
  gemini: 'gemini',
  groq: 'groq',
  openai: 'openai',
  openrouter: 'openrouter',
  'gpt-oss': 'openai',
} as const;
const messages = [{ role: 'user' as const, content: '¿Qué es la clorofila?' }];

const llmWith = (env: Record<string, string> = {}) => createLlm(readLlmSettings(emulatorEnv(emu.url, env)));
const tutor = (provider: Provider, fallbacks = '') =>
  llmWith({ AULA_TUTOR_PROVIDER: provider, AULA_TUTOR_FALLBACKS: fallbacks });
const stream = (llm: ReturnType<typeof llmWith>, extra: Partial<StreamTextInput> = {}) =>
  llm.streamText({ task: 'tutor', messages, ...extra });
const collect = async (tokens: AsyncIterable<string>) => {
  const seen: { token: string; at: number }[] = [];
  for await (const token of tokens) seen.push({ token, at: Date.now() });
  return seen;
};

describe('streamText', () => {
  it.each(PROVIDERS)('%s streams token by token', async (provider) => {
    emu.script(ROUTE[provider], { chunks: ['La ', 'clorofila ', 'capta luz.'], chunkDelayMs: 80 });
    const s = stream(tutor(provider));
    const seen = await collect(s);
    expect(seen.map((t) => t.token)).toEqual(['La ', 'clorofila ', 'capta luz.']);
    expect(seen.at(-1)!.at - seen[0]!.at).toBeGreaterThanOrEqual(80); // arrived as sent (160 ms apart), not at the end
    const result = await s.result;
    expect(result).toMatchObject({ provider, text: 'La clorofila capta luz.' });
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(emu.requests[0]?.stream).toBe(true);
  });

  it('gpt-oss reasoning never reaches the text', async () => {
    emu.script({ model: 'gpt-oss:20b' }, { text: 'Respuesta.', reasoning: 'SECRET REASONING' });
    const s = stream(tutor('gpt-oss'));
    const tokens = (await collect(s)).map((t) => t.token).join('');
    expect(tokens).toBe('Respuesta.');
    expect((await s.result).text).toBe('Respuesta.');
    expect(emu.requests[0]?.body).toMatchObject({ reasoning_effort: 'low' });
  });

  it.each(['openai', 'groq', 'gemini'] as const)(
    '%s: aborting mid-stream closes the upstream request',
    async (provider) => {
      emu.script(ROUTE[provider], { chunks: ['uno', ' dos', ' tres', ' cuatro', ' cinco'], chunkDelayMs: 80 });
      const controller = new AbortController();
      const s = stream(tutor(provider), { signal: controller.signal });
      const seen: string[] = [];
      const consume = async () => {
        for await (const token of s) {
          seen.push(token);
          controller.abort();
        }
      };
      await expect(consume()).rejects.toMatchObject({ code: 'aborted' });
      await expect(s.result).rejects.toMatchObject({ code: 'aborted', retryable: false });
      expect(seen).toEqual(['uno']);
      await vi.waitFor(() => expect(emu.requests[0]?.closedEarly).toBe(true));
    },
  );

  it('leaving the loop early closes the upstream request too', async () => {
    emu.script('gemini', { chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 80 });
    const s = stream(tutor('gemini'));
    for await (const _ of s) break;
    await expect(s.result).rejects.toMatchObject({ code: 'aborted' });
    await vi.waitFor(() => expect(emu.requests[0]?.closedEarly).toBe(true));
  });

  it.each(['openai', 'groq', 'gemini'] as const)(
    '%s: a mid-stream disconnect is an error, with no fallback after tokens',
    async (provider) => {
      emu.script(ROUTE[provider], { chunks: ['uno', ' dos', ' tres'], disconnectAfterChunks: 2 });
      const s = stream(tutor(provider, 'openrouter'));
      const seen: string[] = [];
      const consume = async () => {
        for await (const token of s) seen.push(token);
      };
      const error = (await consume().catch((e: unknown) => e)) as LlmError;
      expect(error).toMatchObject({ code: 'unavailable', provider });
      expect(seen).toEqual(['uno', ' dos']);
      await expect(s.result).rejects.toBe(error);
      expect(emu.requests.map((r) => r.route)).toEqual([ROUTE[provider]]);
    },
  );

  it('falls back before the first token', async () => {
    emu.script('groq', { status: 503 });
    const s = stream(tutor('groq', 'gemini'));
    expect((await collect(s)).length).toBeGreaterThan(0);
    expect((await s.result).provider).toBe('gemini');
    expect(emu.requests.map((r) => r.route)).toEqual(['groq', 'gemini']);
  });

  it('an OpenRouter error event mid-stream is an error', async () => {
    const error = { code: 429, message: 'Rate limit exceeded upstream' };
    emu.script('openrouter', {
      chunks: ['Hola'],
      body: { error, choices: [{ index: 0, delta: {}, finish_reason: 'error' }] },
    });
    const s = stream(tutor('openrouter', 'groq'));
    const seen: string[] = [];
    const consume = async () => {
      for await (const token of s) seen.push(token);
    };
    await expect(consume()).rejects.toMatchObject({ code: 'rate_limited', provider: 'openrouter' });
    expect(seen).toEqual(['Hola']);
    expect(emu.requests).toHaveLength(1);
  });

  it('result works without iterating, and beforeCall gates streams too', async () => {
    expect((await stream(tutor('openai')).result).text).toBe('Echo: ¿Qué es la clorofila?');
    const refused = stream(tutor('openai'), {
      beforeCall: () => {
        throw new Error('cap');
      },
    });
    await expect(refused.result).rejects.toMatchObject({ code: 'cost_cap' });
    await expect(collect(refused)).rejects.toMatchObject({ code: 'cost_cap' });
  });

  it('a Gemini safety stop while streaming is content_policy', async () => {
    emu.script('gemini', { finishReason: 'SAFETY', chunks: ['Hola'] });
    await expect(stream(tutor('gemini')).result).rejects.toMatchObject({ code: 'content_policy' });
  });
});
