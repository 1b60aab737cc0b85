import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newCourse, ok, tokens, unique } from './helpers.ts';

/**
 * What students may read of a lesson's references: only the checked, working ones, and only of
 * published courses. Directus's Student policy decides it (packages/data/src/setup/permissions.ts),
 * for a direct read and for a lesson read with its references alike. Courses here are this file's own.
 */
type Tokens = Awaited<ReturnType<typeof tokens>>;
let t: Tokens;
const courses: string[] = [];
const refs = { ok: '', unchecked: '', broken: '', draftOk: '' };
const lessons = { published: '', draft: '' };

async function courseWithLesson(status: 'draft' | 'published') {
  const course = (await newCourse(t.admin, `Referencias ${status}`, status)).id as string;
  courses.push(course);
  const module = (await ok(t.admin, 'POST', '/items/modules', { course, title: 'Módulo', sort: 1 })).id;
  const lesson = (
    await ok(t.admin, 'POST', '/items/lessons', { course, module, slug: unique('l'), title: 'Lección', sort: 1 })
  ).id as string;
  return lesson;
}

async function reference(lesson: string, check_status: string, sort: number) {
  const row = await ok(t.admin, 'POST', '/items/lesson_references', {
    lesson,
    url: `https://example.org/${check_status}-${sort}`,
    title: `Referencia ${check_status}`,
    snippet: 'Por qué leerla.',
    sort,
    check_status,
    ...(check_status === 'broken' ? { check_reason: 'http_error 404', broken_since: new Date().toISOString() } : {}),
  });
  return row.id as string;
}

beforeAll(async () => {
  t = await tokens();
  lessons.published = await courseWithLesson('published');
  lessons.draft = await courseWithLesson('draft');
  refs.ok = await reference(lessons.published, 'ok', 1);
  refs.unchecked = await reference(lessons.published, 'unchecked', 2);
  refs.broken = await reference(lessons.published, 'broken', 3);
  refs.draftOk = await reference(lessons.draft, 'ok', 1);
});

afterAll(async () => {
  for (const course of courses) await call(t.admin, 'DELETE', `/items/courses/${course}`);
});

describe('lesson references as students read them', () => {
  it('lists only the checked, working references of published courses', async () => {
    const filter = `filter[id][_in]=${Object.values(refs).join(',')}`;
    for (const student of [t.student, t.student2]) {
      const rows = await ok(student, 'GET', `/items/lesson_references?${filter}&fields=id,url,title,snippet,sort`);
      expect(rows).toEqual([
        { id: refs.ok, url: 'https://example.org/ok-1', title: 'Referencia ok', snippet: 'Por qué leerla.', sort: 1 },
      ]);
    }
    // Staff see them all, broken ones with why.
    const all = await ok(t.editor, 'GET', `/items/lesson_references?${filter}&fields=id,check_status,check_reason`);
    expect(all).toHaveLength(4);
    expect(all).toContainEqual({ id: refs.broken, check_status: 'broken', check_reason: 'http_error 404' });
  });

  it('gives a lesson read with its references only the working ones', async () => {
    const lesson = await ok(t.student, 'GET', `/items/lessons/${lessons.published}?fields=id,references.id`);
    expect(lesson.references).toEqual([{ id: refs.ok }]);
    const draft = await call(t.student, 'GET', `/items/lessons/${lessons.draft}?fields=id,references.id`);
    expect(draft.status).toBe(403);
  });

  it('never shows a student an unchecked or broken reference, nor the check fields', async () => {
    for (const id of [refs.unchecked, refs.broken, refs.draftOk]) {
      const res = await call(t.student, 'GET', `/items/lesson_references/${id}`);
      expect(res.status, `${id}`).toBe(403);
    }
    const fields = await call(t.student, 'GET', `/items/lesson_references/${refs.ok}?fields=check_status,check_reason`);
    expect(fields.status).toBe(403);
    // Anonymous visitors read no references at all.
    const anonymous = await call(null, 'GET', `/items/lesson_references/${refs.ok}`);
    expect(anonymous.status).toBe(403);
  });

  it('hides a reference from students once it is marked broken, and shows it when it works again', async () => {
    await ok(t.admin, 'PATCH', `/items/lesson_references/${refs.ok}`, { check_status: 'broken' });
    expect((await call(t.student, 'GET', `/items/lesson_references/${refs.ok}`)).status).toBe(403);
    await ok(t.admin, 'PATCH', `/items/lesson_references/${refs.ok}`, { check_status: 'ok' });
    expect((await call(t.student, 'GET', `/items/lesson_references/${refs.ok}`)).status).toBe(200);
  });
});
