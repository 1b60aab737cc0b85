/**
 * The closed set of failures every transport maps once (HTTP status in the course API, job outcome in
 * the workers). Unknown errors become `internal`, logged with their cause, shown as a plain sentence.
 */
export const ERROR_CODES = [
  'not_found',
  'forbidden',
  'unauthorized',
  'conflict',
  'invalid',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  conflict: 409,
  invalid: 400,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export type ErrorDetail = { field: string; message: string };

export class AulaError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AulaError';
    this.code = code;
    this.details = details;
  }
}

/** Turns zod issues into `invalid` with the path of each field at fault. */
export function invalidFromIssues(issues: { path: PropertyKey[]; message: string }[]): AulaError {
  const details = issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
  const first = details[0];
  return new AulaError('invalid', first ? `${first.field}: ${first.message}` : 'invalid request', details);
}
