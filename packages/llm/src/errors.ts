import type { Provider } from '@aula/domain';
import { ApiError } from '@google/genai';
import { BrowserUseError } from 'browser-use-sdk';
import Groq from 'groq-sdk';
import OpenAI from 'openai';
import type { LlmErrorCode } from './types.ts';

type LlmErrorOptions = {
  cause?: unknown;
  provider?: Provider;
  model?: string;
  retryAfterMs?: number;
  /** Nothing was listening (connection refused): the basis of the "nothing configured" message. */
  unreachable?: boolean;
};

/** The one error type callers see; `code` is the closed set of failures they act on. */
export class LlmError extends Error {
  readonly code: LlmErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly provider?: Provider;
  readonly model?: string;
  readonly unreachable: boolean;

  constructor(code: LlmErrorCode, message: string, options: LlmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LlmError';
    this.code = code;
    this.retryable = code === 'rate_limited' || code === 'unavailable';
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.provider) this.provider = options.provider;
    if (options.model) this.model = options.model;
    this.unreachable = options.unreachable ?? false;
  }
}

export type ErrorContext = { provider?: Provider; model?: string; signal?: AbortSignal | undefined };

/** Classifies anything an SDK (or fetch) threw, once, into an LlmError. */
export function toLlmError(error: unknown, ctx: ErrorContext = {}): LlmError {
  if (error instanceof LlmError) return error;
  const where = { provider: ctx.provider, model: ctx.model, cause: error } as LlmErrorOptions;
  const label = ctx.provider ? `${ctx.provider}${ctx.model ? `:${ctx.model}` : ''}` : 'Browser Use';
  if (ctx.signal?.aborted || isUserAbort(error)) return new LlmError('aborted', `${label}: request aborted`, where);
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof Groq.APIConnectionTimeoutError) {
    return new LlmError('unavailable', `${label}: request timed out`, where);
  }
  if (error instanceof OpenAI.APIConnectionError || error instanceof Groq.APIConnectionError) {
    const unreachable = hasCode(error, 'ECONNREFUSED');
    return new LlmError('unavailable', `${label}: connection failed (${rootMessage(error)})`, {
      ...where,
      unreachable,
    });
  }
  if (error instanceof OpenAI.APIError || error instanceof Groq.APIError) {
    const body = (error.error ?? {}) as {
      message?: string;
      code?: unknown;
      error?: { message?: string; code?: unknown };
    };
    const inner = body.error ?? body;
    const status = error.status ?? (typeof inner.code === 'number' ? inner.code : undefined);
    const message = inner.message ?? error.message;
    const code = /content_policy|content_filter/.test(String(inner.code)) ? 'content_policy' : codeForStatus(status);
    return new LlmError(code, `${label}: ${status ?? 'error'} ${message}`, {
      ...where,
      retryAfterMs: retryAfterFromHeaders(error.headers),
    });
  }
  if (error instanceof ApiError) return fromGemini(error, label, where);
  if (error instanceof BrowserUseError) {
    return new LlmError(codeForStatus(error.statusCode), `${label}: ${error.statusCode} ${error.message}`, where);
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new LlmError('unavailable', `${label}: request timed out`, where);
  }
  const unreachable = hasCode(error, 'ECONNREFUSED');
  return new LlmError('unavailable', `${label}: ${rootMessage(error)}`, { ...where, unreachable });
}

/** An error carried in a 200 body (OpenRouter) or an SSE chunk: `{ error: { code, message } }`. */
export function fromErrorBody(body: { code?: unknown; message?: unknown }, ctx: ErrorContext): LlmError {
  const status = typeof body.code === 'number' ? body.code : undefined;
  const code =
    /content_policy|moderation/.test(String(body.code)) || status === 403 ? 'content_policy' : codeForStatus(status);
  return new LlmError(code, `${ctx.provider}:${ctx.model}: ${String(body.message ?? 'provider error')}`, {
    provider: ctx.provider,
    model: ctx.model,
    cause: body,
  } as LlmErrorOptions);
}

export function codeForStatus(status: number | undefined): LlmErrorCode {
  if (status === undefined) return 'unavailable';
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 402 || status === 403) return 'unauthorized';
  if (status === 408 || status === 498 || status >= 500) return 'unavailable';
  return 'invalid_request';
}

function fromGemini(error: ApiError, label: string, where: LlmErrorOptions): LlmError {
  type GoogleBody = { message?: string; status?: string; details?: { reason?: string; retryDelay?: string }[] };
  let body: GoogleBody = {};
  try {
    body = (JSON.parse(error.message) as { error?: GoogleBody }).error ?? {};
  } catch {}
  const details = body.details ?? [];
  const keyInvalid = details.some((d) => d.reason === 'API_KEY_INVALID') || /API key not valid/i.test(error.message);
  const delay = details.find((d) => typeof d.retryDelay === 'string')?.retryDelay;
  const retryAfterMs = delay ? Math.round(Number.parseFloat(delay) * 1000) : undefined;
  return new LlmError(
    keyInvalid ? 'unauthorized' : codeForStatus(error.status),
    `${label}: ${error.status} ${body.message ?? error.message}`,
    {
      ...where,
      ...(Number.isFinite(retryAfterMs) ? { retryAfterMs } : {}),
    },
  );
}

/** retry-after-ms, then retry-after (seconds or an HTTP date). */
export function retryAfterFromHeaders(headers: { get(name: string): string | null } | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isUserAbort(error: unknown): boolean {
  return error instanceof OpenAI.APIUserAbortError || error instanceof Groq.APIUserAbortError;
}

function hasCode(error: unknown, code: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    if ((e as { code?: unknown }).code === code) return true;
    const errors = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(errors) && errors.some((inner) => hasCode(inner, code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function rootMessage(error: unknown): string {
  let e: unknown = error;
  while ((e as { cause?: unknown })?.cause instanceof Error) e = (e as { cause: unknown }).cause;
  return e instanceof Error ? e.message || e.name : String(e);
}
