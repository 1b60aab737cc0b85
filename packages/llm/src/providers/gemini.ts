import type { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { type ErrorContext, LlmError, toLlmError } from '../errors.ts';
import { withRetries } from '../retry.ts';
import type { Usage } from '../types.ts';
import type { CallRequest, ProviderAdapter, StreamEvent } from './adapter.ts';

const BLOCKING_FINISH = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'IMAGE_SAFETY']);

/** Gemini through @google/genai. The SDK does not retry, so 429/5xx are retried here (honouring RetryInfo). */
export function geminiAdapter(ai: GoogleGenAI, maxRetries: number): ProviderAdapter {
  const paramsFor = (req: CallRequest) => {
    const system = req.messages.filter((m) => m.role === 'system').map((m) => m.content);
    return {
      model: req.model,
      contents: req.messages
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
      config: {
        ...(system.length > 0 ? { systemInstruction: system.join('\n\n') } : {}),
        ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
        ...(req.maxOutputTokens === undefined ? {} : { maxOutputTokens: req.maxOutputTokens }),
        ...(req.json ? { responseMimeType: 'application/json', responseJsonSchema: req.json.schema } : {}),
        ...(req.signal ? { abortSignal: req.signal } : {}),
      },
    };
  };
  const call = <T>(req: CallRequest, fn: () => Promise<T>) => {
    const ctx: ErrorContext = { provider: 'gemini', model: req.model, signal: req.signal };
    const once = () =>
      fn().catch((error: unknown) => {
        throw toLlmError(error, ctx);
      });
    return withRetries(once, maxRetries, req.signal);
  };

  return {
    async complete(req) {
      const res = await call(req, () => ai.models.generateContent(paramsFor(req)));
      checkBlocked(res, req);
      return { text: res.text ?? '', ...usageOf(res) };
    },

    async *stream(req): AsyncGenerator<StreamEvent> {
      const ctx: ErrorContext = { provider: 'gemini', model: req.model, signal: req.signal };
      const chunks = await call(req, () => ai.models.generateContentStream(paramsFor(req)));
      let last: GenerateContentResponse | undefined;
      try {
        for await (const chunk of chunks) {
          checkBlocked(chunk, req);
          if (chunk.text) yield { text: chunk.text };
          if (chunk.usageMetadata) last = chunk;
        }
      } catch (error) {
        throw toLlmError(error, ctx);
      }
      if (req.signal?.aborted) throw new LlmError('aborted', `gemini:${req.model}: stream aborted`, ctx);
      const { usage } = last ? usageOf(last) : {};
      if (usage) yield { usage };
    },
  };
}

/** A blocked prompt or a safety stop is a content-policy failure, not an empty answer. */
function checkBlocked(res: GenerateContentResponse, req: CallRequest) {
  const reason = res.promptFeedback?.blockReason ?? res.candidates?.[0]?.finishReason;
  if (reason && (res.promptFeedback?.blockReason || BLOCKING_FINISH.has(reason))) {
    throw new LlmError('content_policy', `gemini:${req.model}: blocked (${reason})`, {
      provider: 'gemini',
      model: req.model,
    });
  }
}

function usageOf(res: GenerateContentResponse): { usage?: Usage } {
  const u = res.usageMetadata;
  if (!u) return {};
  return {
    usage: {
      inputTokens: u.promptTokenCount ?? 0,
      outputTokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0),
    },
  };
}
