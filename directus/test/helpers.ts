import { inject } from 'vitest';

export type Actor = 'anonymous' | 'student' | 'student2' | 'editor' | 'generator' | 'pipeline';
export const ACTORS: Actor[] = ['anonymous', 'student', 'student2', 'editor', 'generator', 'pipeline'];

const emails: Record<Exclude<Actor, 'anonymous'>, string> = {
  student: 'student@example.com',
  student2: 'student2@example.com',
  editor: 'editor@example.com',
  generator: 'generator@example.com',
  pipeline: 'pipeline@example.com',
};

export type Response = {
  status: number;
  data: any;
  errors?: { message: string; extensions?: { code?: string; details?: any } }[];
};

/** One HTTP call to the Directus under test, as a given token (or anonymously). */
export async function call(token: string | null, method: string, path: string, body?: unknown): Promise<Response> {
  const { url } = inject('stack');
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  // Directus wraps results in `data`; the course API answers with the object itself.
  return { status: res.status, data: 'data' in json ? json.data : json, errors: json.errors };
}

async function passwordToken(email: string, password: string): Promise<string> {
  const res = await call(null, 'POST', '/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.errors)}`);
  return res.data.access_token;
}

/** Tokens for every actor: password logins for people, static tokens for the service accounts. */
export async function tokens(): Promise<Record<Actor, string | null> & { admin: string }> {
  const stack = inject('stack');
  const out = { anonymous: null } as Record<Actor, string | null> & { admin: string };
  out.admin = await passwordToken(stack.admin.email, stack.admin.password);
  for (const [actor, email] of Object.entries(emails) as [Exclude<Actor, 'anonymous'>, string][]) {
    const user = stack.users.find((u) => u.email === email);
    if (!user) throw new Error(`no seeded user ${email}`);
    out[actor] = user.token ?? (await passwordToken(email, user.password ?? ''));
  }
  return out;
}

/** Asserting helper: the call must succeed; returns its data. */
export async function ok(token: string | null, method: string, path: string, body?: unknown): Promise<any> {
  const res = await call(token, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.errors)}`);
  return res.data;
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;
