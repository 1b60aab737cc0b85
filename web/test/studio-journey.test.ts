import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserForFile, newContext, screenshot } from './browser.ts';
import { signIn } from './student.ts';
import { EDITOR, regenerateQuiz, scriptCourse, scriptQuiz } from './studio-helpers.ts';

// The whole journey in one Chromium session, in the order a content manager lives it: request
// a 3-lesson course in the form → watch the real workers reach 100 % → open the review → edit a lesson →
// regenerate a quiz with an instruction and accept the diff → publish → a signed-out visitor finds
// the course in the catalogue. Each step's details are covered in
// studio.test.ts and studio-edit.test.ts; this file proves they join up.

const browser = browserForFile();
let page: Page;
const TITLE = 'Huerto urbano en el balcón';

beforeAll(async () => {
  page = await (await newContext(browser())).newPage();
});

const lesson = (n: number) => page.locator('.review__lesson').nth(n);

describe('a content manager, from request to catalogue', () => {
  it('requests a 3-lesson course and sees it reach 100 %', async () => {
    await scriptCourse({ lessons: 3, title: TITLE, delayMs: 200 });
    await signIn(page, EDITOR, '/studio/nuevo');
    await page.getByLabel('Tema', { exact: true }).fill('Huerto urbano');
    await page.getByLabel('Número de lecciones').fill('3');
    await page.getByRole('button', { name: 'Pedir el curso' }).click();
    await page.waitForURL(/\/studio\/runs\/[0-9a-f-]{36}$/);

    const bar = page.getByRole('progressbar', { name: 'Progreso de la generación' });
    await page.getByRole('status').getByText('11 de 11 pasos (100 %)', { exact: false }).waitFor({ timeout: 60_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.locator('.run-step').count()).toBe(11);
    // Each written lesson opens on the review page (as soon as it exists, not only at the end).
    const lessonLink = page.getByRole('rowheader', { name: 'Lección 2', exact: true }).getByRole('link');
    expect(await lessonLink.getAttribute('href')).toMatch(/^\/studio\/cursos\/[0-9a-f-]{36}#leccion-[0-9a-f-]{36}$/);
  });

  it('edits the first lesson on the review page', async () => {
    await page.getByRole('link', { name: 'Revisar el curso' }).click();
    await page.waitForURL(/\/studio\/cursos\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await page.locator('.review__lesson').count()).toBe(3);

    await lesson(0).getByRole('button', { name: 'Editar la lección' }).click();
    await lesson(0)
      .getByLabel('Texto de la lección (Markdown)')
      .fill('## Qué sembrar primero\n\nLechugas y rábanos crecen **rápido**.');
    await lesson(0).getByRole('button', { name: 'Guardar', exact: true }).click();
    await lesson(0).getByRole('status').getByText('Cambios guardados.').waitFor();
    await lesson(0).locator('.prose').getByRole('heading', { name: 'Qué sembrar primero' }).waitFor();
  });

  it('regenerates the third quiz with an instruction and accepts the new version after the diff', async () => {
    await scriptQuiz('¿Qué planta del balcón');
    const third = lesson(2);
    const diff = await regenerateQuiz(third, 'Preguntas sobre plantas concretas');
    expect(await diff.locator('.diff__cell--added').first().textContent()).toContain('¿Qué planta del balcón 1?');
    await third.getByRole('button', { name: 'Aceptar la versión nueva' }).click();
    // In place at once; and still there after a reload.
    await third.getByText('Versión nueva aceptada: ya está en su sitio.').waitFor();
    await third.locator('.review__questions').getByText('¿Qué planta del balcón 1?').waitFor();
    await page.reload();
    await lesson(2).locator('.review__questions').getByText('¿Qué planta del balcón 1?').waitFor();
    // The edit of the first lesson is still there.
    await lesson(0).locator('.prose').getByRole('heading', { name: 'Qué sembrar primero' }).waitFor();
    await screenshot(page, 'studio-journey-reviewed');
  });

  it('publishes it, and a signed-out visitor finds it in the catalogue with its three lessons', async () => {
    await page.getByRole('button', { name: 'Publicar el curso' }).click();
    await page
      .getByRole('dialog', { name: '¿Publicar el curso?' })
      .getByRole('button', { name: 'Sí, publicarlo' })
      .click();
    await page.getByText('Curso publicado: ya aparece en el catálogo.').waitFor();

    const visitor = await (await newContext(browser())).newPage();
    await visitor.goto('/');
    const card = visitor.getByRole('link', { name: new RegExp(TITLE) }).first();
    await card.click();
    await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await visitor.locator('.lesson').count()).toBe(3);
  });
});
