import { ApiError, GoogleGenAI } from '@google/genai';
import Groq from 'groq-sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startProviderEmulator } from './provider-emulator.ts';
import type { Emulator } from './types.ts';

let emu: Emulator;
let openai: OpenAI;
let openrouter: OpenAI;
let groq: Groq;
let gemini: GoogleGenAI;
beforeAll(async () => {
  emu = await startProviderEmulator();
  openai = new OpenAI({ baseURL: `${emu.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
  openrouter = new OpenAI({ baseURL: `${emu.url}/api/v1`, apiKey: 'sk-or-test', maxRetries: 0 });
  groq = new Groq({ baseURL: emu.url, apiKey: 'gsk_test', maxRetries: 0 });
  gemini = new GoogleGenAI({ apiKey: 'AIza-test', apiVersion: 'v1beta', httpOptions: { baseUrl: emu.url } });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const messages = [{ role: 'user' as const, content: 'hola' }];
/** A schema strict OpenAI accepts, and ways to spoil it. */
const good = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
  },
  required: ['title', 'tags'],
  additionalProperties: false,
};
const withTitle = (title: object) => ({ ...good, properties: { ...good.properties, title } });
const format = (schema: object, strict = true) => ({
  type: 'json_schema' as const,
  json_schema: { name: 'course_outline', strict, schema: schema as Record<string, unknown> },
});
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the provider should refuse'),
    (e: unknown) => e as { status: number; error: any; message: string },
  );

describe('OpenAI strict mode refuses what its documentation does not support', () => {
  it.each([
    [
      'minLength on a string',
      withTitle({ type: 'string', minLength: 3 }),
      "In context=('properties', 'title'), 'minLength' is not permitted.",
    ],
    [
      'maxLength inside array items',
      { ...good, properties: { ...good.properties, tags: { type: 'array', items: { type: 'string', maxLength: 9 } } } },
      "In context=('properties', 'tags', 'items'), 'maxLength' is not permitted.",
    ],
    ['allOf', { ...good, allOf: [] }, "In context=(), 'allOf' is not permitted."],
    ['a default', withTitle({ type: 'string', default: 'x' }), "'default' is not permitted."],
    [
      'an open object',
      { ...good, additionalProperties: true },
      "In context=(), 'additionalProperties' is required to be supplied and to be false.",
    ],
    [
      'an optional property',
      { ...good, required: ['title'] },
      "'required' is required to be supplied and to be an array including every key in properties. Missing 'tags'.",
    ],
    ['an array at the root', { type: 'array', items: { type: 'string' } }, `got 'type: "array"'`],
  ])('%s: 400 invalid_request_error naming it', async (_, schema, text) => {
    const e = await failure(
      openai.chat.completions.create({ model: 'gpt-4.1-mini', messages, response_format: format(schema) }),
    );
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.status).toBe(400);
    expect(e.error).toMatchObject({ type: 'invalid_request_error', param: 'response_format', code: null });
    expect(e.error.message).toMatch(/^Invalid schema for response_format 'course_outline': /);
    expect(e.error.message).toContain(text);
  });

  it('accepts the documented keywords (pattern, format, numbers, item counts) and non-strict schemas', async () => {
    const schema = {
      ...good,
      properties: {
        ...good.properties,
        title: { type: 'string', pattern: '^[A-Z]', format: 'email' },
        score: { type: 'number', minimum: 0, exclusiveMaximum: 1, multipleOf: 0.5 },
      },
      required: ['title', 'tags', 'score'],
    };
    const ok = await openai.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages,
      response_format: format(schema),
    });
    expect(JSON.parse(ok.choices[0]?.message.content ?? '')).toHaveProperty('score');
    const loose = withTitle({ type: 'string', minLength: 3 });
    const r = await openai.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages,
      response_format: format(loose, false),
    });
    expect(r.choices[0]?.message.content).toBeTruthy();
  });

  it('answers the next good request with the script a refused one did not use', async () => {
    emu.script('openai', { json: { title: 'Hola', tags: ['a'] } });
    await failure(openai.chat.completions.create({ model: 'm', messages, response_format: format({ type: 'array' }) }));
    const r = await openai.chat.completions.create({ model: 'm', messages, response_format: format(good) });
    expect(JSON.parse(r.choices[0]?.message.content ?? '')).toEqual({ title: 'Hola', tags: ['a'] });
  });
});

describe('Groq', () => {
  it('refuses strict mode on a model without it (strict is gpt-oss only)', async () => {
    const e = await failure(
      groq.chat.completions.create({ model: 'llama-3.1-8b-instant', messages, response_format: format(good) }),
    );
    expect(e.status).toBe(400);
    expect(e.error).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(e.error.error.message).toContain("not supported for model 'llama-3.1-8b-instant'");
  });

  it('holds gpt-oss strict mode to the OpenAI subset, and takes best-effort schemas as they are', async () => {
    const e = await failure(
      groq.chat.completions.create({
        model: 'openai/gpt-oss-120b',
        messages,
        response_format: format(withTitle({ type: 'string', maxLength: 9 })),
      }),
    );
    expect(e.error.error.message).toContain("'maxLength' is not permitted");
    const r = await groq.chat.completions.create({
      model: 'llama-3.1-8b-instant',
      messages,
      response_format: format(withTitle({ type: 'string', maxLength: 9 }), false),
    });
    expect(r.choices[0]?.message.content).toBeTruthy();
  });
});

describe('OpenRouter passes the upstream refusal on, wrapped', () => {
  it.each([
    ['openai/gpt-4.1-mini', 'OpenAI', "'minLength' is not permitted", 'invalid_request_error'],
    ['google/gemini-2.5-flash', 'Google AI Studio', "'minLength' is not supported", 'INVALID_ARGUMENT'],
  ])('%s', async (model, upstream, text, kind) => {
    const schema = withTitle({ type: 'string', minLength: 3 });
    const e = await failure(openrouter.chat.completions.create({ model, messages, response_format: format(schema) }));
    expect(e.status).toBe(400);
    expect(e.error).toMatchObject({
      message: 'Provider returned error',
      code: 400,
      metadata: { provider_name: upstream },
    });
    expect(e.error.metadata.raw).toContain(text);
    expect(e.error.metadata.raw).toContain(kind);
  });
});

describe('Gemini', () => {
  const call = (config: object) =>
    failure(gemini.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hola', config }));
  const googleBody = (e: { message: string }) => JSON.parse(e.message).error;

  it.each([
    [
      'a keyword outside responseJsonSchema’s list',
      { responseMimeType: 'application/json', responseJsonSchema: withTitle({ type: 'string', maxLength: 5 }) },
      "response_json_schema.properties.title: 'maxLength' is not supported",
    ],
    [
      'siblings beside $ref',
      {
        responseMimeType: 'application/json',
        responseJsonSchema: { ...good, properties: { title: { $ref: '#/$defs/t', description: 'x' } } },
      },
      'beside $ref',
    ],
    [
      'a JSON-Schema keyword in the OpenAPI responseSchema',
      { responseMimeType: 'application/json', responseSchema: withTitle({ type: 'string', const: 'x' }) },
      'Unknown name "const" at \'generation_config.response_schema\': Cannot find field.',
    ],
    ['a schema without the JSON mime type', { responseJsonSchema: good }, 'response_mime_type'],
  ])('%s: 400 INVALID_ARGUMENT', async (_, config, text) => {
    const e = await call(config);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(googleBody(e)).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(googleBody(e).message).toContain(text);
  });
});

describe('GPT-OSS on vLLM', () => {
  it('refuses what xgrammar does not support, in vLLM’s error shape', async () => {
    const schema = { ...good, properties: { ...good.properties, n: { type: 'integer', multipleOf: 5 } } };
    const e = await failure(
      openai.chat.completions.create({ model: 'openai/gpt-oss-20b', messages, response_format: format(schema) }),
    );
    expect(e.status).toBe(400);
    expect(e.error).toMatchObject({ type: 'BadRequestError', code: 400 });
    expect(e.error.message).toContain("not supported by xgrammar ('multipleOf')");
  });
});
