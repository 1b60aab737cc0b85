import type { Provider } from '@aula/domain';
import type { z } from 'zod';

/** What a call is for; each task has its own provider/model chain (AULA_GENERATION_*, AULA_TUTOR_*). */
export type Task = 'generation' | 'tutor';

export type ProviderChoice = { provider: Provider; model: string };

export type Usage = { inputTokens: number; outputTokens: number };

/** The result of one successful call, after fallbacks: who answered and what it cost. */
export type CallResult = {
  provider: Provider;
  model: string;
  usage: Usage;
  costUsd: number;
  /** False when the model is not in the price table: `costUsd` is then 0, not a real figure. */
  priced: boolean;
  latencyMs: number;
};

export type Message = { role: 'system' | 'user' | 'assistant'; content: string };

export type GenerateObjectInput<S extends z.ZodType> = {
  task: Task;
  /** Validated against the output; its JSON Schema is sent to the provider (response_format / responseJsonSchema). */
  schema: S;
  /** A short identifier for the schema (`course_outline`), sent as the JSON schema's name. */
  schemaName: string;
  messages: Message[];
  maxOutputTokens?: number;
  temperature?: number;
  /** Overrides the configured chain's first choice (a request may name provider and model). */
  choice?: Partial<ProviderChoice>;
  signal?: AbortSignal;
  /**
   * Called before every provider call with its worst case; throw to refuse (cost cap). May return a
   * function that is called once after that provider call, with what it really used (estimated when the
   * provider said nothing; null when it failed before answering): reserve, then settle.
   */
  beforeCall?: BeforeCall;
};

/** The worst case of one provider call: US$ (0 when unpriced), tokens (input estimate + output budget). */
export type CallEstimate = {
  provider: Provider;
  model: string;
  maxCostUsd: number;
  maxTokens: number;
  /** False when neither the price table nor AULA_LLM_FALLBACK_PRICE prices the model: `maxCostUsd` is 0. */
  priced: boolean;
};
export type CallSpent = { usage: Usage; costUsd: number } | null;
export type BeforeCall = (
  estimate: CallEstimate,
) => void | ((spent: CallSpent) => void | Promise<void>) | Promise<void | ((spent: CallSpent) => void | Promise<void>)>;

/** `attempts`: calls to the provider that answered (1, or 2 after the repair attempt). */
export type GenerateObjectResult<T> = CallResult & { object: T; attempts: number };

export type StreamTextInput = {
  task: Task;
  messages: Message[];
  maxOutputTokens?: number;
  temperature?: number;
  choice?: Partial<ProviderChoice>;
  signal?: AbortSignal;
  /** As in GenerateObjectInput: called before every provider call; throw to refuse; may return a settle function. */
  beforeCall?: BeforeCall;
};

/** Tokens as they arrive; `result` resolves when the stream ends (rejects on failure or abort). */
export type TextStream = AsyncIterable<string> & { result: Promise<CallResult & { text: string }> };

/** The closed set of failures callers act on. */
export type LlmErrorCode =
  | 'not_configured' // no provider configured or reachable: the message says what to set
  | 'rate_limited' // 429: retryable, retryAfterMs when the provider said
  | 'unavailable' // 5xx, connection refused, timeout: retryable
  | 'invalid_request' // 400/404/422: permanent
  | 'unauthorized' // 401/403: permanent, a key is wrong
  | 'content_policy' // refusal or safety block: permanent
  | 'invalid_output' // output still invalid after the one repair attempt: permanent
  | 'cost_cap' // refused by beforeCall
  | 'aborted';

export type ReasoningEffort = 'low' | 'medium' | 'high';

/** Where a provider lives; `apiKey` comes from the environment only and is never logged. */
export type ProviderSettings = { apiKey?: string; baseUrl: string };

export type LlmConfig = {
  providers: Record<Provider, ProviderSettings>;
  /** The default model of each provider for each task (GPT_OSS_MODEL sets gpt-oss's). */
  models: Record<Provider, Record<Task, string>>;
  /** Each task's chain: first choice, then fallbacks, tried in order. */
  chains: Record<Task, ProviderChoice[]>;
  gptOssReasoningEffort: ReasoningEffort;
  /** The image model of course covers (AULA_COVER_PROVIDER / _MODEL); null: covers are drawn from the title. */
  cover: { provider: 'openai' | 'gpt-oss'; model: string } | null;
  browserUse: ProviderSettings & { pollIntervalMs: number; timeoutMs: number; maxSteps: number };
  /** No provider key and no GPT_OSS_BASE_URL were set: the chains are the local gpt-oss default. */
  unconfigured: boolean;
  /** Retries of 429/5xx/connection errors per call: the SDK's own for openai/groq, ours for Gemini. */
  maxRetries: number;
  /** Per-request timeout (until headers for openai/groq streams; whole request for Gemini). */
  timeoutMs: number;
  /** US$ per 1M tokens for models the price table does not know (AULA_LLM_FALLBACK_PRICE); null = unpriced. */
  fallbackPrice: { input: number; output: number } | null;
};

export type Llm = {
  generateObject<S extends z.ZodType>(input: GenerateObjectInput<S>): Promise<GenerateObjectResult<z.output<S>>>;
  streamText(input: StreamTextInput): TextStream;
  /** The choices a call for this task would try, in order. */
  chain(task: Task, choice?: Partial<ProviderChoice>): ProviderChoice[];
  findReferences(input: FindReferencesInput): Promise<Reference[]>;
  /** The cover model, if one is configured (AULA_COVER_PROVIDER); null: covers are drawn. */
  readonly cover: LlmConfig['cover'];
  /** One image from the configured cover model (`config.cover`); throws LlmError `not_configured` without one. */
  generateImage(input: GenerateImageInput): Promise<GeneratedImage>;
};

export type GenerateImageInput = { prompt: string; signal?: AbortSignal };
/** A generated image's bytes as the provider sent them (base64 decoded), with who made it. */
export type GeneratedImage = {
  bytes: Buffer;
  provider: Provider;
  model: string;
  usage: Usage | null;
  latencyMs: number;
};

export type FindReferencesInput = {
  topic: string;
  lessonTitle: string;
  objectives: string[];
  /** BCP 47 code of the course language (`es`, `en`). */
  language: string;
  /** At most this many references (1–10, default 5). */
  max?: number;
  /** The worker's own task text for the Browser Use agent; a plain default is used without it. */
  task?: string;
  signal?: AbortSignal;
};

/** A candidate reference; text fields are cleaned (no HTML/control characters) and bounded. Check it before use. */
export type Reference = { url: string; title: string; why: string };

export type ReferenceRejection =
  | 'invalid_url'
  | 'unsupported_scheme'
  | 'private_host'
  | 'http_error'
  | 'too_many_redirects'
  | 'login_page'
  | 'parked_domain'
  | 'not_html'
  | 'timeout'
  | 'network_error';

export type ReferenceCheck =
  | { ok: true; finalUrl: string; title: string }
  | { ok: false; reason: ReferenceRejection; status?: number; finalUrl?: string };
