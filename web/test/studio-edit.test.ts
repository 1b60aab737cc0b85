import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminApi } from './admin.ts';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { enrol, FOCUS, newStudent, signIn, signUp } from './student.ts';
import {
  EDITOR,
  generateCourse,
  regenerateQuiz,
  scriptCourse,
  scriptQuiz,
  tokenOf,
  waitForRun,
} from './studio-helpers.ts';

// The demo content manager reviews a generated course in Chromium: finds it in the course list, edits
// a lesson (live preview) and a question, regenerates a quiz and accepts or discards the new version.
// Then a student reads the edited lesson once the course is published.

const browser = browserForFile();
let page: Page;
let courseId = '';
const TITLE = 'Ahorro doméstico paso a paso';

beforeAll(async () => {
  page = await (await newContext(browser())).newPage();
  await scriptCourse({ lessons: 2, title: TITLE, delayMs: 0 });
  const token = await tokenOf(EDITOR);
  const { runId } = await generateCourse(token, { topic: 'Ahorro doméstico', lessonCount: 2 });
  const run = await waitForRun(token, runId);
  expect(run.status).toBe('completed');
  courseId = run.courseId ?? '';
  await signIn(page, EDITOR, '/studio/cursos');
});

const lesson = (n: number) => page.locator('.review__lesson').nth(n);

