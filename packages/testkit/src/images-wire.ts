import type { ServerResponse } from 'node:http';
import { crc32, deflateSync } from 'node:zlib';
import { chatError } from './openai-wire.ts';
import { retryHeaders, sendJson, sleep } from './respond.ts';
import type { EmulatorStep } from './types.ts';

/** The request body of OpenAI's `POST /v1/images/generations`, as far as the emulator checks it. */
type ImagesBody = {
  model?: unknown;
  prompt?: unknown;
  n?: unknown;
  size?: unknown;
  quality?: unknown;
  response_format?: unknown;
  output_format?: unknown;
};

const GPT_IMAGE = /^(gpt-image|chatgpt-image)/;
const LEGACY_SIZES: Record<string, string[]> = {
  'dall-e-2': ['256x256', '512x512', '1024x1024'],
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
};
const GPT_SIZES = ['auto', '1024x1024', '1536x1024', '1024x1536'];
const PROMPT_LIMITS: Record<string, number> = { 'dall-e-2': 1000, 'dall-e-3': 4000 };

/** A 400 as OpenAI words it for a bad parameter. */
const invalid = (message: string, param: string, code: string | null = 'invalid_value') => ({
  error: { message, type: 'invalid_request_error', param, code },
});

/** What the real endpoint refuses before it draws anything, in its own words. */
export function refuseImagesRequest(body: ImagesBody): { status: number; body: unknown } | null {
  const model = typeof body.model === 'string' ? body.model : 'dall-e-2';
  const gpt = GPT_IMAGE.test(model);
  if (typeof body.prompt !== 'string' || body.prompt.trim() === '') {
    return {
      status: 400,
      body: invalid("Missing required parameter: 'prompt'.", 'prompt', 'missing_required_parameter'),
    };
  }
  const limit = gpt ? 32000 : (PROMPT_LIMITS[model] ?? 1000);
  if (body.prompt.length > limit) {
    return {
      status: 400,
      body: invalid(
        `Invalid 'prompt': string too long. Expected a string with maximum length ${limit}, but got a string with length ${body.prompt.length} instead.`,
        'prompt',
        'string_above_max_length',
      ),
    };
  }
  if (gpt && body.response_format !== undefined && body.response_format !== null) {
    return {
      status: 400,
      body: invalid("Unknown parameter: 'response_format'.", 'response_format', 'unknown_parameter'),
    };
  }
  if (!gpt && body.output_format !== undefined) {
    return { status: 400, body: invalid("Unknown parameter: 'output_format'.", 'output_format', 'unknown_parameter') };
  }
  const sizes = gpt ? GPT_SIZES : (LEGACY_SIZES[model] ?? LEGACY_SIZES['dall-e-2']!);
  if (body.size !== undefined && !sizes.includes(String(body.size))) {
    return {
      status: 400,
      body: invalid(
        `Invalid value: '${String(body.size)}'. Supported values are: ${sizes.map((s) => `'${s}'`).join(', ')}.`,
        'size',
      ),
    };
  }
  const n = body.n ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10 || (model === 'dall-e-3' && n !== 1)) {
    return { status: 400, body: invalid(`Invalid 'n': ${String(n)}.`, 'n') };
  }
  return null;
}

/** OpenAI's images endpoint: the image as base64 PNG (GPT image models, or `response_format: b64_json`). */
export async function answerImages(res: ServerResponse, body: ImagesBody, n: number, step: EmulatorStep = {}) {
  if (step.delayMs) await sleep(step.delayMs);
  if (step.status !== undefined && step.status >= 400) {
    return sendJson(res, step.status, imagesError(step.status, step.message), retryHeaders(step));
  }
  if (step.body !== undefined) return sendJson(res, step.status ?? 200, step.body, retryHeaders(step));
  const model = typeof body.model === 'string' ? body.model : 'dall-e-2';
  const count = typeof body.n === 'number' ? body.n : 1;
  const gpt = GPT_IMAGE.test(model);
  if (!gpt && body.response_format !== 'b64_json') {
    // The real service answers a URL to fetch, which this emulator does not host.
    return sendJson(res, 200, {
      created: 1731500000,
      data: [{ url: `https://example.invalid/images/${n}.png`, revised_prompt: String(body.prompt) }],
    });
  }
  const data = Array.from({ length: count }, (_, i) => ({
    b64_json: samplePng(n * 10 + i).toString('base64'),
    ...(gpt ? {} : { revised_prompt: String(body.prompt) }),
  }));
  return sendJson(res, 200, {
    created: 1731500000,
    data,
    ...(gpt
      ? {
          background: 'opaque',
          output_format: typeof body.output_format === 'string' ? body.output_format : 'png',
          quality: body.quality === 'auto' || body.quality === undefined ? 'medium' : body.quality,
          size: body.size === 'auto' || body.size === undefined ? '1024x1024' : body.size,
          usage: {
            input_tokens: Math.ceil(String(body.prompt).length / 4),
            input_tokens_details: { text_tokens: Math.ceil(String(body.prompt).length / 4), image_tokens: 0 },
            output_tokens: 272,
            total_tokens: Math.ceil(String(body.prompt).length / 4) + 272,
          },
        }
      : {}),
  });
}

function imagesError(status: number, message?: string) {
  if (status === 400 && !message) {
    return {
      error: {
        message: 'Your request was rejected as a result of our safety system.',
        type: 'image_generation_user_error',
        param: null,
        code: 'moderation_blocked',
      },
    };
  }
  return chatError('openai', status, message);
}

/** A real, small PNG (a two-colour gradient, different per `seed`) that any decoder reads. */
export function samplePng(seed: number, width = 96, height = 64): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = (seed * 53 + x * 2) & 0xff;
      raw[row + 2 + x * 3] = (seed * 97 + y * 3) & 0xff;
      raw[row + 3 + x * 3] = (160 + seed * 31) & 0xff;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
