import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminApi } from './admin.ts';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { FOCUS, focusedText, signIn } from './student.ts';
import {
  EDITOR,
  generateCourse,
  regenerateQuiz,
  scriptCourse,
  scriptQuiz,
  tokenOf,
  waitForRun,
} from './studio-helpers.ts';
import { emulator } from './tutor-helpers.ts';

// Issue 21, the content manager's side, on a 16-lesson course made by the real workers: the run page
// leads to the review (no publishing there), the review page keeps its lesson list in view (beside the
// lessons on a desktop, a jump menu on a phone), folds lessons, publishes behind a question, edits the
// course's title, summary and objectives, and a regeneration survives a reload and lands in place.

const browser = browserForFile();
let page: Page;
let runId = '';
let courseId = '';
const TOPIC = 'Fotos con el teléfono';
const TITLE = 'Fotografía con el móvil';
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  await scriptCourse({ lessons: 16, title: TITLE, delayMs: 0 });
  const token = await tokenOf(EDITOR);
  ({ runId } = await generateCourse(token, { topic: TOPIC, lessonCount: 16 }));
  const run = await waitForRun(token, runId, 150_000);
  expect(run.status).toBe('completed');
  courseId = run.courseId ?? '';
  page = await (await newContext(browser())).newPage();
  await signIn(page, EDITOR, `/studio/runs/${runId}`);
}, 180_000);

const lesson = (n: number) => page.locator('.review__lesson').nth(n);
const expanded = (p: Page) => p.locator('.review__toggle[aria-expanded="true"]');
/** How far the page scrolls sideways (0: it fits the screen). */
const sideways = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const courseStatus = async () => {
  const [course] = await (await adminApi()).request<{ status: string }[]>(
    'GET',
    `/items/courses?filter[id][_eq]=${courseId}&fields=status`,
  );
  return course?.status;
};

