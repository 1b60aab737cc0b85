import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startProviderEmulator } from './provider-emulator.ts';
import type { Emulator } from './types.ts';

let emu: Emulator;
let ai: GoogleGenAI;
beforeAll(async () => {
  emu = await startProviderEmulator();
  ai = new GoogleGenAI({ apiKey: 'AIza-test', apiVersion: 'v1beta', httpOptions: { baseUrl: emu.url } });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const model = 'gemini-2.5-flash';

describe('Gemini generateContent', () => {
  it('answers with candidates and usageMetadata', async () => {
    const r = await ai.models.generateContent({ model, contents: 'hola' });
    expect(r.text).toBe('Echo: hola');
    expect(r.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
    expect(emu.requests[0]).toMatchObject({ route: 'gemini', model, path: `/v1beta/models/${model}:generateContent` });
    expect(emu.requests[0]?.headers['x-goog-api-key']).toBe('AIza-test');
  });

  it('accepts the v1 path too', async () => {
    const v1 = new GoogleGenAI({ apiKey: 'k', apiVersion: 'v1', httpOptions: { baseUrl: emu.url } });
    expect((await v1.models.generateContent({ model, contents: 'x' })).text).toBe('Echo: x');
  });

  it('fills responseJsonSchema requests from the schema', async () => {
    const r = await ai.models.generateContent({
      model,
      contents: 'course',
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: {
          type: 'object',
          properties: { topics: { type: 'array', items: { type: 'string' }, minItems: 2 } },
        },
      },
    });
    expect(JSON.parse(r.text ?? '')).toEqual({ topics: ['Sample topic 1', 'Sample topic 2'] });
  });

  it('streams over SSE without [DONE], thoughts excluded from text', async () => {
    emu.script('gemini', { chunks: ['Uno', ' dos', ' tres'], reasoning: 'thinking...' });
    const pieces: string[] = [];
    for await (const chunk of await ai.models.generateContentStream({ model, contents: 'cuenta' })) {
      pieces.push(chunk.text ?? '');
    }
    expect(pieces).toEqual(['Uno', ' dos', ' tres']);
    expect(emu.requests[0]?.query.alt).toBe('sse');
  });

  it('errors in Google shape with RetryInfo', async () => {
    emu.script('gemini', { status: 429, retryAfter: 2 });
    const error = await ai.models.generateContent({ model, contents: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const body = JSON.parse((error as ApiError).message);
    expect(body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(body.error.details[0].retryDelay).toBe('2s');
  });

  it('blocks prompts and finishes with SAFETY', async () => {
    emu.script('gemini', { blockReason: 'SAFETY' }, { finishReason: 'SAFETY' });
    const blocked = await ai.models.generateContent({ model, contents: 'x' });
    expect(blocked.text).toBeUndefined();
    expect(blocked.promptFeedback?.blockReason).toBe('SAFETY');
    const unsafe = await ai.models.generateContent({ model, contents: 'x' });
    expect(unsafe.candidates?.[0]?.finishReason).toBe('SAFETY');
  });

  it('records an aborted stream as closed early', async () => {
    emu.script('gemini', { chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 100 });
    const controller = new AbortController();
    const run = async () => {
      const stream = await ai.models.generateContentStream({
        model,
        contents: 'x',
        config: { abortSignal: controller.signal },
      });
      for await (const chunk of stream) if (chunk.text === 'a') controller.abort();
    };
    await expect(run()).rejects.toThrow(/abort/i);
    await vi.waitFor(() => expect(emu.requests[0]?.closedEarly).toBe(true));
  });
});
