import type { Message, Usage } from '../types.ts';

/** One provider call, already resolved to a model; `json` asks for structured output. */
export type CallRequest = {
  model: string;
  messages: Message[];
  maxOutputTokens?: number | undefined;
  temperature?: number | undefined;
  /** `strict`: constrained decoding (`json_schema.strict`); Groq has it for gpt-oss models only. */
  json?: { name: string; schema: Record<string, unknown>; strict: boolean };
  signal?: AbortSignal | undefined;
};

export type StreamEvent = { text: string } | { usage: Usage };

/** What each provider implements. Every failure is thrown as an LlmError (aborts included). */
export type ProviderAdapter = {
  complete(req: CallRequest): Promise<{ text: string; usage?: Usage }>;
  stream(req: CallRequest): AsyncIterable<StreamEvent>;
};
