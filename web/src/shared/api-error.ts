import { type ErrorCode, type ErrorDetail, HTTP_STATUS } from '@aula/domain';

/** An error answer of the web API, in the same shape as Directus's and the course API's. */
export function apiError(
  code: ErrorCode,
  message: string,
  { details = [], headers = {} }: { details?: ErrorDetail[]; headers?: Record<string, string> } = {},
): Response {
  return Response.json(
    { errors: [{ message, extensions: { code: code.toUpperCase(), details } }] },
    { status: HTTP_STATUS[code], headers: { 'cache-control': 'no-store', ...headers } },
  );
}
