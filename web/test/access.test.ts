import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AdminApi, adminApi, createCourse } from './admin.ts';
import { browserForFile, newContext } from './browser.ts';
import { DEMO_PATH, enrol, newStudent, signUp } from './student.ts';

const LESSON_PATH = `${DEMO_PATH}/lecciones/que-es-programar`;
const SECRET = 'Texto que solo ven quienes están inscritos en un curso publicado.';

const browser = browserForFile();
let api: AdminApi;
const contexts: BrowserContext[] = [];
const courses: { remove: () => Promise<unknown> }[] = [];

beforeAll(async () => {
  api = await adminApi();
});
afterAll(async () => {
  for (const course of courses) await course.remove();
});

async function studentPage(name: string) {
  const context = await newContext(browser());
  contexts.push(context);
  const page = await context.newPage();
  const student = await signUp(page, newStudent(name));
  return { page, student };
}

describe('without signing in', () => {
  it.each([
    [LESSON_PATH, `${DEMO_PATH}?aviso=inscribete`],
    ['/mis-cursos', '/entrar?next=%2Fmis-cursos'],
  ])('%s redirects to %s', async (path, location) => {
    const res = await fetch(`${inject('web').url}${path}`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    // Relative or absolute, it lands on the host the browser used (redirects.test.ts tries other hosts).
    expect(new URL(res.headers.get('location') ?? '', inject('web').url).href).toBe(`${inject('web').url}${location}`);
  });

  it('redirects on the public host and scheme a proxy reports', async () => {
    const res = await fetch(`${inject('web').url}/mis-cursos`, {
      redirect: 'manual',
      headers: { 'x-forwarded-host': 'aula.example', 'x-forwarded-proto': 'https' },
    });
    expect(res.headers.get('location')).toBe('https://aula.example/entrar?next=%2Fmis-cursos');
  });
});

describe('a signed-in student', () => {
  it('who is not enrolled is sent from a lesson to its course page, told to enrol', async () => {
    const { page } = await studentPage('Quim');
    await page.goto(LESSON_PATH);
    await page.waitForURL((url) => url.pathname === DEMO_PATH);
    await page.getByText('Para leer las lecciones de este curso, primero inscríbete.').waitFor();
    await page.getByRole('button', { name: 'Inscribirme en el curso' }).waitFor();
    expect(await page.content()).not.toContain('Programar puede sonar a algo reservado para especialistas');
  });

  it("cannot open a draft course's lesson by URL, even one they had enrolled in before it was unpublished", async () => {
    const course = await createCourse(api, {
      status: 'published',
      lessons: [{ slug: 'secreta', title: 'Lección secreta', body: SECRET }],
    });
    courses.push(course);
    const { page } = await studentPage('Rita');
    await enrol(page, `/cursos/${course.slug}`);
    await page.getByText(SECRET).waitFor();

    await api.request('PATCH', `/items/courses/${course.id}`, { status: 'draft' });
    for (const path of [`/cursos/${course.slug}/lecciones/secreta`, `/cursos/${course.slug}`]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { name: 'No encontramos esta página' }).waitFor();
      expect(await page.content()).not.toContain(SECRET);
    }
    const draft = await createCourse(api, {
      status: 'draft',
      lessons: [{ slug: 'borrador', title: 'Borrador', body: SECRET }],
    });
    courses.push(draft);
    expect((await page.goto(`/cursos/${draft.slug}/lecciones/borrador`))?.status()).toBe(404);
    expect((await page.goto(`${DEMO_PATH}/lecciones/no-existe`))?.status()).toBe(404);
  });

  it("sees only their own courses and progress, never another student's", async () => {
    const first = await studentPage('Sara');
    await enrol(first.page, DEMO_PATH);
    await first.page.getByRole('button', { name: 'Marcar como leída' }).click();
    await first.page.getByText('Has marcado la lección como leída.').waitFor();

    const second = await studentPage('Tomás');
    await second.page.getByText('Aún no te has inscrito en ningún curso.').waitFor();
    expect(await second.page.locator('.my-course').count()).toBe(0);
    await second.page.goto(DEMO_PATH);
    await second.page.getByRole('button', { name: 'Inscribirme en el curso' }).waitFor();
    expect(await second.page.getByText('leída', { exact: true }).count()).toBe(0);

    await first.page.goto('/mis-cursos');
    const mine = first.page.locator('.my-course');
    await mine.first().waitFor();
    expect(await mine.count()).toBe(1);
    await mine.getByText('1 de 4 lecciones leídas').waitFor();
  });

  it('is brought back, by "Continuar", to the lesson they last opened', async () => {
    const { page } = await studentPage('Úrsula');
    await enrol(page, DEMO_PATH);
    await page.goto(`${DEMO_PATH}/lecciones/decisiones-con-if`);
    await page.locator('#lesson-body').waitFor();
    // Recorded after the page is sent: give it a moment (each try loads a page: more than poll's default second
    // on a busy machine).
    await expect
      .poll(
        async () => {
          await page.goto('/mis-cursos');
          return page
            .locator('.my-course')
            .getByRole('link', { name: /^Continuar/ })
            .getAttribute('href');
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBe(`${DEMO_PATH}/lecciones/decisiones-con-if`);
  });

  it('reads the interface in English with the locale cookie, the lesson still marked as Spanish', async () => {
    const { page } = await studentPage('Victoria');
    await enrol(page, DEMO_PATH);
    await page.context().addCookies([{ name: 'aula_locale', value: 'en', url: inject('web').url }]);
    await page.reload();
    await page.getByRole('button', { name: 'Mark as read' }).waitFor();
    await page.getByRole('button', { name: 'Submit answers' }).waitFor();
    await page.getByText('Module 1 · Lesson 1 of 4 · 15 min').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#lesson-body').getAttribute('lang')).toBe('es');
    await page.goto('/mis-cursos');
    await page.getByText('0 of 4 lessons read').waitFor();
  });
});