describe('the run page of a finished course', () => {
  it('makes reviewing the main action, offers no publishing, and keeps the requested topic in sight', async () => {
    await page.getByRole('heading', { level: 1, name: `Generación: ${TITLE}` }).waitFor();
    expect(await page.locator('.studio__topic').textContent()).toContain(`Tema pedido: ${TOPIC}`);
    await page.getByText('El curso está generado y espera tu revisión.').waitFor();
    const review = page.getByRole('link', { name: 'Revisar el curso' });
    expect(await review.getAttribute('class')).toBe('button');
    expect(await review.getAttribute('href')).toBe(`/studio/cursos/${courseId}`);
    expect(await page.getByRole('button', { name: 'Publicar el curso' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Retirar del catálogo' }).count()).toBe(0);
    // The references steps were skipped (no Browser Use here), and say so.
    const skipped = page.locator('.run-step--skipped');
    expect(await skipped.count()).toBe(16);
    expect(await skipped.first().locator('.run-step__why').textContent()).toBe(
      'Motivo: No se buscaron referencias: el servicio de búsqueda web (Browser Use) no está configurado en este servidor.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio21-run-completed-desktop');
  });

  it('keeps the requested topic beside the generated title in the lists of runs and courses', async () => {
    for (const path of ['/studio', '/studio/cursos']) {
      await page.goto(path);
      const row = page.getByRole('row', { name: new RegExp(TITLE) }).first();
      expect(await row.locator('.studio__topic').textContent()).toBe(`Tema pedido: ${TOPIC}`);
    }
    await page.goto(`/studio/runs/${runId}`);
  });

  it('on a phone its steps are cards: nothing scrolls sideways', async () => {
    await page.setViewportSize(PHONE);
    try {
      await page.reload();
      await page.getByText('El curso está generado y espera tu revisión.').waitFor();
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      expect(
        await page
          .locator('.run-step')
          .first()
          .evaluate((row) => getComputedStyle(row).display),
      ).toBe('block');
      await screenshot(page, 'studio21-run-completed-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

describe('the review page of a 16-lesson course on a desktop', () => {
  it('folds the lessons but the first, with a lesson list that stays in view and a way back to the run', async () => {
    await page.getByRole('link', { name: 'Revisar el curso' }).click();
    await page.waitForURL(`**/studio/cursos/${courseId}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await page.locator('.studio__topic').textContent()).toContain(TOPIC);
    expect(await page.locator('.review__lesson').count()).toBe(16);
    expect(await expanded(page).count()).toBe(1);
    expect(await lesson(0).locator('.review__toggle').getAttribute('aria-expanded')).toBe('true');
    const folded = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(folded).toBeLessThan(9_000);

    const list = page.getByRole('navigation', { name: 'Lecciones del curso' });
    expect(await list.getByRole('link').count()).toBe(16);
    // Scrolled to the very end, the list (and the publish bar) are still on the screen.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY), FOCUS).toBeGreaterThan(500);
    const box = await list.boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeLessThan(900);
    expect(await page.getByRole('button', { name: 'Publicar el curso' }).isVisible()).toBe(true);

    // A lesson picked in the list opens where it is.
    await list.getByRole('link').nth(11).click();
    await expect.poll(() => lesson(11).locator('.review__toggle').getAttribute('aria-expanded'), FOCUS).toBe('true');
    await lesson(11).getByRole('button', { name: 'Editar la lección' }).waitFor();
    expect(await lesson(11).getByRole('button', { name: 'Editar la lección' }).isVisible()).toBe(true);
    // The publish bar stays on the screen too, whole, however far the page (or the list) has scrolled.
    const publish = await page.getByRole('button', { name: 'Publicar el curso' }).boundingBox();
    expect(publish?.y).toBeGreaterThanOrEqual(0);
    expect((publish?.y ?? 900) + (publish?.height ?? 0)).toBeLessThanOrEqual(900);

    await page.getByRole('button', { name: 'Abrir todas' }).click();
    await expect.poll(() => expanded(page).count(), FOCUS).toBe(16);
    const open = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(open).toBeGreaterThan(folded * 2);
    await page.getByRole('button', { name: 'Cerrar todas' }).click();
    await expect.poll(() => expanded(page).count(), FOCUS).toBe(0);
    // Folding is a button in the lesson's heading, with the keyboard too.
    await lesson(0).locator('.review__toggle').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => expanded(page).count(), FOCUS).toBe(1);

    expect(await page.getByRole('link', { name: 'Ver la generación del curso' }).getAttribute('href')).toBe(
      `/studio/runs/${runId}`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    console.info(`review page of 16 lessons: ${folded} px folded, ${open} px all open`);
    await screenshot(page, 'studio21-review-desktop');
  });
});

describe('the review page on a phone', () => {
  it('has a jump menu that stays at the top, and nothing scrolls sideways', async () => {
    const phone = await (await newContext(browser())).newPage();
    await phone.setViewportSize(PHONE);
    await signIn(phone, EDITOR, `/studio/cursos/${courseId}`);
    await phone.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await phone.getByRole('navigation', { name: 'Lecciones del curso' }).isVisible()).toBe(false);
    const jump = phone.locator('.review__jump summary');
    expect(await jump.textContent()).toBe('Ir a una lección');
    expect(await sideways(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'studio21-review-phone');

    await phone.evaluate(() => window.scrollTo(0, 2_500));
    await expect.poll(() => phone.evaluate(() => window.scrollY), FOCUS).toBeGreaterThan(1_000);
    const box = await jump.boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeLessThan(20);

    await jump.click();
    await phone.getByRole('navigation', { name: 'Ir a una lección' }).getByRole('link').nth(15).click();
    await expect
      .poll(
        () => phone.locator('.review__lesson').nth(15).locator('.review__toggle').getAttribute('aria-expanded'),
        FOCUS,
      )
      .toBe('true');
    expect(await sideways(phone)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.context().close();
  });
});

describe('editing the course itself', () => {
  const NEW_TITLE = 'Fotografía con el móvil, paso a paso';

  it('edits the title and summary, saved with who and when; a title too short is refused beside it', async () => {
    await page.goto(`/studio/cursos/${courseId}`);
    const details = page.locator('.course-details');
    await details.getByRole('button', { name: 'Editar título y resumen' }).click();
    const title = details.getByLabel('Título');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), FOCUS).toBe('INPUT');
    await title.fill('ab');
    await details.getByRole('button', { name: 'Guardar', exact: true }).click();
    await details.getByText('Escribe un título de 3 a 200 caracteres.').waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');

    await title.fill(NEW_TITLE);
    await details.getByLabel('Resumen').fill('Luz, encuadre y edición con el teléfono que ya tienes.');
    await details.getByRole('button', { name: 'Guardar', exact: true }).click();
    await details.getByRole('status').getByText('Cambios guardados.').waitFor();
    await page.getByRole('heading', { level: 1, name: NEW_TITLE }).waitFor();
    await details.getByText(/^Última edición: Elena/).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: NEW_TITLE }).waitFor();
    await details.getByText('Luz, encuadre y edición con el teléfono que ya tienes.').waitFor();
    const [course] = await (await adminApi()).request<{ title: string; user_updated: { email: string } }[]>(
      'GET',
      `/items/courses?filter[id][_eq]=${courseId}&fields=title,user_updated.email`,
    );
    expect(course).toEqual({ title: NEW_TITLE, user_updated: { email: EDITOR.email } });
  });

  it('edits a lesson’s objectives, one a line', async () => {
    const first = lesson(0);
    await first.getByRole('button', { name: 'Editar los objetivos' }).click();
    await first
      .getByLabel('Objetivos de la lección (uno por línea)')
      .fill('Aprovechar la luz natural\n\nEncuadrar con la regla de los tercios\n');
    await first.getByRole('button', { name: 'Guardar', exact: true }).click();
    await first.getByRole('status').getByText('Cambios guardados.').waitFor();
    await page.reload();
    expect(await lesson(0).locator('.review__objectives li').allTextContents()).toEqual([
      'Aprovechar la luz natural',
      'Encuadrar con la regla de los tercios',
    ]);
  });

  it('students see nothing of it while the course is not published', async () => {
    const [course] = await (await adminApi()).request<{ slug: string }[]>(
      'GET',
      `/items/courses?filter[id][_eq]=${courseId}&fields=slug`,
    );
    const visitor = await (await newContext(browser())).newPage();
    await visitor.goto('/');
    await visitor.getByRole('heading', { name: 'Catálogo de cursos' }).waitFor();
    expect(await visitor.getByText(NEW_TITLE).count()).toBe(0);
    expect((await visitor.goto(`/cursos/${course?.slug}`))?.status()).toBe(404);
    await visitor.context().close();
  });
});

describe('regenerating on the review page', () => {
  it('marks the changed words, puts Accept on top, and a pending version survives a reload', async () => {
    const emu = emulator();
    await emu.reset();
    // The same lesson with one word changed in its one paragraph.
    const body = `## Presupuesto\n\n${'Anotar ingresos y gastos cada semana ayuda a decidir mejor. '.repeat(5)}Anotar ingresos y gastos cada mes ayuda a decidir mejor. `;
    await emu.script(
      { model: inject('generationModel'), body: /Rewrite the whole lesson/ },
      { json: { markdown: body } },
    );
    const first = lesson(0);
    await first.getByRole('button', { name: 'Regenerar la lección' }).click();
    await first.getByLabel('Instrucción para la IA').fill('Cada mes en vez de cada semana');
    await first.getByRole('button', { name: 'Regenerar', exact: true }).click();
    const diff = first.locator('table.diff');
    await diff.waitFor({ timeout: 30_000 });
    expect(await diff.locator('del.diff__word').allTextContents()).toEqual(['semana']);
    expect(await diff.locator('ins.diff__word').allTextContents()).toEqual(['mes']);
    const accept = first.getByRole('button', { name: 'Aceptar la versión nueva' });
    expect((await accept.boundingBox())?.y).toBeLessThan((await diff.boundingBox())?.y ?? 0);
    await screenshot(page, 'studio21-word-diff');

    await page.reload();
    // The run still waits for a decision: the page shows it again.
    await lesson(0).getByText('Hay una versión nueva esperando tu decisión.').waitFor({ timeout: 15_000 });
    await lesson(0).locator('ins.diff__word').getByText('mes').waitFor();
    await lesson(0).getByRole('button', { name: 'Descartar' }).click();
    await lesson(0).getByText('Versión nueva descartada; se queda la actual.').waitFor();
    await page.reload();
    expect(await lesson(0).locator('table.diff').count()).toBe(0);
  });

  it('accepting a regenerated quiz shows the new questions in place, without a reload', async () => {
    await scriptQuiz('¿Qué luz conviene');
    const first = lesson(0);
    const before = await first.locator('.review__questions > li').first().textContent();
    await regenerateQuiz(first, 'Preguntas sobre la luz');
    await page.evaluate(() => Object.assign(window, { __samePage: true }));
    await first.getByRole('button', { name: 'Aceptar la versión nueva' }).click();
    await first.getByText('Versión nueva aceptada: ya está en su sitio.').waitFor();
    await first.locator('.review__questions').getByText('¿Qué luz conviene 1?').waitFor();
    expect(await first.locator('.review__questions > li').first().textContent()).not.toBe(before);
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  });
});

describe('publishing from the review page', () => {
  it('asks first; saying no changes nothing', async () => {
    await page.getByRole('button', { name: 'Publicar el curso' }).click();
    const dialog = page.getByRole('dialog', { name: '¿Publicar el curso?' });
    await dialog.waitFor();
    // The safe answer has the focus.
    await expect.poll(() => focusedText(page), FOCUS).toBe('No, dejarlo como está');
    await dialog.getByRole('button', { name: 'No, dejarlo como está' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await courseStatus()).toBe('in_review');
  });

  it('publishes after the question, and a double click never takes it out again', async () => {
    await page.getByRole('button', { name: 'Publicar el curso' }).dblclick();
    const dialog = page.getByRole('dialog', { name: '¿Publicar el curso?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Sí, publicarlo' }).dblclick();
    await page.getByText('Curso publicado: ya aparece en el catálogo.').waitFor();
    await expect.poll(courseStatus, FOCUS).toBe('published');
    await expect.poll(() => focusedText(page), FOCUS).toContain('Curso publicado');
    expect(await page.getByRole('button', { name: 'Publicar el curso' }).count()).toBe(0);
    // Taking it out asks too: no dialog opened by the second click of the double click confirms it.
    expect(await page.getByRole('button', { name: 'Sí, retirarlo' }).isVisible()).toBe(false);
    expect(await courseStatus()).toBe('published');

    // The run page now says what is true.
    await page.getByRole('link', { name: 'Ver la generación del curso' }).click();
    await page.getByText('El curso está publicado: ya aparece en el catálogo.').waitFor();
    expect(await page.getByText('espera tu revisión', { exact: false }).count()).toBe(0);
    await page.goBack();
  });

  it('takes it out of the catalogue after its own question', async () => {
    await page.getByRole('button', { name: 'Retirar del catálogo' }).click();
    const dialog = page.getByRole('dialog', { name: '¿Retirar el curso del catálogo?' });
    await dialog.getByRole('button', { name: 'Sí, retirarlo' }).click();
    await page.getByText('Curso retirado del catálogo.', { exact: true }).waitFor();
    await expect.poll(courseStatus, FOCUS).toBe('archived');
    await page.getByRole('button', { name: 'Publicar el curso' }).waitFor();
  });
});
