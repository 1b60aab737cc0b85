import { randomBytes } from 'node:crypto';
import { accessToken } from '@aula/test-stack';
import { inject } from 'vitest';

/** A name no other test run uses. */
export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** Directus as its administrator, over REST: for fixtures the web app itself cannot make. */
export async function adminApi() {
  const { directusUrl, admin } = inject('web');
  const token = await accessToken(directusUrl, admin);

  /** `options.headers`: more headers, e.g. `cache-control: no-store` for rows written without a cache purge. */
  async function request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: { headers?: Record<string, string> } = {},
  ): Promise<T> {
    const res = await fetch(`${directusUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text).data : undefined) as T;
  }
  return { request };
}
export type AdminApi = Awaited<ReturnType<typeof adminApi>>;

export type QuestionKey = { prompt: string; options: string[]; correct: number; section: string | null };

/** The demo course's first lesson and its quiz with the answer key, in question order. */
export async function demoLessonOne(api: AdminApi) {
  const [course] = await api.request<{ id: string }[]>(
    'GET',
    '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=id',
  );
  const [lesson] = await api.request<{ id: string; slug: string; quizzes: string[] }[]>(
    'GET',
    `/items/lessons?filter[course][_eq]=${course!.id}&fields=id,slug,quizzes&sort=module.sort,sort&limit=1`,
  );
  const questions = await api.request<
    { prompt: string; options: string[]; correct_option: number; lesson_section: string | null }[]
  >(
    'GET',
    `/items/questions?filter[quiz][_eq]=${lesson!.quizzes[0]}&sort=sort,id&fields=prompt,options,correct_option,lesson_section&limit=-1`,
  );
  const key: QuestionKey[] = questions.map((q) => ({
    prompt: q.prompt,
    options: q.options,
    correct: q.correct_option,
    section: q.lesson_section,
  }));
  return { courseId: course!.id, lessonId: lesson!.id, lessonSlug: lesson!.slug, key };
}

/**
 * A course with one module and the given lessons (each with an optional quiz of four-option
 * questions). Deleting the course removes its modules, lessons, quizzes and learners' rows (cascade).
 */
export async function createCourse(
  api: AdminApi,
  {
    status,
    lessons,
  }: {
    status: 'draft' | 'published';
    lessons: { slug: string; title: string; body: string; quiz?: { prompt: string; correct: number }[] }[];
  },
) {
  const slug = unique('curso-prueba');
  const course = await api.request<{ id: string }>('POST', '/items/courses', {
    title: `Curso de prueba ${slug}`,
    slug,
    status,
    language: 'es',
    level: 'beginner',
    summary: 'Un curso creado por las pruebas.',
    ...(status === 'published' ? { published_at: new Date().toISOString() } : {}),
  });
  const module = await api.request<{ id: string }>('POST', '/items/modules', {
    course: course.id,
    title: 'Módulo de prueba',
    sort: 1,
  });
  for (const [index, lesson] of lessons.entries()) {
    const created = await api.request<{ id: string }>('POST', '/items/lessons', {
      course: course.id,
      module: module.id,
      slug: lesson.slug,
      title: lesson.title,
      body: lesson.body,
      sort: index + 1,
      estimated_minutes: 5,
    });
    if (!lesson.quiz) continue;
    const quiz = await api.request<{ id: string }>('POST', '/items/quizzes', {
      course: course.id,
      lesson: created.id,
      title: `Cuestionario ${lesson.title}`,
      pass_score: 50,
    });
    await api.request(
      'POST',
      '/items/questions',
      lesson.quiz.map((q, i) => ({
        quiz: quiz.id,
        sort: i + 1,
        prompt: q.prompt,
        options: ['Opción A', 'Opción B', 'Opción C', 'Opción D'],
        correct_option: q.correct,
        explanation: 'Explicación de prueba.',
      })),
    );
  }
  return { id: course.id, slug, remove: () => api.request('DELETE', `/items/courses/${course.id}`) };
}
