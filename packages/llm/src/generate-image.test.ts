import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLlm } from './create-llm.ts';
import { emulatorEnv } from './emulator-env.ts';
import type { LlmError } from './errors.ts';
import { coverPrompt } from './generate-image.ts';
import { readLlmSettings } from './settings.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const PNG = [0x89, 0x50, 0x4e, 0x47];
const llmWith = (env: Record<string, string>) => createLlm(readLlmSettings(emulatorEnv(emu.url, env)));
const prompt = coverPrompt({
  title: 'Fotosíntesis para curiosos',
  audience: 'adultos sin base',
  summary: 'Luz y plantas',
});
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as LlmError,
  );

describe('generateImage (OpenAI images.generate, b64_json)', () => {
  it('is off unless AULA_COVER_PROVIDER names a configured provider', async () => {
    expect(readLlmSettings(emulatorEnv(emu.url)).cover).toBeNull();
    expect(readLlmSettings({ AULA_COVER_PROVIDER: 'openai' }).cover).toBeNull(); // no key
    expect(() => readLlmSettings({ AULA_COVER_PROVIDER: 'gemini' })).toThrow(/AULA_COVER_PROVIDER must be one of/);
    const error = await failure(createLlm(readLlmSettings(emulatorEnv(emu.url))).generateImage({ prompt }));
    expect(error.code).toBe('not_configured');
    expect(emu.requests).toHaveLength(0);
  });

  it('asks a GPT image model for a landscape PNG and decodes its base64 answer', async () => {
    const image = await llmWith({ AULA_COVER_PROVIDER: 'openai' }).generateImage({ prompt });
    expect([...image.bytes.subarray(0, 4)]).toEqual(PNG);
    expect(image).toMatchObject({ provider: 'openai', model: 'gpt-image-1-mini' });
    expect(image.usage?.outputTokens).toBeGreaterThan(0);
    const [req] = emu.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/v1/images/generations', route: 'openai-images' });
    expect(req?.headers.authorization).toBe('Bearer sk-test');
    expect(req?.body).toEqual({
      model: 'gpt-image-1-mini',
      prompt,
      n: 1,
      size: '1536x1024',
      quality: 'low',
      output_format: 'png',
    });
    expect(prompt).toMatch(/no text/);
  });

  it('asks an older or compatible model (dall-e-3 on a local server) for b64_json', async () => {
    const image = await llmWith({ AULA_COVER_PROVIDER: 'gpt-oss', AULA_COVER_MODEL: 'dall-e-3' }).generateImage({
      prompt,
    });
    expect([...image.bytes.subarray(0, 4)]).toEqual(PNG);
    expect(emu.requests[0]?.body).toMatchObject({ model: 'dall-e-3', response_format: 'b64_json', size: '1792x1024' });
  });

  it('turns the provider’s errors into LlmErrors: rate limit (retryable), safety block and bad key (permanent)', async () => {
    const llm = llmWith({ AULA_COVER_PROVIDER: 'openai' });
    emu.script('openai-images', { status: 429, retryAfter: 3 }, { status: 400 }, { status: 401 }, { status: 503 });
    const limited = await failure(llm.generateImage({ prompt }));
    expect([limited.code, limited.retryable, limited.retryAfterMs]).toEqual(['rate_limited', true, 3000]);
    const blocked = await failure(llm.generateImage({ prompt }));
    expect([blocked.code, blocked.retryable]).toEqual(['invalid_request', false]);
    expect(blocked.message).toMatch(/safety system/);
    expect((await failure(llm.generateImage({ prompt }))).code).toBe('unauthorized');
    expect((await failure(llm.generateImage({ prompt }))).code).toBe('unavailable');
  });

  it('an answer without an image is a failure, not an empty cover', async () => {
    emu.script('openai-images', { body: { created: 1, data: [] } }, { body: { created: 1, data: [{ b64_json: '' }] } });
    const llm = llmWith({ AULA_COVER_PROVIDER: 'openai' });
    expect((await failure(llm.generateImage({ prompt }))).message).toMatch(/no image/);
    expect((await failure(llm.generateImage({ prompt }))).message).toMatch(/no image/);
  });

  it('the emulator refuses what the real endpoint refuses (response_format on a GPT image model)', async () => {
    const res = await fetch(`${emu.url}/v1/images/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-image-1-mini', prompt: 'x', response_format: 'b64_json' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { param: 'response_format', code: 'unknown_parameter' } });
  });
});
