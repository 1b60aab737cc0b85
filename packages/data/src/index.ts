/** A minimal Directus REST client for set-up scripts: JSON in, `data` out, errors with the server's message. */
export type Api = {
  url: string;
  request: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
};

export class DirectusError extends Error {
  readonly status: number;
  readonly path: string;
  /** `status` 0: no answer at all (timed out). */
  constructor(status: number, path: string, message: string, options?: ErrorOptions) {
    super(`${status} ${path}: ${message}`, options);
    this.name = 'DirectusError';
    this.status = status;
    this.path = path;
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

export function createApi(
  url: string,
  token?: string,
  {
    rateLimitRetries = RATE_LIMITED_RETRIES,
    timeoutMs = REQUEST_TIMEOUT_MS,
  }: { rateLimitRetries?: number; timeoutMs?: number } = {},
): Api {
  return {
    url,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let res: Response;
      let text: string;
      for (let attempt = 0; ; attempt++) {
        const signal = AbortSignal.timeout(timeoutMs);
        try {
          res = await fetch(`${url}${path}`, {
            method,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
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
      const json = text ? (JSON.parse(text) as { data?: T; errors?: { message: string }[] }) : {};
      if (!res.ok) {
        throw new DirectusError(res.status, path, json.errors?.map((e) => e.message).join('; ') ?? text);
      }
      // Directus wraps results in `data`; Aula's course API (/aula/…) answers with the object itself.
      return ('data' in json ? json.data : json) as T;
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

export type Query = {
  fields?: string[];
  filter?: Record<string, unknown>;
  sort?: string[];
  limit?: number;
  deep?: Record<string, unknown>;
};

/** `?fields=…&filter=…` as Directus reads it (JSON for filter and deep). */
export function qs(query: Query): string {
  const params = new URLSearchParams();
  if (query.fields) params.set('fields', query.fields.join(','));
  if (query.filter) params.set('filter', JSON.stringify(query.filter));
  if (query.sort) params.set('sort', query.sort.join(','));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.deep) params.set('deep', JSON.stringify(query.deep));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Typed item helpers over `request`. */
export function items<T = Record<string, any>>(api: Api, collection: string) {
  const base = `/items/${collection}`;
  return {
    list: (query: Query = {}) => api.request<T[]>('GET', `${base}${qs({ limit: -1, ...query })}`),
    get: (id: string, query: Query = {}) => api.request<T>('GET', `${base}/${id}${qs(query)}`),
    create: (data: Record<string, unknown>) => api.request<T & { id: string }>('POST', base, data),
    createMany: (data: Record<string, unknown>[]) => api.request<(T & { id: string })[]>('POST', base, data),
    update: (id: string, data: Record<string, unknown>) => api.request<T>('PATCH', `${base}/${id}`, data),
    updateMany: (filter: Record<string, unknown>, data: Record<string, unknown>) =>
      api.request<T[]>('PATCH', base, { query: { filter, limit: -1 }, data }),
    remove: (id: string) => api.request<void>('DELETE', `${base}/${id}`),
    removeWhere: (filter: Record<string, unknown>) =>
      api.request<void>('DELETE', base, { query: { filter, limit: -1 } }),
  };
}
