import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actionForm } from './action-form.ts';
import { type AdminApi, adminApi, createCourse, unique } from './admin.ts';
import { EDITOR, tokenOf } from './studio-helpers.ts';

/** Tutor rows are written without purging Directus's response cache (decision 017): read them fresh. */
const FRESH = { headers: { 'cache-control': 'no-store' } };

// Every cookie-authenticated mutation, asked for by another site (as a browser sends it: Origin of the
// other site, Sec-Fetch-Site: cross-site, and, to show the check does not lean on SameSite, the
// person's cookie anyway) is refused with 403 before it runs, and nothing changes. The same request
// from the site's own pages works.

const web = () => inject('web').url;
const CROSS = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } as const;
const CROSS_BY_ORIGIN = { origin: 'https://evil.example' } as const;
const CROSS_BY_FETCH_SITE = { 'sec-fetch-site': 'cross-site' } as const;
const SAME = () => ({ origin: web(), 'sec-fetch-site': 'same-origin' });
const FOREIGN = [CROSS, CROSS_BY_ORIGIN, CROSS_BY_FETCH_SITE];

type Login = { email: string; password: string; access: string; refresh: string; id: string };

let api: AdminApi;
let course: Awaited<ReturnType<typeof createCourse>>;
let lessonId: string;
let editor: string;

/** A new student, signed in at Directus (the tokens the site keeps in its cookies). */
async function newStudent(): Promise<Login> {
  const [role] = await api.request<{ id: string }[]>('GET', '/roles?filter[name][_eq]=Student&fields=id');
  const email = `${unique('csrf')}@example.com`;
  const password = 'Csrf-Password-2026!';
  const user = await api.request<{ id: string }>('POST', '/users', { email, password, role: role!.id });
  const res = await fetch(`${inject('web').directusUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { data } = (await res.json()) as { data: { access_token: string; refresh_token: string } };
  return { email, password, access: data.access_token, refresh: data.refresh_token, id: user.id };
}

const cookieOf = (login: Login) => `aula_access=${login.access}; aula_refresh=${login.refresh}`;

async function enrolments(userId: string): Promise<number> {
  const rows = await api.request<unknown[]>(
    'GET',
    `/items/enrollments?filter[user][_eq]=${userId}&filter[course][_eq]=${course.id}&fields=id`,
  );
  return rows.length;
}

beforeAll(async () => {
  api = await adminApi();
  course = await createCourse(api, {
    status: 'published',
    lessons: [{ slug: 'primera', title: 'Primera', body: '## Antes\n\nTexto original.' }],
  });
  const [lesson] = await api.request<{ id: string }[]>(
    'GET',
    `/items/lessons?filter[course][_eq]=${course.id}&fields=id`,
  );
  lessonId = lesson!.id;
  editor = await tokenOf(EDITOR);
});

afterAll(() => course?.remove());

describe('a server action (enrol, with the student’s cookie)', () => {
  it('from another site: 403, not enrolled; from the site: enrolled', async () => {
    const student = await newStudent();
    const path = `/cursos/${course.slug}`;
    for (const headers of FOREIGN) {
      const body = await actionForm(path, cookieOf(student), 'name="courseId"', {});
      const res = await fetch(`${web()}${path}`, {
        method: 'POST',
        headers: { ...headers, cookie: cookieOf(student) },
        body,
        redirect: 'manual',
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await enrolments(student.id)).toBe(0);
    }
    const body = await actionForm(path, cookieOf(student), 'name="courseId"', {});
    const res = await fetch(`${web()}${path}`, {
      method: 'POST',
      headers: { ...SAME(), cookie: cookieOf(student) },
      body,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(await enrolments(student.id)).toBe(1);
  });
});

describe('sign-in (a server action without a session yet)', () => {
  it('from another site: 403 and no session cookie; from the site: signed in', async () => {
    const student = await newStudent();
    const fields = { email: student.email, password: student.password };
    for (const headers of FOREIGN) {
      const body = await actionForm('/entrar', '', 'name="password"', fields);
      const res = await fetch(`${web()}/entrar`, { method: 'POST', headers, body, redirect: 'manual' });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const body = await actionForm('/entrar', '', 'name="password"', fields);
    const res = await fetch(`${web()}/entrar`, { method: 'POST', headers: SAME(), body, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('aula_access='))).toBe(true);
  });
});

describe('form route handlers (/salir, /idioma)', () => {
  it('sign-out from another site: 403, the session goes on', async () => {
    const student = await newStudent();
    for (const headers of FOREIGN) {
      const res = await fetch(`${web()}/salir`, {
        method: 'POST',
        headers: { ...headers, cookie: cookieOf(student) },
        redirect: 'manual',
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const refreshed = await fetch(`${inject('web').directusUrl}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: student.refresh, mode: 'json' }),
    });
    expect(refreshed.status).toBe(200);
  });

  it('the language from another site: 403, no cookie; from the site: 303 with it', async () => {
    const form = () => new URLSearchParams({ locale: 'en', next: '/' });
    for (const headers of FOREIGN) {
      const res = await fetch(`${web()}/idioma`, { method: 'POST', headers, body: form(), redirect: 'manual' });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const res = await fetch(`${web()}/idioma`, { method: 'POST', headers: SAME(), body: form(), redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^aula_locale=en/);
  });
});

