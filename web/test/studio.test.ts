import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminApi } from './admin.ts';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { FOCUS, focusedText, submitSignIn } from './student.ts';
import {
  EDITOR,
  generateCourse,
  STUDENT,
  scriptCourse,
  scriptRefusedKey,
  tokenOf,
  waitForRun,
} from './studio-helpers.ts';

// The demo content manager in Chromium: requests a course in the studio and watches the real workers
// (answered by the provider emulator) make it; a run that fails and one that is cancelled.

const browser = browserForFile();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await newContext(browser());
  page = await context.newPage();
});

let courseHref = '';
const bar = () => page.getByRole('progressbar', { name: 'Progreso de la generación' });
const runStatus = () => page.getByRole('status');

describe('the content studio', () => {
  it('sends a signed-out content manager to sign in, and back to the studio', async () => {
    await page.goto('/studio');
    expect(new URL(page.url()).pathname).toBe('/entrar');
    await submitSignIn(page, EDITOR);
    await page.waitForURL((url) => url.pathname === '/studio');
    await page.getByRole('heading', { level: 1, name: 'Estudio de contenidos' }).waitFor();
  });

  it('shows the API’s validation errors beside each field', async () => {
    await page.getByRole('link', { name: 'Pedir un curso' }).click();
    await page.waitForURL('**/studio/nuevo');
    await page.getByLabel('Tema', { exact: true }).fill('ab');
    await page.getByLabel('Número de lecciones').fill('0');
    await page.getByRole('button', { name: 'Pedir el curso' }).click();
    await page.getByRole('alert').getByText('Revisa los campos marcados.').waitFor();
    const topic = page.getByLabel('Tema', { exact: true });
    expect(await topic.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#topic-problem').textContent()).toBe('Escribe un tema de 3 a 200 caracteres.');
    expect(await page.locator('#lessonCount-problem').textContent()).toBe(
      'Escribe un número entero de lecciones, de 1 a 20.',
    );
    expect(await page.locator('#audience-problem').count()).toBe(0);
    // Focus on the first field at fault, which keeps what was typed.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), FOCUS).toBe('topic');
    expect(await topic.inputValue()).toBe('ab');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-request-invalid');
  });

  it('estimates tokens and cost as the lesson count, provider and model change, and sends the choice', async () => {
    await scriptCourse({ lessons: 1, title: 'Estimación de prueba', delayMs: 0 });
    await page.goto('/studio/nuevo');
    const figures = page.locator('.estimate__figures');
    expect(await figures.getAttribute('aria-live')).toBe('polite');
    // The default: the configured generation provider and model (openai · gpt-4o-mini), 3 lessons.
    await figures.getByText('Unos 12.850 tokens de entrada y 12.900 de salida.').waitFor();
    await figures.getByText('Coste estimado con openai · gpt-4o-mini: 0,0097 US$.').waitFor();
    await page.getByLabel('Número de lecciones').fill('1');
    await figures.getByText('Unos 4750 tokens de entrada y 4500 de salida.').waitFor();
    await figures.getByText('Coste estimado con openai · gpt-4o-mini: 0,0034 US$.').waitFor();
    await page.getByLabel('Número de lecciones').fill('30');
    await figures.getByText('Escribe un número de lecciones de 1 a 20 para ver la estimación.').waitFor();
    await page.getByLabel('Número de lecciones').fill('1');
    // Another provider: its default model and price; a model without a known price: tokens only.
    await page.getByLabel('Proveedor de IA').selectOption('groq');
    await figures.getByText('Coste estimado con groq · openai/gpt-oss-120b: 0,0034 US$.').waitFor();
    await page.getByLabel('Modelo (opcional)').fill('modelo-casero');
    await figures.getByText('Coste desconocido: no tenemos el precio de groq · modelo-casero.').waitFor();
    await figures.getByText('Unos 4750 tokens de entrada y 4500 de salida.').waitFor();
    await page.getByLabel('Proveedor de IA').selectOption('openai');
    await page.getByLabel('Modelo (opcional)').fill('gpt-4.1-nano');
    await figures.getByText('Coste estimado con openai · gpt-4.1-nano: 0,0023 US$.').waitFor();
    await page.getByLabel('Modelo (opcional)').fill('gpt-4o-mini');
    await figures.getByText('Coste estimado con openai · gpt-4o-mini: 0,0034 US$.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-request-estimate');

    await page.getByLabel('Tema', { exact: true }).fill('Estimación de prueba');
    await page.getByRole('button', { name: 'Pedir el curso' }).click();
    await page.waitForURL(/\/studio\/runs\/[0-9a-f-]{36}$/);
    const runId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const run = await waitForRun(await tokenOf(EDITOR), runId);
    expect(run).toMatchObject({ status: 'completed', provider: 'openai', model: 'gpt-4o-mini' });
    await page.goto('/studio/nuevo');
  });

  it('requests a 2-lesson course and watches it reach 100 % without reloading', async () => {
    await scriptCourse({ lessons: 2, title: 'Presupuesto familiar para empezar', delayMs: 700 });
    await page.getByLabel('Tema', { exact: true }).fill('Presupuesto familiar');
    await page.getByLabel('Público (opcional)').fill('Personas adultas sin experiencia');
    await page.getByLabel('Número de lecciones').fill('2');
    await page.getByLabel('Nivel').selectOption('beginner');
    await page.getByLabel('Coste máximo en US$ (opcional)').fill('5');
    await page.getByRole('button', { name: 'Pedir el curso' }).click();
    await page.waitForURL(/\/studio\/runs\/[0-9a-f-]{36}$/);

    const first = Number(await bar().getAttribute('aria-valuenow'));
    expect(first).toBeLessThan(100);
    await page.evaluate(() => Object.assign(window, { __samePage: true }));
    // Progress seen in between, then the end, all in the same page.
    const seen = new Set<number>([first]);
    const deadline = Date.now() + 60_000;
    while (!(await runStatus().textContent())?.includes('Completada')) {
      if (Date.now() > deadline) throw new Error(`still ${await runStatus().textContent()}`);
      seen.add(Number(await bar().getAttribute('aria-valuenow')));
      await page.waitForTimeout(200);
    }
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage), FOCUS)
      .toBe(true);
    expect(await bar().getAttribute('aria-valuenow')).toBe('100');
    expect(await runStatus().textContent()).toContain('8 de 8 pasos (100 %)');
    expect([...seen].some((value) => value > 0 && value < 100)).toBe(true);
    await page.getByText('El curso está generado y espera tu revisión.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Generación: Presupuesto familiar' }).waitFor();
    expect(await runStatus().getAttribute('aria-live')).toBe('polite');

    const rows = page.locator('.run-step');
    expect(await rows.count()).toBe(8);
    for (const name of ['Esquema del curso', 'Lección 1', 'Lección 2', 'Cuestionario 1', 'Cuestionario 2']) {
      await page.getByRole('rowheader', { name, exact: true }).waitFor();
    }
    expect(await page.getByRole('cell', { name: 'openai · gpt-4o-mini' }).count()).toBe(5);
    // The run asked for no provider: the one its steps used (the configured default) is its total's.
    await page.locator('.run__totals').getByText('openai · gpt-4o-mini').waitFor();
    expect(await page.getByRole('button', { name: 'Cancelar la generación' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-run-completed');
  });

  it('reviews the generated course: each lesson as students read it, each quiz with its key', async () => {
    await page.getByRole('link', { name: 'Revisar el curso' }).click();
    await page.waitForURL(/\/studio\/cursos\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Presupuesto familiar para empezar' }).waitFor();
    await page.getByText('En revisión', { exact: true }).waitFor();
    const lessons = page.locator('.review__lesson');
    expect(await lessons.count()).toBe(2);
    for (const lesson of await lessons.all()) {
      // Rendered Markdown, not its source.
      expect(await lesson.locator('.prose').innerHTML()).toMatch(/<(h2|h3|p)[ >]/);
      const questions = lesson.locator('.review__questions > li');
      expect(await questions.count()).toBeGreaterThan(0);
      // Exactly one option marked correct in each question.
      for (const question of await questions.all()) {
        expect(await question.locator('.review__correct').count()).toBe(1);
      }
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-review');
  });

  it('publishes the generated course from its review, and a student sees it in the catalogue at once', async () => {
    await page.getByRole('button', { name: 'Publicar el curso' }).click();
    await page
      .getByRole('dialog', { name: '¿Publicar el curso?' })
      .getByRole('button', { name: 'Sí, publicarlo' })
      .click();
    await page.getByText('Curso publicado: ya aparece en el catálogo.').waitFor();
    expect(await page.getByRole('button', { name: 'Publicar el curso' }).count()).toBe(0);
    await expect.poll(() => focusedText(page), FOCUS).toContain('Curso publicado');

    const visitor = await newContext(browser());
    try {
      const catalogue = await visitor.newPage();
      await catalogue.goto('/');
      const card = catalogue.getByRole('link', { name: /Presupuesto familiar para empezar/ });
      await card.first().waitFor();
      courseHref = (await card.first().getAttribute('href')) ?? '';
      await card.first().click();
      await catalogue.getByRole('heading', { level: 1, name: 'Presupuesto familiar para empezar' }).waitFor();
      // Its outline: the two generated lessons.
      expect(await catalogue.locator('.lesson').count()).toBe(2);
    } finally {
      await visitor.close();
    }
  });

  it('takes the course out of the catalogue again: visitors no longer find it', async () => {
    await page.getByRole('button', { name: 'Retirar del catálogo' }).click();
    await page
      .getByRole('dialog', { name: '¿Retirar el curso del catálogo?' })
      .getByRole('button', { name: 'Sí, retirarlo' })
      .click();
    await page.getByText('Curso retirado del catálogo.', { exact: true }).waitFor();
    await expect.poll(() => focusedText(page), FOCUS).toContain('Curso retirado');
    // And it can be published again from here.
    await page.getByRole('button', { name: 'Publicar el curso' }).waitFor();

    const visitor = await newContext(browser());
    try {
      const catalogue = await visitor.newPage();
      await catalogue.goto('/');
      await catalogue.getByRole('heading', { name: 'Catálogo de cursos' }).waitFor();
      expect(await catalogue.getByRole('link', { name: /Presupuesto familiar para empezar/ }).count()).toBe(0);
      const course = await catalogue.goto(courseHref);
      expect(course?.status()).toBe(404);
    } finally {
      await visitor.close();
    }
  });

  it('lists the run in the studio with its status and totals', async () => {
    await page.goto('/studio');
    const row = page.getByRole('row', { name: /Presupuesto familiar para empezar/ });
    await row.getByText('Completada').waitFor();
    await row.getByText('8 de 8').waitFor();
    expect(await row.getByText(/US\$$/).textContent()).not.toBe('0,00 US$');
    // The totals per provider add up to the runs listed; the default runs count under openai.
    const totals = page.getByRole('table', { name: 'Totales por proveedor' });
    const openai = totals.getByRole('row', { name: /^openai/ });
    const [runs, , tokensIn, tokensOut, cost] = await openai.getByRole('cell').allTextContents();
    expect(Number(runs)).toBeGreaterThanOrEqual(2);
    expect(Number(tokensIn?.replaceAll('.', ''))).toBeGreaterThan(0);
    expect(Number(tokensOut?.replaceAll('.', ''))).toBeGreaterThan(0);
    expect(cost).not.toBe('0,00 US$');
    const listed = await page.getByRole('table', { name: 'Generaciones' }).locator('tbody tr').count();
    const counted = (await totals.locator('tbody tr td:first-of-type').allTextContents()).map(Number);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(listed);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-runs');
  });

  it('says in plain words why a run failed', async () => {
    await scriptRefusedKey();
    const { runId } = await generateCourse(await tokenOf(EDITOR), { topic: 'Huerto urbano', lessonCount: 2 });
    await page.goto(`/studio/runs/${runId}`);
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'La generación ha fallado' }).waitFor({ timeout: 30_000 });
    await alert.getByText('Falló el paso «Esquema del curso».').waitFor();
    await alert
      .getByText('El proveedor de IA rechazó la clave de acceso. Quien administra Aula debe revisarla.')
      .waitFor();
    // The provider's own message stays one click away, for whoever fixes it.
    await alert.getByText('Detalle técnico').click();
    await alert.getByText(/401/).waitFor();
    expect(await runStatus().textContent()).toContain('Fallida');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-run-failed');
  });

  it('retries the failed run: Retry runs it again, and it completes', async () => {
    await scriptCourse({ lessons: 2, title: 'Huerto urbano en casa', delayMs: 0 });
    await page.getByRole('button', { name: 'Reintentar' }).click();
    await page.getByText('El curso está generado y espera tu revisión.').waitFor({ timeout: 60_000 });
    expect(await runStatus().textContent()).toContain('Completada');
    expect(await page.getByRole('button', { name: 'Reintentar' }).count()).toBe(0);
  });

  it('cancels a run from the keyboard', async () => {
    await scriptCourse({ lessons: 2, title: 'Cocina de aprovechamiento', delayMs: 4_000 });
    const { runId } = await generateCourse(await tokenOf(EDITOR), { topic: 'Cocina', lessonCount: 2 });
    await page.goto(`/studio/runs/${runId}`);
    const cancel = page.getByRole('button', { name: 'Cancelar la generación' });
    await cancel.focus();
    await page.keyboard.press('Enter');
    await page.getByText('La generación se ha cancelado.', { exact: false }).waitFor();
    expect(await runStatus().textContent()).toContain('Cancelada');
    expect(await cancel.count()).toBe(0);
  });

  it('refuses the request action to a student and to someone signed out, on the server', async () => {
    // The form is already in the page (its action id with it); then the session changes under it.
    await page.goto('/studio/nuevo');
    const api = await adminApi();
    const runs = async () => (await api.request<unknown[]>('GET', '/items/generation_runs?fields=id&limit=-1')).length;
    const before = await runs();
    const { origin } = new URL(page.url());
    for (const session of [[{ name: 'aula_access', value: await tokenOf(STUDENT), url: origin }], []]) {
      await context.clearCookies();
      if (session.length) await context.addCookies(session);
      await page.getByLabel('Tema', { exact: true }).fill('Curso que no debe existir');
      // Each answer waited for: the alert of the first refusal would otherwise satisfy the second.
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/studio/nuevo'),
        page.getByRole('button', { name: 'Pedir el curso' }).click(),
      ]);
      await page
        .getByRole('alert')
        .getByText('Solo las personas que gestionan contenidos pueden pedir cursos.')
        .waitFor();
      expect(new URL(page.url()).pathname).toBe('/studio/nuevo');
    }
    expect(await runs()).toBe(before);
  });
});
