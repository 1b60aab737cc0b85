import { ERROR_CODES, type ErrorCode } from '@aula/domain';
import type { Dictionary } from './i18n/dictionary.ts';

/** Directus's own codes (when the course API passes one on), as our closed set. */
const DIRECTUS_CODES: Record<string, ErrorCode> = {
  INVALID_PAYLOAD: 'invalid',
  INVALID_QUERY: 'invalid',
  FAILED_VALIDATION: 'invalid',
  VALUE_TOO_LONG: 'invalid',
  CONTAINS_NULL_VALUES: 'invalid',
  RECORD_NOT_UNIQUE: 'conflict',
  TOKEN_EXPIRED: 'unauthorized',
  INVALID_TOKEN: 'unauthorized',
  INVALID_CREDENTIALS: 'unauthorized',
  REQUESTS_EXCEEDED: 'rate_limited',
  ROUTE_NOT_FOUND: 'not_found',
  SERVICE_UNAVAILABLE: 'unavailable',
  UNSUPPORTED_MEDIA_TYPE: 'invalid',
};

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'invalid',
  415: 'invalid',
  422: 'invalid',
  429: 'rate_limited',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

/**
 * The error code of a refusal of the web or course API (`errors[0].extensions.code`), in our closed
 * set: our codes as they are, Directus's mapped, else by the HTTP status; `null` when neither says
 * anything (no answer at all).
 */
export function problemCode(code: string | null | undefined, status?: number): ErrorCode | null {
  const lower = code?.toLowerCase();
  if (lower && (ERROR_CODES as readonly string[]).includes(lower)) return lower as ErrorCode;
  const mapped = code ? DIRECTUS_CODES[code.toUpperCase()] : undefined;
  if (mapped) return mapped;
  if (status === undefined) return null;
  return BY_STATUS[status] ?? (status >= 500 ? 'internal' : status >= 400 ? 'invalid' : null);
}

/**
 * The sentence to show for a refusal, in the reader's language: chosen by its code, never the API's
 * own (English) message, which is written for logs and developers.
 */
export function problemSentence(t: Dictionary, problem: { code?: string | null; status?: number }): string {
  const code = problemCode(problem.code, problem.status);
  return code ? t.apiErrors[code] : t.apiErrors.unknown;
}
