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

/** A course of a test's own (the demo course is shared with the other files running alongside), as the admin. */
export function newCourse(adminToken: string, title: string, status: 'draft' | 'in_review' | 'published') {
  return ok(adminToken, 'POST', '/items/courses', {
    title,
    slug: unique(title.toLowerCase().replaceAll(' ', '-')),
    status,
    language: 'es',
    level: 'beginner',
  });
}

/** The demo course's id and its lessons in reading order, each with its quiz. */
export async function demoCourse(
  adminToken: string,
): Promise<{ course: string; lessons: { id: string; quiz: string }[] }> {
  const [course] = await ok(adminToken, 'GET', '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=id');
  const lessons: { id: string; quizzes: { id: string }[] }[] = await ok(
    adminToken,
    'GET',
    `/items/lessons?filter[course][_eq]=${course.id}&fields=id,quizzes.id&sort=module.sort,sort&limit=-1`,
  );
  return { course: course.id, lessons: lessons.map((l) => ({ id: l.id, quiz: l.quizzes[0]?.id ?? '' })) };
}
