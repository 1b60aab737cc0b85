import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminApi, demoLessonOne, type QuestionKey } from './admin.ts';
import { browserForFile, newContext, screenshot } from './browser.ts';
import { DEMO_PATH, enrol, FOCUS, focusedText, newStudent, signUp } from './student.ts';

// One student's whole way through the demo course, in Chromium, step by step (the tests share the page).

const LESSON_PATH = `${DEMO_PATH}/lecciones/que-es-programar`;
const browser = browserForFile();
let context: BrowserContext;
let page: Page;
let key: QuestionKey[];
const student = newStudent('Lucía Pérez');

beforeAll(async () => {
  context = await newContext(browser());
  page = await context.newPage();
  key = (await demoLessonOne(await adminApi())).key;
});

/** Picks one option per question: the right one, or a wrong one. */
async function answer(choose: (question: QuestionKey) => number) {
  for (const [index, question] of key.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^Pregunta ${index + 1} de ${key.length}`) });
    await group.getByLabel(question.options[choose(question)]!, { exact: true }).check();
  }
  await page.getByRole('button', { name: 'Enviar respuestas' }).click();
}

describe('a student in the browser', () => {
  it('sees the catalogue and signs up', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Catálogo de cursos' }).waitFor();
    await screenshot(page, 'catalogue');
    // A visitor is told what Aula is, and a newcomer's main button is "Crear cuenta" (issue 21).
    await page.locator('.welcome').getByRole('link', { name: 'Crear cuenta' }).click();
    await page.waitForURL('**/registro');
    await signUp(page, student);
    // A new account lands on an empty "My courses", signed in, its name in the header.
    await page.getByText('Aún no te has inscrito en ningún curso.').waitFor();
    const header = page.locator('header.site-header');
    await header.getByText('Lucía Pérez').waitFor();
    await header.getByRole('link', { name: 'Mis cursos' }).waitFor();
    await header.getByRole('button', { name: 'Salir' }).waitFor();
  });

  it('enrols in the demo course and lands on its first lesson', async () => {
    await page.goto(DEMO_PATH);
    await page.getByRole('button', { name: 'Inscribirme en el curso' }).waitFor();
    await screenshot(page, 'course');
    await enrol(page, DEMO_PATH);
    expect(new URL(page.url()).pathname).toBe(LESSON_PATH);
    await page.getByText('Te has inscrito en el curso').waitFor();
  });

  it('reads lesson 1: rendered Markdown, highlighted code, anchored headings, progress bar, next link', async () => {
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('¿Qué es programar?');
    const body = page.locator('#lesson-body');
    expect(await body.getAttribute('lang')).toBe('es');
    for (const id of ['programar-es-dar-instrucciones', 'por-que-python', 'tu-primer-programa']) {
      expect(await body.locator(`h2#${id}`).count()).toBe(1);
    }
    expect(await body.locator('pre code.language-python .hljs-built_in').first().textContent()).toBe('print');
    expect(await page.getByRole('progressbar', { name: 'Progreso de lectura' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Lección siguiente/ }).getAttribute('href')).toBe(
      `${DEMO_PATH}/lecciones/variables-y-tipos-de-datos`,
    );
    await page.getByRole('button', { name: 'Marcar como leída' }).click();
    await page.getByText('Has marcado la lección como leída.').waitFor();
    await screenshot(page, 'lesson');
  });

  it('fails the quiz, sees which answers were wrong and the section to review, not the key, with focus on the result', async () => {
    await answer((q) => (q.correct + 1) % 4);
    await page.getByText('Aún no lo has superado: necesitas un 70 %.').waitFor();
    await page.getByText('Has acertado el 0 %').waitFor();
    await expect.poll(() => focusedText(page), FOCUS).toBe('Tu resultado');
    const results = page.locator('.quiz-results > li');
    expect(await results.count()).toBe(key.length);
    expect(await results.getByText('Incorrecta').count()).toBe(key.length);
    // The default policy (decision 011) keeps the key and the explanations until the quiz is passed.
    await page
      .getByText('Las respuestas correctas y sus explicaciones se muestran cuando superes el cuestionario.')
      .waitFor();
    expect(await page.getByText('Como vimos en la lección, un programa es una lista de instrucciones').count()).toBe(0);
    expect(await page.getByText('Respuesta correcta:').count()).toBe(0);
    const review = page.getByRole('link', { name: /Repasa la sección de la lección: Programar es dar instrucciones/ });
    expect(await review.getAttribute('href')).toBe('#programar-es-dar-instrucciones');
    await page.getByText('Mejor puntuación: 0 % · 1 intento · Te quedan 2 intentos.').waitFor();
    await screenshot(page, 'quiz-result');
  });

  it('tries again and passes; the best score and the attempts are kept, and now the explanations show', async () => {
    await page.getByRole('button', { name: 'Intentar de nuevo' }).click();
    expect(await page.locator('input[type="radio"]:checked').count()).toBe(0);
    await expect.poll(() => focusedText(page), FOCUS).toBe('');
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), FOCUS)
      .toBe('radio');
    await answer((q) => q.correct);
    await page.getByText('Cuestionario superado.').waitFor();
    await page.getByText('Has acertado el 100 %').waitFor();
    await page.getByText('Mejor puntuación: 100 % · 2 intentos · Te queda 1 intento.').first().waitFor();
    await page.getByText('Como vimos en la lección, un programa es una lista de instrucciones').waitFor();
    await screenshot(page, 'quiz-passed');
  });

  it('sees the lesson read and the quiz passed in "Mis cursos", and continues with lesson 2', async () => {
    await page.getByRole('link', { name: 'Mis cursos' }).click();
    await page.waitForURL('**/mis-cursos');
    const course = page.locator('.my-course', { hasText: 'Primeros pasos con Python' });
    await course.waitFor();
    await course.getByText('1 de 4 lecciones leídas').waitFor();
    await course.getByText('1 de 4 cuestionarios superados').waitFor();
    expect(await course.getByText(/^\d+ % completado$/).textContent()).not.toBe('0 % completado');
    await screenshot(page, 'my-courses');
    await course.getByRole('link', { name: 'Continuar Primeros pasos con Python' }).click();
    await page.waitForURL(`**${DEMO_PATH}/lecciones/variables-y-tipos-de-datos`);
  });

  it('sees the lesson marked read on the course page', async () => {
    await page.goto(DEMO_PATH);
    const lesson = page.locator('.lesson', { hasText: '¿Qué es programar?' });
    await lesson.getByText('leída', { exact: true }).waitFor();
    await page.getByText('1 de 4 lecciones leídas').waitFor();
  });

  it('signs out: the header offers to sign in again and lessons are closed', async () => {
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('header.site-header').getByRole('link', { name: 'Entrar' }).waitFor();
    expect((await context.cookies()).filter((c) => c.name.startsWith('aula_') && c.name !== 'aula_locale')).toEqual([]);
    await page.goto(LESSON_PATH);
    expect(new URL(page.url()).pathname).toBe(DEMO_PATH);
  });
});
