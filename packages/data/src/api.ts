/** The Directus REST client: JSON in, `data` out, errors with the server's message. */

/**
 * Per request: more headers (e.g. `cache-control: no-store`); `whole` answers the body as sent instead
 * of its `data` (for answers that carry more than `data`, or none).
 */
export type RequestOptions = { headers?: Record<string, string>; whole?: boolean };

export type Api = {
  url: string;
  request: <T = unknown>(method: string, path: string, body?: unknown, options?: RequestOptions) => Promise<T>;
};

/**
 * How requests leave: a caller with needs of its own (the web: the visitor's address on each call, a
 * short cache of anonymous reads) gives its `fetch` and the headers to add, worked out per request.
 */
export type Transport = {
  /** Sends one request; the global `fetch` by default. */
  fetch?: (url: string, init: RequestInit & { method: string; headers: Record<string, string> }) => Promise<Response>;
  /** Headers added to every request, worked out when it is sent (they do not replace the token's). */
  headers?: (request: { method: string; path: string }) => Record<string, string> | Promise<Record<string, string>>;
};

export type ApiOptions = Transport & { rateLimitRetries?: number; timeoutMs?: number };

export class DirectusError extends Error {
  readonly status: number;
  readonly path: string;
  /** Directus's own code for the first error (`INVALID_CREDENTIALS`, `RECORD_NOT_UNIQUE`, …), when it sent one. */
  readonly reason: string | undefined;
  /** The first error's sentence as Directus (or the course API) said it, for a person. */
  readonly said: string | undefined;
  /** Which fields were wrong and why, when the answer says (the course API's `invalid`). */
  readonly details: { field: string; message: string }[];
  /** A 429's `Retry-After`, in seconds, when it gave one: when the request may be sent again. */
  readonly retryAfterSeconds: number | undefined;
  /** `status` 0: no answer at all (timed out). */
  constructor(
    status: number,
    path: string,
    message: string,
    options?: ErrorOptions & {
      reason?: string;
      said?: string;
      details?: { field: string; message: string }[];
      retryAfterSeconds?: number;
    },
  ) {
    super(`${status} ${path}: ${message}`, options);
    this.name = 'DirectusError';
    this.status = status;
    this.path = path;
    this.reason = options?.reason;
    this.said = options?.said;
    this.details = options?.details ?? [];
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** How many times a request Directus's rate limiter turned away is sent again (about 11 s of waiting in all). */
const RATE_LIMITED_RETRIES = 8;

/**
 * How long one request may take, answer read in full, before it fails: a Directus that accepts and
 * never answers must not hang a worker's step or a set-up forever.
 */
export const REQUEST_TIMEOUT_MS = 60_000;

/**
 * How long to wait before sending again a request answered 429: Directus's `Retry-After` (seconds),
 * at least 50 ms, growing with each try, at most 5 s.
 */
export function rateLimitDelayMs(retryAfter: string | null, attempt: number): number {
  const seconds = Number(retryAfter);
  const asked = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
  return Math.min(5_000, Math.max(asked, 50 * 2 ** attempt));
}

/** A 429's Retry-After in whole seconds (at least 1), when it has one. */
function retryAfterOf(res: Response): { retryAfterSeconds?: number } {
  const seconds = Number(res.headers.get('retry-after'));
  return res.status === 429 && Number.isFinite(seconds) && seconds >= 0
    ? { retryAfterSeconds: Math.max(1, Math.ceil(seconds)) }
    : {};
}

type ErrorBody = {
  errors?: { message: string; extensions?: { code?: string; details?: { field: string; message: string }[] } }[];
};

export function createApi(
  url: string,
  token?: string,
  {
    rateLimitRetries = RATE_LIMITED_RETRIES,
    timeoutMs = REQUEST_TIMEOUT_MS,
    fetch: send = (input, init) => fetch(input, init),
    headers: extraHeaders,
  }: ApiOptions = {},
): Api {
  return {
    url,
    async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
      const headers: Record<string, string> = {
        ...(extraHeaders ? await extraHeaders({ method, path }) : {}),
        ...options.headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        // A FormData body (a file upload) sets its own multipart content type.
        ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }),
      };
      let res: Response;
      let text: string;
      for (let attempt = 0; ; attempt++) {
        const signal = AbortSignal.timeout(timeoutMs);
        try {
          res = await send(`${url}${path}`, {
            method,
            headers,
            body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
            signal,
          });
          // The rate limiter answers before anything is done, so sending again is safe for any method.
          if (res.status !== 429 || attempt === rateLimitRetries) {
            text = await res.text();
            break;
          }
          await res.body?.cancel();
        } catch (error) {
          if (!signal.aborted) throw error;
          throw new DirectusError(0, path, `no answer within ${timeoutMs} ms`, { cause: error });
        }
        await new Promise((r) => setTimeout(r, rateLimitDelayMs(res.headers.get('retry-after'), attempt)));
      }
      if (res.status === 204) return undefined as T;
      let json: { data?: T } & ErrorBody = {};
      try {
        if (text) json = JSON.parse(text);
      } catch (cause) {
        // A refusal from something in front of Directus (a proxy's HTML 502) keeps its status.
        if (res.ok) throw new DirectusError(res.status, path, 'the answer is not JSON', { cause });
      }
      if (!res.ok) {
        const [first] = json.errors ?? [];
        throw new DirectusError(res.status, path, json.errors?.map((e) => e.message).join('; ') ?? text.slice(0, 500), {
          ...(first?.extensions?.code ? { reason: first.extensions.code } : {}),
          ...(first?.message ? { said: first.message } : {}),
          ...(Array.isArray(first?.extensions?.details) ? { details: first.extensions.details } : {}),
          ...retryAfterOf(res),
        });
      }
      // Directus wraps results in `data`; Aula's course API (/aula/…) answers with the object itself.
      return (options.whole || !('data' in json) ? json : json.data) as T;
    },
  };
}

export async function login(url: string, email: string, password: string): Promise<Api> {
  const { access_token } = await createApi(url).request<{ access_token: string }>('POST', '/auth/login', {
    email,
    password,
  });
  return createApi(url, access_token);
}
