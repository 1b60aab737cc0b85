/** A minimal Directus REST client for set-up scripts: JSON in, `data` out, errors with the server's message. */
export type Api = {
  url: string;
  request: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
};

export class DirectusError extends Error {
  readonly status: number;
  readonly path: string;
  constructor(status: number, path: string, message: string) {
    super(`${status} ${path}: ${message}`);
    this.name = 'DirectusError';
    this.status = status;
    this.path = path;
  }
}

export function createApi(url: string, token?: string): Api {
  return {
    url,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      const json = text ? (JSON.parse(text) as { data?: T; errors?: { message: string }[] }) : {};
      if (!res.ok) {
        throw new DirectusError(res.status, path, json.errors?.map((e) => e.message).join('; ') ?? text);
      }
      return json.data as T;
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
