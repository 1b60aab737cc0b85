import OpenAI from 'openai';
import { LlmError, toLlmError } from './errors.ts';
import type { GeneratedImage, GenerateImageInput, LlmConfig } from './types.ts';

/** OpenAI's GPT image models always answer base64 and refuse `response_format`; older and compatible ones need it. */
const isGptImage = (model: string) => /^(gpt-image|chatgpt-image)/.test(model);

/**
 * One image from the cover model: `images.generate` on an OpenAI-compatible endpoint (OpenAI, or a
 * local server under the gpt-oss provider), asked for base64 in the answer (`b64_json`), never a URL
 * to fetch. Landscape, low quality: a cover is shown small and costs little.
 */
export async function generateImage(config: LlmConfig, input: GenerateImageInput): Promise<GeneratedImage> {
  const choice = config.cover;
  if (!choice) throw new LlmError('not_configured', 'no cover model: set AULA_COVER_PROVIDER (and its key)');
  const { provider, model } = choice;
  const { apiKey, baseUrl } = config.providers[provider];
  const client = new OpenAI({
    apiKey: apiKey ?? 'not-needed',
    baseURL: baseUrl,
    maxRetries: config.maxRetries,
    timeout: config.timeoutMs,
  });
  const ctx = { provider, model, signal: input.signal };
  const body = isGptImage(model)
    ? { model, prompt: input.prompt, n: 1, size: '1536x1024', quality: 'low' as const, output_format: 'png' as const }
    : { model, prompt: input.prompt, n: 1, size: '1792x1024', response_format: 'b64_json' as const };
  const started = Date.now();
  const res = await client.images
    .generate(body, input.signal ? { signal: input.signal } : {})
    .catch((error: unknown) => {
      throw toLlmError(error, ctx);
    });
  const b64 = res.data?.[0]?.b64_json;
  if (!b64) throw new LlmError('unavailable', `${provider}:${model}: the answer holds no image`, ctx);
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.byteLength === 0) throw new LlmError('unavailable', `${provider}:${model}: the image is empty`, ctx);
  return {
    bytes,
    provider,
    model,
    usage: res.usage ? { inputTokens: res.usage.input_tokens, outputTokens: res.usage.output_tokens } : null,
    latencyMs: Date.now() - started,
  };
}

/**
 * US$ per image of the size and quality asked for above (OpenAI's list prices), for the spending
 * ledger; `null` for a model not listed (AULA_LLM_FALLBACK_PRICE does not apply to images).
 */
const IMAGE_PRICES: Record<string, number> = {
  'gpt-image-1-mini': 0.008,
  'gpt-image-1': 0.016,
  'gpt-image-1.5': 0.016,
  'dall-e-3': 0.08,
  'dall-e-2': 0.02,
};
export function imagePriceOf(model: string): number | null {
  return IMAGE_PRICES[model] ?? null;
}

/** What the cover model is asked to draw: the course's subject, no words (they come out garbled). */
export function coverPrompt(course: { title: string; audience?: string | null; summary?: string | null }): string {
  const about = [course.title, course.summary].filter(Boolean).join('. ').slice(0, 600);
  return [
    'A clean, friendly flat illustration for the cover of an online course.',
    `The course: ${about}.`,
    course.audience ? `For: ${course.audience.slice(0, 200)}.` : '',
    'Wide landscape composition, bold simple shapes, a calm background, no text, no letters, no logos, no people’s faces.',
  ]
    .filter(Boolean)
    .join(' ');
}
