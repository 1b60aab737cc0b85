import { accessToken } from '@aula/test-stack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AdminApi, adminApi, unique } from './admin.ts';
import { visibleText } from './http.ts';

// The lesson page keeps what every student shares (whether the lesson is published, its text and quiz,
// the rendered HTML) under the content version Directus moves on after every write (decision 016).
// What it must never do with that: show a draft, show a lesson after its course was archived or
// unpublished, show an old text after an edit, or show one student's progress to another.

const PASSWORD = 'Una-Clave-Larga-2026';
let api: AdminApi;
let course: { id: string; slug: string };
let lesson: { id: string; slug: string };
let question: string;
let quizId: string;
const students: { email: string; token: string }[] = [];

const path = () => `/cursos/${course.slug}/lecciones/${lesson.slug}`;

async function lessonPage(token: string): Promise<{ status: number; text: string; html: string }> {
  const res = await fetch(`${inject('web').url}${path()}`, {
    headers: { cookie: `aula_access=${token}` },
    redirect: 'manual',
  });
  const html = await res.text();
  return { status: res.status, html, text: visibleText(html) };
}

async function asStudent<T = unknown>(token: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${inject('web').directusUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text).data as T;
}

beforeAll(async () => {
  api = await adminApi();
  const slug = unique('cache');
  course = {
    slug,
    id: (
      await api.request<{ id: string }>('POST', '/items/courses', {
        title: 'Curso de la caché',
        slug,
        status: 'draft',
        language: 'es',
        level: 'beginner',
      })
    ).id,
  };
  const { id: moduleId } = await api.request<{ id: string }>('POST', '/items/modules', {
    course: course.id,
    title: 'Módulo único',
    sort: 1,
  });
  lesson = { slug: 'leccion-unica', id: '' };
  lesson.id = (
    await api.request<{ id: string }>('POST', '/items/lessons', {
      course: course.id,
      module: moduleId,
      slug: lesson.slug,
      title: 'Lección única',
      body: '# Primera versión\n\nTexto-borrador-secreto en su primera versión.',
      sort: 1,
      estimated_minutes: 5,
    })
  ).id;
  quizId = (
    await api.request<{ id: string }>('POST', '/items/quizzes', {
      course: course.id,
      lesson: lesson.id,
      title: 'Cuestionario',
      max_attempts: null,
    })
  ).id;
  question = (
    await api.request<{ id: string }>('POST', '/items/questions', {
      quiz: quizId,
      sort: 1,
      prompt: 'Pregunta-original',
      options: ['a', 'b', 'c', 'd'],
      correct_option: 0,
      explanation: 'Porque sí.',
    })
  ).id;
  const [role] = await api.request<{ id: string }[]>('GET', '/roles?filter[name][_eq]=Student&fields=id');
  for (const name of ['Ana', 'Bruno']) {
    const email = `${unique(name.toLowerCase())}@example.com`;
    await api.request('POST', '/users', { email, password: PASSWORD, first_name: name, role: role!.id });
    students.push({ email, token: await accessToken(inject('web').directusUrl, { email, password: PASSWORD }) });
  }
});

afterAll(async () => {
  if (course) await api.request('DELETE', `/items/courses/${course.id}`).catch(() => {});
});

describe('the lesson page’s shared cache', () => {
  it('never shows a draft, and shows a published lesson once published', async () => {
    const [ana] = students;
    const draft = await lessonPage(ana!.token);
    expect(draft.status).toBe(404);
    expect(draft.text).not.toContain('Texto-borrador-secreto');

    await api.request('POST', `/aula/courses/${course.id}/publish`, {});
    for (const { token } of students) await asStudent(token, 'POST', `/aula/courses/${course.id}/enroll`);
    for (let i = 0; i < 2; i++) {
      const page = await lessonPage(ana!.token);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Texto-borrador-secreto');
    }
  });

  it('shows an edited lesson text and quiz on the next request', async () => {
    const [ana] = students;
    expect((await lessonPage(ana!.token)).text).toContain('Texto-borrador-secreto');
    await api.request('PATCH', `/items/lessons/${lesson.id}`, {
      body: '# Segunda versión\n\nTexto-editado en su segunda versión.',
    });
    await api.request('PATCH', `/items/questions/${question}`, { prompt: 'Pregunta-editada' });
    const page = await lessonPage(ana!.token);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Texto-editado');
    expect(page.text).not.toContain('Texto-borrador-secreto');
    expect(page.text).toContain('Pregunta-editada');
    expect(page.text).not.toContain('Pregunta-original');
  });

  it('never shares what a staff member may read with students', async () => {
    const [ana] = students;
    const { directusUrl, admin } = inject('web');
    const staff = await accessToken(directusUrl, admin);
    for (const [title, check_status, sort] of [
      ['Lectura-comprobada', 'ok', 1],
      ['Lectura-sin-comprobar', 'unchecked', 2],
    ] as const) {
      await api.request('POST', '/items/lesson_references', {
        lesson: lesson.id,
        url: `https://example.org/${check_status}`,
        title,
        check_status,
        sort,
      });
    }
    // The administrator reads the lesson first, under the new content version: they see every reference.
    await asStudent(staff, 'POST', `/aula/courses/${course.id}/enroll`);
    const theirs = await lessonPage(staff);
    expect(theirs.status).toBe(200);
    expect(theirs.text).toContain('Lectura-sin-comprobar');
    // A student then gets the students' view, not the one the administrator's read would have kept.
    const page = await lessonPage(ana!.token);
    expect(page.text).toContain('Lectura-comprobada');
    expect(page.text).not.toContain('Lectura-sin-comprobar');
  });

  it('never shows one student’s progress or attempts to another', async () => {
    const [ana, bruno] = students;
    // Bruno's page is kept first; then Ana reads the lesson, answers the quiz and opens the page.
    expect((await lessonPage(bruno!.token)).html).not.toContain('complete__done');
    await asStudent(ana!.token, 'POST', `/aula/lessons/${lesson.id}/complete`);
    await asStudent(ana!.token, 'POST', `/aula/quizzes/${quizId}/attempts`, { answers: [0] });
    // Written past the site (which forgets a student's kept reads on its own actions only): a new
    // session of Ana's reads them afresh.
    const again = await accessToken(inject('web').directusUrl, { email: ana!.email, password: PASSWORD });
    const anas = await lessonPage(again);
    expect(anas.html).toContain('complete__done');
    expect(anas.html).toContain('quiz__history');
    const brunos = await lessonPage(bruno!.token);
    expect(brunos.status).toBe(200);
    expect(brunos.html).not.toContain('complete__done');
    expect(brunos.html).not.toContain('quiz__history');
    expect(brunos.html).not.toContain('quiz__best');
  });

  it('is a 404 at once when the course is archived or unpublished, and back when published again', async () => {
    const [ana] = students;
    expect((await lessonPage(ana!.token)).status).toBe(200);
    await api.request('POST', `/aula/courses/${course.id}/archive`, {});
    const archived = await lessonPage(ana!.token);
    expect(archived.status).toBe(404);
    expect(archived.text).not.toContain('Texto-editado');

    await api.request('POST', `/aula/courses/${course.id}/publish`, {});
    expect((await lessonPage(ana!.token)).status).toBe(200);
    // Back to a draft by hand (the Data Studio): gone at once as well.
    await api.request('PATCH', `/items/courses/${course.id}`, { status: 'draft' });
    const draft = await lessonPage(ana!.token);
    expect(draft.status).toBe(404);
    expect(draft.text).not.toContain('Texto-editado');
  });
});