describe('JSON route handlers (studio and tutor, with the cookie)', () => {
  it('a studio edit from another site: 403, the lesson unchanged; from the site: saved', async () => {
    const patch = (headers: Record<string, string>, text: string) =>
      fetch(`${web()}/api/studio/lessons/${lessonId}`, {
        method: 'PATCH',
        headers: { ...headers, cookie: `aula_access=${editor}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: text }),
      });
    for (const headers of FOREIGN) {
      const res = await patch(headers, '## Cambiado\n\nPor otro sitio.');
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const [before] = await api.request<{ body: string }[]>(
      'GET',
      `/items/lessons?filter[id][_eq]=${lessonId}&fields=body`,
    );
    expect(before!.body).toBe('## Antes\n\nTexto original.');
    const res = await patch(SAME(), '## Después\n\nDesde el estudio.');
    expect(res.status).toBe(200);
    const [after] = await api.request<{ body: string }[]>(
      'GET',
      `/items/lessons?filter[id][_eq]=${lessonId}&fields=body`,
    );
    expect(after!.body).toBe('## Después\n\nDesde el estudio.');
  });

  it('a tutor question from another site: 403, nothing stored', async () => {
    const student = await newStudent();
    for (const headers of FOREIGN) {
      const res = await fetch(`${web()}/api/tutor/messages`, {
        method: 'POST',
        headers: { ...headers, cookie: cookieOf(student), 'content-type': 'application/json' },
        body: JSON.stringify({ lessonId, message: '¿Qué es una variable?' }),
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    const stored = await api.request<unknown[]>(
      'GET',
      `/items/tutor_conversations?filter[user][_eq]=${student.id}&fields=id`,
      undefined,
      FRESH,
    );
    expect(stored).toEqual([]);
  });

  it.each([
    ['text/plain', '/api/tutor/messages', 'POST'],
    ['application/x-www-form-urlencoded', '/api/studio/preview', 'POST'],
    ['text/plain;charset=UTF-8', `/api/studio/lessons/{lesson}`, 'PATCH'],
  ])('a body sent as %s to %s is refused with 415, even from the site', async (type, path, method) => {
    const res = await fetch(`${web()}${path.replace('{lesson}', lessonId)}`, {
      method,
      headers: { ...SAME(), cookie: `aula_access=${editor}`, 'content-type': type },
      body: JSON.stringify({ body: '## Texto plano', markdown: '# x', lessonId, message: 'x' }),
    });
    expect(res.status).toBe(415);
    const [lesson] = await api.request<{ body: string }[]>(
      'GET',
      `/items/lessons?filter[id][_eq]=${lessonId}&fields=body`,
    );
    expect(lesson!.body).not.toBe('## Texto plano');
  });
});
