import type { IncomingHttpHeaders } from 'node:http';

export type EmulatorRoute = 'openai' | 'openai-images' | 'groq' | 'openrouter' | 'gemini' | 'browser-use';

/** A route name, or a model-name matcher (optionally narrowed to one route). */
/**
 * Which requests a script answers: a route, or a model name (string or pattern), optionally narrowed
 * by `body`, a pattern tested against the request body's JSON (e.g. a phrase of the prompt).
 */
export type RouteMatcher = EmulatorRoute | { route?: EmulatorRoute; model: string | RegExp; body?: RegExp };

/** One scripted answer. Fields combine: `{ delayMs: 200, text: 'hi' }`, `{ status: 429, retryAfterMs: 10 }`. */
export type EmulatorStep = {
  /** Assistant content as JSON (stringified into the content) or, for Browser Use, the task's structured output. */
  json?: unknown;
  /** Assistant content (for structured-output tests, a JSON string). */
  text?: string;
  /** Reasoning text (gpt-oss style `message.reasoning` / Gemini thought part); never part of the content. */
  reasoning?: string;
  /** HTTP status; >= 400 answers with the provider's error shape. */
  status?: number;
  /** Error message for `status` >= 400. */
  message?: string;
  retryAfter?: number;
  retryAfterMs?: number;
  /** Wait before the response headers. */
  delayMs?: number;
  /** Stream exactly these content pieces. */
  chunks?: string[];
  chunkDelayMs?: number;
  /** Destroy the socket after this many content chunks (0 = right after the headers). */
  disconnectAfterChunks?: number;
  /** `true`/'content': content that is not JSON; 'body': a response body that is not JSON. */
  malformed?: boolean | 'content' | 'body';
  /**
   * Send this JSON body as-is with `status` (default 200), e.g. OpenRouter's 200-with-`{error}`.
   * On a stream: sent as one SSE event after `chunks` (if any), then the stream ends — a mid-stream error.
   */
  body?: unknown;
  /** Override the finish reason (`length`, `content_filter`; Gemini `SAFETY`, `MAX_TOKENS`). */
  finishReason?: string;
  /** Gemini: block the prompt (`promptFeedback.blockReason`), e.g. 'SAFETY'. */
  blockReason?: string;
  /** OpenAI: answer with `message.refusal` instead of content. */
  refusal?: string;
  /** Browser Use: how many status polls report `started` before the task ends (default 1). */
  polls?: number;
  /** Browser Use: end the task as `failed`. */
  failed?: boolean;
};

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (raw text when it is not JSON, undefined when empty). */
  body: unknown;
  route: EmulatorRoute | 'web' | 'unknown';
  model?: string;
  stream: boolean;
  /** The client closed the connection before the response was complete. */
  closedEarly: boolean;
  /** When the request arrived (its body read), ms since the epoch (`Date.now()`). */
  receivedAt: number;
};

export type Emulator = {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request received since start or the last reset, in order. */
  readonly requests: RecordedRequest[];
  /** Queue answers for the next matching requests; unmatched requests get the default responder. */
  script(route: RouteMatcher, ...steps: EmulatorStep[]): void;
  /** How many scripted steps have not been used yet. */
  pendingSteps(): number;
  /** Forget requests, scripts and Browser Use tasks. */
  reset(): void;
  /** Close the server and every open socket. */
  stop(): Promise<void>;
};