describe('editing in the studio', () => {
  it('lists every course with its status and latest run; the header offers the studio to staff', async () => {
    await page.getByRole('heading', { level: 1, name: 'Cursos' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(TITLE) }).first();
    await row.getByText('En revisión').waitFor();
    await row.getByRole('link', { name: /Completada/ }).waitFor();
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Estudio' }).waitFor();
    expect(await page.getByRole('link', { name: /Abrir los cursos en Directus/ }).getAttribute('href')).toBe(
      `${inject('web').directusUrl}/admin/content/courses`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-courses');
    await row.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(`**/studio/cursos/${courseId}`);
  });

  it('edits a lesson’s Markdown beside a live preview, keeps the text when it cannot be saved', async () => {
    if (!page.url().endsWith(courseId)) await page.goto(`/studio/cursos/${courseId}`);
    const first = lesson(0);
    await first.getByRole('button', { name: 'Editar la lección' }).click();
    const text = first.getByLabel('Texto de la lección (Markdown)');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), FOCUS).toBe('TEXTAREA');
    // Empty: refused beside the field, nothing sent.
    await text.fill('  ');
    await first.getByRole('button', { name: 'Guardar', exact: true }).click();
    await first.getByText('La lección no puede quedar vacía.').waitFor();
    expect(await text.getAttribute('aria-invalid')).toBe('true');

    const markdown = '## Revisado a mano\n\nAhorra **primero** y gasta después.\n\n<script>alert(1)</script>';
    await text.fill(markdown);
    const preview = first.getByRole('region', { name: 'Vista previa (como la verá el alumnado)' });
    await preview.getByRole('heading', { name: 'Revisado a mano' }).waitFor();
    expect(await preview.locator('strong').textContent()).toBe('primero');
    expect(await preview.locator('script').count()).toBe(0);
    await first.getByRole('button', { name: 'Guardar', exact: true }).click();
    await first.getByRole('status').getByText('Cambios guardados.').waitFor();
    await first.getByText(/^Última edición: Elena/).waitFor();
    await first.locator('.prose').getByRole('heading', { name: 'Revisado a mano' }).waitFor();
    const raw = first.getByRole('link', { name: /Abrir en Directus/ }).first();
    expect(await raw.getAttribute('href')).toMatch(/\/admin\/content\/lessons\/[0-9a-f-]{36}$/);

    // Saved in Directus, as Elena.
    await page.reload();
    await lesson(0).locator('.prose').getByRole('heading', { name: 'Revisado a mano' }).waitFor();
    await lesson(0)
      .getByText(/^Última edición: Elena/)
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-lesson-edited');
  });

  it('edits a quiz question: prompt, an option, the correct option and the explanation', async () => {
    const question = lesson(0).locator('.review__questions > li').first();
    await question.getByRole('button', { name: 'Editar la pregunta' }).click();
    const form = question.getByRole('group', { name: 'Editar la pregunta' });
    await form.getByLabel('Opción B').fill('');
    await form.getByRole('button', { name: 'Guardar', exact: true }).click();
    await form.getByText('Este campo no puede quedar vacío.').waitFor();
    expect(await form.getByLabel('Opción B').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Enunciado').fill('¿Cuándo conviene ahorrar?');
    await form.getByLabel('Opción B').fill('Al cobrar, antes de gastar');
    await form.getByLabel('Respuesta correcta').selectOption({ label: 'Opción B' });
    await form.getByLabel('Explicación (opcional)').fill('Separar el ahorro al cobrar evita gastarlo.');
    await form.getByRole('button', { name: 'Guardar', exact: true }).click();
    await question.getByText('Cambios guardados.').waitFor();
    await page.reload();
    const saved = lesson(0).locator('.review__questions > li').first();
    await saved.getByText('¿Cuándo conviene ahorrar?').waitFor();
    expect(await saved.locator('.review__correct').textContent()).toContain('Al cobrar, antes de gastar');
    await saved.getByText('Separar el ahorro al cobrar evita gastarlo.').waitFor();
    await saved.getByText(/^Última edición: Elena/).waitFor();
  });

  it('regenerates a quiz with an instruction and accepts the new version after seeing the diff', async () => {
    await scriptQuiz('¿Pregunta más fácil');
    const second = lesson(1);
    const diff = await regenerateQuiz(second, 'Preguntas más fáciles');
    expect(await diff.locator('caption').textContent()).toContain('Pregunta 1');
    expect(await diff.locator('.diff__cell--added').first().textContent()).toContain('¿Pregunta más fácil 1?');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-quiz-diff');
    // Nothing changed yet.
    expect(await second.locator('.review__questions').getByText('¿Pregunta más fácil 1?').count()).toBe(0);
    await second.getByRole('button', { name: 'Aceptar la versión nueva' }).click();
    await second.getByText('Versión nueva aceptada: ya está en su sitio.').waitFor();
    await page.reload();
    await lesson(1).locator('.review__questions').getByText('¿Pregunta más fácil 1?').waitFor();
  });

  it('discarding a regenerated quiz leaves the old version', async () => {
    await scriptQuiz('¿Descartada');
    const first = lesson(0);
    await regenerateQuiz(first, 'Otra versión');
    await first.getByRole('button', { name: 'Descartar' }).click();
    await first.getByText('Versión nueva descartada; se queda la actual.').waitFor();
    await page.reload();
    await lesson(0).getByText('¿Cuándo conviene ahorrar?').waitFor();
    expect(await lesson(0).getByText('¿Descartada 1?').count()).toBe(0);
  });

  it('a student reads the edited lesson once the course is published', async () => {
    const res = await fetch(`${inject('web').directusUrl}/aula/courses/${courseId}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf(EDITOR)}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const [course] = await (await adminApi()).request<{ slug: string }[]>(
      'GET',
      `/items/courses?filter[id][_eq]=${courseId}&fields=slug`,
    );
    const student = await (await newContext(browser())).newPage();
    await signUp(student, newStudent());
    await enrol(student, `/cursos/${course?.slug}`);
    await student.locator('#lesson-body').getByRole('heading', { name: 'Revisado a mano' }).waitFor();
    expect(await student.locator('#lesson-body strong').first().textContent()).toBe('primero');
    // Students get no studio link, and no studio.
    expect(await student.getByRole('link', { name: 'Estudio', exact: true }).count()).toBe(0);
    await student.goto(`/studio/cursos/${courseId}`);
    expect(new URL(student.url()).pathname).toBe('/');
  });
});
