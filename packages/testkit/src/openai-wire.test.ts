import Groq from 'groq-sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startProviderEmulator } from './provider-emulator.ts';
import type { Emulator } from './types.ts';

let emu: Emulator;
let openai: OpenAI;
beforeAll(async () => {
  emu = await startProviderEmulator();
  openai = new OpenAI({ baseURL: `${emu.url}/v1`, apiKey: 'sk-test', maxRetries: 2 });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const messages = [{ role: 'user' as const, content: 'hola' }];

describe('OpenAI-compatible chat completions', () => {
  it('answers non-streaming with a realistic body and echo-ish text', async () => {
    const r = await openai.chat.completions.create({ model: 'gpt-4.1-mini', messages });
    expect(r.id).toMatch(/^chatcmpl-/);
    expect(r.choices[0]?.message.content).toBe('Echo: hola');
    expect(r.usage?.total_tokens).toBeGreaterThan(0);
    expect(emu.requests[0]).toMatchObject({ route: 'openai', model: 'gpt-4.1-mini', path: '/v1/chat/completions' });
    expect(emu.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('streams role delta, content deltas, finish and usage', async () => {
    emu.script('openai', { chunks: ['Hel', 'lo', '!'] });
    const stream = await openai.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const pieces: string[] = [];
    let usage: unknown;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) pieces.push(chunk.choices[0].delta.content);
      usage = chunk.usage ?? usage;
    }
    expect(pieces).toEqual(['Hel', 'lo', '!']);
    expect(usage).toMatchObject({ completion_tokens: expect.any(Number) });
  });

  it('works with the strict .stream() helper', async () => {
    const runner = openai.chat.completions.stream({ model: 'gpt-4.1-mini', messages });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('Echo: hola');
  });

  it('answers json_schema requests with an object that fits the schema', async () => {
    const schema = {
      type: 'object',
      properties: { title: { type: 'string', minLength: 3 }, level: { type: 'integer', minimum: 1, maximum: 5 } },
      required: ['title', 'level'],
      additionalProperties: false,
    };
    const r = await openai.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages,
      // Not strict: strict mode refuses minLength (schema-rules.test.ts).
      response_format: { type: 'json_schema', json_schema: { name: 'course', strict: false, schema } },
    });
    expect(JSON.parse(r.choices[0]?.message.content ?? '')).toEqual({ title: 'Sample title', level: 1 });
  });

  it('sends 429 with retry-after-ms, which the SDK honours', async () => {
    emu.script('openai', { status: 429, retryAfterMs: 20 }, { text: 'after retry' });
    const started = Date.now();
    const r = await openai.chat.completions.create({ model: 'gpt-4.1-mini', messages });
    expect(r.choices[0]?.message.content).toBe('after retry');
    expect(Date.now() - started).toBeLessThan(400);
    expect(emu.requests.map((q) => q.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
  });

  it('errors in the real shape', async () => {
    emu.script('openai', { status: 401 });
    const error = await openai.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('invalid_api_key');
  });

  it('matches scripts by model name', async () => {
    emu.script({ model: /gpt-oss/ }, { text: 'local' });
    const other = await openai.chat.completions.create({ model: 'gpt-4.1-mini', messages });
    const local = await openai.chat.completions.create({ model: 'gpt-oss:20b', messages });
    expect(other.choices[0]?.message.content).toBe('Echo: hola');
    expect(local.choices[0]?.message.content).toBe('local');
    expect((local.choices[0]!.message as unknown as { reasoning: string }).reasoning).toBeTruthy();
  });

  it('narrows a script to requests whose body matches a pattern', async () => {
    emu.script({ model: 'm', body: /write one lesson/ }, { text: 'lesson' });
    const quiz = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'a quiz' }] });
    const lesson = await openai.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'write one lesson' }],
    });
    expect(quiz.choices[0]?.message.content).toBe('Echo: a quiz');
    expect(lesson.choices[0]?.message.content).toBe('lesson');
  });

  it('records a client that aborts mid-stream', async () => {
    emu.script('openai', { chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 100 });
    const controller = new AbortController();
    const stream = await openai.chat.completions.create(
      { model: 'm', messages, stream: true },
      { signal: controller.signal },
    );
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content === 'a') controller.abort();
    await vi.waitFor(() => expect(emu.requests[0]?.closedEarly).toBe(true));
  });

  it('drops the socket mid-stream', async () => {
    emu.script('openai', { chunks: ['a', 'b', 'c'], disconnectAfterChunks: 1 });
    const stream = await openai.chat.completions.create({ model: 'm', messages, stream: true });
    const seen: string[] = [];
    const run = async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(run()).rejects.toThrow();
    expect(seen.join('')).toBe('a');
    expect(emu.requests[0]?.closedEarly).toBe(false);
  });

  it('sends malformed content and OpenRouter 200-with-error bodies', async () => {
    const openrouter = new OpenAI({ baseURL: `${emu.url}/api/v1`, apiKey: 'sk-or' });
    emu.script(
      'openrouter',
      { malformed: true },
      { body: { error: { code: 502, message: 'Provider returned error' } } },
    );
    const bad = await openrouter.chat.completions.create({ model: 'x/y', messages });
    expect(() => JSON.parse(bad.choices[0]?.message.content ?? '')).toThrow();
    const withError = (await openrouter.chat.completions.create({ model: 'x/y', messages })) as unknown as {
      error: { code: number };
    };
    expect(withError.error.code).toBe(502);
    expect(emu.requests.map((q) => q.route)).toEqual(['openrouter', 'openrouter']);
    expect(emu.pendingSteps()).toBe(0);
  });
});

describe('OpenRouter streams', () => {
  it('sends a scripted body as a mid-stream error event', async () => {
    const openrouter = new OpenAI({ baseURL: `${emu.url}/api/v1`, apiKey: 'sk-or' });
    emu.script('openrouter', { chunks: ['Hi'], body: { error: { code: 502, message: 'Provider disconnected' } } });
    const stream = await openrouter.chat.completions.create({ model: 'x/y', messages, stream: true });
    const seen: string[] = [];
    const run = async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(run()).rejects.toThrow(/Provider disconnected/);
    expect(seen.join('')).toBe('Hi');
  });
});

describe('Groq', () => {
  it('serves groq-sdk under /openai/v1 with usage in x_groq on the last chunk', async () => {
    const groq = new Groq({ baseURL: emu.url, apiKey: 'gsk_test' });
    emu.script('groq', { text: 'rápido y bien' });
    const stream = await groq.chat.completions.create({ model: 'llama-3.1-8b-instant', messages, stream: true });
    let text = '';
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.x_groq?.usage ?? usage;
    }
    expect(text).toBe('rápido y bien');
    expect(usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(emu.requests[0]?.path).toBe('/openai/v1/chat/completions');
  });

  it('rate limits in Groq error shape', async () => {
    const groq = new Groq({ baseURL: emu.url, apiKey: 'gsk_test', maxRetries: 0 });
    emu.script('groq', { status: 429, retryAfter: 7 });
    const error = await groq.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Groq.RateLimitError);
    expect((error as InstanceType<typeof Groq.APIError>).headers?.get('retry-after')).toBe('7');
  });
});
