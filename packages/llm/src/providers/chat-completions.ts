import type { Provider } from '@aula/domain';
import { type ErrorContext, fromErrorBody, LlmError, toLlmError } from '../errors.ts';
import type { Usage } from '../types.ts';
import type { CallRequest, ProviderAdapter, StreamEvent } from './adapter.ts';

/** The part of the openai / groq-sdk clients used here (both are Stainless SDKs with one shape). */
export type ChatClient = {
  chat: { completions: { create(body: object, options?: { signal?: AbortSignal }): Promise<unknown> } };
};

type WireUsage = { prompt_tokens?: number; completion_tokens?: number };
type WireError = { code?: unknown; message?: unknown };
type Completion = {
  error?: WireError;
  choices?: { message?: { content?: string | null; refusal?: string | null }; finish_reason?: string | null }[];
  usage?: WireUsage;
};
type Chunk = {
  error?: WireError;
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: WireUsage | null;
  x_groq?: { usage?: WireUsage };
};

export type ChatOptions = {
  provider: Provider;
  client: ChatClient;
  /** Ollama ignores `max_completion_tokens`; OpenAI and Groq prefer it. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** `stream_options.include_usage` (Groq has none: usage comes in `x_groq.usage`). */
  streamUsage: boolean;
  /** Provider-specific body fields (OpenRouter routing, gpt-oss reasoning effort). */
  extraBody?: (req: CallRequest) => object;
};

/** OpenAI-compatible chat completions. Reasoning (`reasoning`, `reasoning_content`) is never read into the text. */
export function chatCompletionsAdapter(options: ChatOptions): ProviderAdapter {
  const { provider, client } = options;
  const bodyFor = (req: CallRequest) => ({
    model: req.model,
    messages: req.messages,
    ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
    ...(req.maxOutputTokens === undefined ? {} : { [options.maxTokensField]: req.maxOutputTokens }),
    ...(req.json
      ? {
          response_format: {
            type: 'json_schema',
            json_schema: { name: req.json.name, strict: req.json.strict, schema: req.json.schema },
          },
        }
      : {}),
    ...options.extraBody?.(req),
  });
  const ctxOf = (req: CallRequest): ErrorContext => ({ provider, model: req.model, signal: req.signal });

  return {
    async complete(req) {
      const ctx = ctxOf(req);
      const res = (await client.chat.completions.create(bodyFor(req), signalOption(req)).catch((error: unknown) => {
        throw toLlmError(error, ctx);
      })) as Completion;
      if (res.error) throw fromErrorBody(res.error, ctx);
      const choice = res.choices?.[0];
      if (!choice?.message) throw new LlmError('unavailable', `${provider}:${req.model}: response has no choices`, ctx);
      if (choice.message.refusal || choice.finish_reason === 'content_filter') {
        throw new LlmError(
          'content_policy',
          `${provider}:${req.model}: refused (${choice.message.refusal ?? 'content filter'})`,
          ctx,
        );
      }
      return { text: choice.message.content ?? '', ...usageOf(res.usage) };
    },

    async *stream(req): AsyncGenerator<StreamEvent> {
      const ctx = ctxOf(req);
      const body = {
        ...bodyFor(req),
        stream: true,
        ...(options.streamUsage ? { stream_options: { include_usage: true } } : {}),
      };
      let usage: WireUsage | undefined;
      try {
        const chunks = (await client.chat.completions.create(body, signalOption(req))) as AsyncIterable<Chunk>;
        for await (const chunk of chunks) {
          if (chunk.error) throw fromErrorBody(chunk.error, ctx);
          const choice = chunk.choices?.[0];
          if (choice?.finish_reason === 'content_filter') {
            throw new LlmError('content_policy', `${provider}:${req.model}: stopped by the content filter`, ctx);
          }
          if (choice?.delta?.content) yield { text: choice.delta.content };
          usage = chunk.usage ?? chunk.x_groq?.usage ?? usage;
        }
      } catch (error) {
        throw toLlmError(error, ctx);
      }
      // openai and groq end a stream silently when it is aborted mid-way.
      if (req.signal?.aborted) throw new LlmError('aborted', `${provider}:${req.model}: stream aborted`, ctx);
      const { usage: total } = usageOf(usage);
      if (total) yield { usage: total };
    },
  };
}

function signalOption(req: CallRequest) {
  return req.signal ? { signal: req.signal } : {};
}

function usageOf(usage: WireUsage | undefined): { usage?: Usage } {
  if (!usage) return {};
  return { usage: { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0 } };
}
