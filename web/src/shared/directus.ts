import 'server-only';
import { type Api, DirectusError as ApiError, createApi } from '@aula/data';
import type { ErrorCode, ErrorDetail } from '@aula/domain';
import { headers as requestHeaders } from 'next/headers';
import type { z } from 'zod';
import { env } from '../env.ts';
import { clientIp } from './edge/client-ip.ts';
import { log } from './log.ts';

/**
 * How a call to Directus (or to the course API it hosts) failed, in Aula's closed set of codes.
 * `reason` is Directus's own code (`INVALID_CREDENTIALS`, `TOKEN_EXPIRED`, …) when it sent one.
 * The message is for the logs, not for people.
 */
export class DirectusError extends Error {
  readonly code: ErrorCode;
  readonly reason: string | undefined;
  readonly details: ErrorDetail[];
  /** The sentence Directus (or the course API) gave, meant for the person (e.g. which limit was reached). */
  readonly said: string | undefined;
  /** For `rate_limited`: the seconds Directus asked to wait (Retry-After) before sending again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: ErrorOptions & {
      reason?: string | undefined;
      details?: ErrorDetail[];
      said?: string | undefined;
      retryAfterSeconds?: number | undefined;
    },
  ) {
    super(message, options);
    this.name = 'DirectusError';
    this.code = code;
    this.reason = options?.reason;
    this.details = options?.details ?? [];
    this.said = options?.said;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** How long Directus may take before the page shows the "unavailable" state instead. */
const TIMEOUT_MS = 8_000;

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'invalid',
  429: 'rate_limited',
};

export type DirectusRequest = {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  /** A user's access token. Without one the call is anonymous, and GETs are cached for 30 seconds. */
  token?: string | undefined;
  /**
   * The person's address for Directus's limits; by default the current request's (see `clientIp`).
   * `null` sends none (work done after the response, where the request is no longer at hand).
   */
  forwardedFor?: string | null | undefined;
  /** Skip the 30-second caches of anonymous GETs, the site's and Directus's (for answers that must be current). */
  fresh?: boolean;
  /** More request headers (the tutor's service key). */
  headers?: Record<string, string>;
};

/** The current request's client address, when there is a current request (not in middleware or after it). */
async function currentClientIp(): Promise<string | undefined> {
  try {
    return clientIp(await requestHeaders());
  } catch {
    return undefined;
  }
}

/**
 * One call to Directus; resolves with the parsed JSON body (`undefined` for 204). It goes through
 * `@aula/data`'s client (the one REST client of every part of Aula), with the site's transport: the
 * visitor's address on each call, the 30-second cache of anonymous reads, an 8-second limit and no
 * retries (a person is waiting). Failures are thrown as a `DirectusError`; the ones people cause (a
 * wrong password, a taken e-mail) are not logged, the others (Directus down, an unexpected answer)
 * are, with their cause.
 */
export async function directusFetch({
  method = 'GET',
  path,
  params,
  body,
  token,
  forwardedFor,
  fresh = false,
  headers: extra = {},
}: DirectusRequest): Promise<unknown> {
  const query = params ? `?${new URLSearchParams(params)}` : '';
  const what = `${method} ${path}`;
  const cached = method === 'GET' && !token && !fresh;
  const api = createApi(env.DIRECTUS_URL, token, {
    timeoutMs: TIMEOUT_MS,
    rateLimitRetries: 0,
    fetch: (url, init) => fetch(url, { ...init, ...(cached ? { next: { revalidate: 30 } } : { cache: 'no-store' }) }),
    headers: async () => {
      const headers: Record<string, string> = { accept: 'application/json' };
      // Past Directus's own cache too: an answer cached while the item changed can outlive the change.
      if (fresh) headers['cache-control'] = 'no-store';
      // Cached anonymous reads (their answers are shared by everyone, and the address would split the
      // cache) go without anyone's address; every other call carries the visitor's, so that Directus's
      // per-address limit counts each person and not the web server that speaks for all of them.
      const ip = cached || forwardedFor === null ? undefined : (forwardedFor ?? (await currentClientIp()));
      if (ip) headers['x-forwarded-for'] = ip;
      return headers;
    },
  });
  try {
    return await api.request(method, `${path}${query}`, body, { headers: extra, whole: true });
  } catch (cause) {
    throw failure(cause, what);
  }
}

/** The client's failure in Aula's closed set of codes. */
function failure(cause: unknown, what: string): DirectusError {
  if (!(cause instanceof ApiError) || cause.status === 0) {
    // No answer: refused, reset, or not within the limit.
    return logged(
      new DirectusError('unavailable', `Directus did not answer ${what} at ${env.DIRECTUS_URL}`, { cause }),
    );
  }
  const { status } = cause;
  if (status < 400) {
    return logged(new DirectusError('internal', `Directus answered ${what} with something other than JSON`, { cause }));
  }
  const code = status >= 500 ? 'unavailable' : (STATUS_CODES[status] ?? 'internal');
  const error = new DirectusError(code, `Directus answered ${status} to ${what}: ${cause.message.slice(0, 500)}`, {
    cause,
    reason: cause.reason,
    details: cause.details,
    said: cause.said || undefined,
    retryAfterSeconds: cause.retryAfterSeconds,
  });
  return code === 'unavailable' || code === 'internal' ? logged(error) : error;
}

/** Parses an answer with `schema`; an unexpected shape is a logged `internal` error. */
export function parseAnswer<T extends z.ZodType>(what: string, schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw logged(
    new DirectusError('internal', `Directus answered ${what} with an unexpected shape`, { cause: parsed.error }),
  );
}

/** GET a Directus REST path (as the visitor, or as the user whose token is given) and parse its `data` with `schema`. */
export async function directusGet<T extends z.ZodType>(
  path: string,
  params: Record<string, string>,
  schema: T,
  {
    token,
    fresh,
    forwardedFor,
  }: { token?: string | undefined; fresh?: boolean; forwardedFor?: string | null | undefined } = {},
): Promise<z.output<T>> {
  const json = await directusFetch({ path, params, token, forwardedFor, ...(fresh ? { fresh } : {}) });
  return parseAnswer(`GET ${path}`, schema, (json as { data?: unknown } | null)?.data);
}

function logged(error: DirectusError): DirectusError {
  log.error({ err: error, code: error.code }, 'Directus answered with an error');
  return error;
}

/**
 * `@aula/data`'s client shape over `directusFetch`, as `token`'s owner: for the data layer's functions
 * (a cover upload) with the site's transport and its errors (`DirectusError` in Aula's codes).
 */
export function directusApiAs(token: string): Api {
  return {
    url: env.DIRECTUS_URL,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const json = await directusFetch({ method: method as DirectusRequest['method'] & string, path, body, token });
      return (json !== null && typeof json === 'object' && 'data' in json ? json.data : json) as T;
    },
  };
}
