import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AdminApi, adminApi, createCourse } from './admin.ts';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { FOCUS, focusedText, newStudent, signIn, signUp } from './student.ts';

// Spaced review and certificates (decision 021) in Chromium: a missed question comes back in "Repaso"
// (its due date moved instead of waiting a day) and is graded there; a student who finishes a course
// downloads a real PDF certificate, a signed-out visitor verifies it, an administrator revokes it.

const browser = browserForFile();
let api: AdminApi;
const removals: (() => Promise<unknown>)[] = [];

/** A published course of one lesson whose quiz has two questions: right answers B and C. */
async function oneLessonCourse() {
  const course = await createCourse(api, {
    status: 'published',
    lessons: [
      {
        slug: 'la-leccion',
        title: 'La lección',
        body: '## Primera parte\n\nTexto de la lección.\n',
        quiz: [
          { prompt: '¿Cuál es la primera?', correct: 1 },
          { prompt: '¿Cuál es la segunda?', correct: 2 },
        ],
      },
    ],
  });
  removals.push(course.remove);
  return { ...course, path: `/cursos/${course.slug}`, lessonPath: `/cursos/${course.slug}/lecciones/la-leccion` };
}

async function enrolIn(page: Page, coursePath: string) {
  await page.goto(coursePath);
  await page.getByRole('button', { name: 'Inscribirme en el curso' }).click();
  await page.waitForURL(`**${coursePath}/lecciones/**`);
  await page.locator('#lesson-body').waitFor();
}

/** Answers the lesson's two questions with the options at these positions and sends them. */
async function answerQuiz(page: Page, choices: [number, number]) {
  for (const [index, choice] of choices.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^Pregunta ${index + 1} de 2`) });
    await group.getByRole('radio').nth(choice).check();
  }
  await page.getByRole('button', { name: 'Enviar respuestas' }).click();
  await page.getByRole('heading', { name: 'Tu resultado' }).waitFor();
}

async function userId(email: string): Promise<string> {
  const [user] = await api.request<{ id: string }[]>(
    'GET',
    `/users?filter[email][_eq]=${encodeURIComponent(email)}&fields=id`,
  );
  return user!.id;
}

/** Makes the student's review items due now, as if the days had passed. */
async function makeDue(user: string) {
  // Review items are stored without purging Directus's response cache (decision 024): read them fresh.
  const rows = await api.request<{ id: string }[]>(
    'GET',
    `/items/review_items?filter[user][_eq]=${user}&fields=id`,
    undefined,
    {
      headers: { 'cache-control': 'no-store' },
    },
  );
  for (const row of rows)
    await api.request('PATCH', `/items/review_items/${row.id}`, {
      next_due: new Date(Date.now() - 1000).toISOString(),
    });
  return rows.length;
}

beforeAll(async () => {
  api = await adminApi();
});

afterAll(async () => {
  for (const remove of removals) await remove().catch(() => undefined);
});

describe('spaced review', () => {
  it('a missed question comes back in Repaso, is graded there with the keyboard, and shows no key before the quiz does', async () => {
    const course = await oneLessonCourse();
    // One attempt, key after passing: a failed attempt settles the quiz and keeps its key.
    const [quiz] = await api.request<{ id: string }[]>(
      'GET',
      `/items/quizzes?filter[course][_eq]=${course.id}&fields=id`,
    );
    await api.request('PATCH', `/items/quizzes/${quiz!.id}`, { max_attempts: 1 });
    const context = await newContext(browser());
    const page = await context.newPage();
    const student = await signUp(page, newStudent('Repaso'));
    await enrolIn(page, course.path);
    await answerQuiz(page, [0, 0]);

    // Missed, but not due until tomorrow.
    await page.goto('/repaso');
    await page.getByText('No tienes preguntas para repasar ahora.', { exact: true }).first().waitFor();
    await page.getByText(/^La siguiente vuelve el /).waitFor();

    expect(await makeDue(await userId(student.email))).toBe(2);
    await page.goto('/mis-cursos');
    await page.getByRole('link', { name: 'Repaso: 2 preguntas para hoy' }).click();
    await page.waitForURL('**/repaso');
    await page.getByText('Tienes 2 preguntas para repasar hoy.').waitFor();
    // Both came due at once: either may come first. The right options: B for the first, C for the second.
    const prompt = page.locator('#review-prompt');
    await prompt.waitFor();
    const firstPrompt = (await prompt.textContent())?.trim() ?? '';
    const right = (text: string) => (text === '¿Cuál es la primera?' ? 1 : 2);
    expect(['¿Cuál es la primera?', '¿Cuál es la segunda?']).toContain(firstPrompt);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'review-question');

    // Keyboard only: into the radio group, down to the right option, then the button.
    const options = page.getByRole('radio');
    await options.first().focus();
    for (let i = 0; i < right(firstPrompt); i += 1) await page.keyboard.press('ArrowDown');
    expect(await options.nth(right(firstPrompt)).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedText(page), FOCUS).toBe('¡Correcta! La verás más adelante.');
    await page.getByText(/^Vuelve el /).waitFor();
    expect(await page.getByText('Respuesta correcta:').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Siguiente pregunta' }).click();
    await page
      .getByRole('heading', {
        name: firstPrompt === '¿Cuál es la primera?' ? '¿Cuál es la segunda?' : '¿Cuál es la primera?',
      })
      .waitFor();
    await page.getByRole('radio').nth(0).check();
    await page.getByRole('button', { name: 'Comprobar' }).click();
    await expect.poll(() => focusedText(page), FOCUS).toBe('Incorrecta. Volverá mañana.');
    // The quiz is not passed: its policy (after passing) keeps the key, and so does the review.
    await page.getByText('La respuesta correcta se muestra cuando el cuestionario de la lección la muestre.').waitFor();
    expect(await page.getByText('Respuesta correcta:').count()).toBe(0);
    expect(await page.getByText('Explicación de prueba.').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Repasa la sección de la lección' }).getAttribute('href')).toBe(
      course.lessonPath,
    );
    await screenshot(page, 'review-answered');

    await page.getByRole('link', { name: 'Siguiente pregunta' }).click();
    await page.getByText('No tienes preguntas para repasar ahora.', { exact: true }).first().waitFor();

    // In English.
    await context.addCookies([{ name: 'aula_locale', value: 'en', url: inject('web').url }]);
    await page.goto('/repaso');
    await page.getByRole('heading', { name: 'Review', exact: true }).waitFor();
    await page.getByText('Nothing to review right now.').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('certificates', () => {
  it('a student finishes a course and downloads the PDF; a visitor verifies it; an administrator revokes it', async () => {
    const course = await oneLessonCourse();
    const context = await newContext(browser());
    const page = await context.newPage();
    const student = await signUp(page, newStudent('Lucía Pérez'));
    await enrolIn(page, course.path);
    await page.getByRole('button', { name: 'Marcar como leída' }).click();
    await page.getByText('Lección leída').first().waitFor();
    await answerQuiz(page, [1, 2]);
    await page.getByText('Cuestionario superado.').waitFor();

    await page.goto('/mis-cursos');
    await page.getByRole('link', { name: /^Ver el certificado/ }).click();
    await page.getByRole('heading', { name: 'Certificado de finalización' }).waitFor();
    const code = (await page.locator('.certificate code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    await page.getByText('Lucía Pérez', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'certificate-holder');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Descargar el PDF' }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Certificado de finalización: Lucía Pérez');
    expect(pdf.getSubject()).toBe(`Curso de prueba ${course.slug}`);
    expect(pdf.getKeywords()).toBe(code);
    // Only the holder: signed out, the PDF is refused.
    const visitor = await newContext(browser());
    const anon = await visitor.newPage();
    const refused = await anon.request.get(`/mis-cursos/certificado/${course.id}/pdf`);
    expect(refused.status()).toBe(401);

    // A signed-out visitor verifies it: name, course, date, valid — not the e-mail.
    const shown = await anon.goto(`/certificados/${code}`);
    expect(shown?.status()).toBe(200);
    await anon.getByRole('heading', { name: 'Comprobar un certificado' }).waitFor();
    await anon.getByText('Lucía Pérez', { exact: true }).waitFor();
    await anon.getByText(`Curso de prueba ${course.slug}`, { exact: true }).waitFor();
    await anon.getByText('Válido', { exact: true }).waitFor();
    expect(await anon.content()).not.toContain(student.email);
    expect(await anon.getByRole('button', { name: 'Revocar' }).count()).toBe(0);
    expect(await seriousViolations(anon)).toEqual([]);
    await screenshot(anon, 'certificate-verify');

    // An unknown code is a 404.
    const unknown = await anon.goto('/certificados/0000000000000000');
    expect(unknown?.status()).toBe(404);
    // So is a malformed one, not an error page.
    const malformed = await anon.goto('/certificados/%25');
    expect(malformed?.status()).toBe(404);

    // An administrator revokes it from the verification page, by keyboard.
    const adminContext = await newContext(browser());
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, inject('web').admin, `/certificados/${code}`);
    await adminPage.getByRole('heading', { name: 'Revocar este certificado' }).waitFor();
    await adminPage.getByLabel('Motivo').fill('Emitido por error');
    await adminPage.getByLabel('Motivo').press('Tab');
    await adminPage.keyboard.press('Enter');
    await adminPage.locator('.certificate__status--revoked').getByText('Revocado', { exact: true }).waitFor();

    // The visitor now reads "revoked", in Spanish and in English.
    await anon.goto(`/certificados/${code}`);
    await anon.locator('.certificate__status--revoked').getByText('Revocado', { exact: true }).waitFor();
    await anon.getByText(/^Este certificado fue revocado el /).waitFor();
    expect(await seriousViolations(anon)).toEqual([]);
    await visitor.addCookies([{ name: 'aula_locale', value: 'en', url: inject('web').url }]);
    await anon.goto(`/certificados/${code}`);
    await anon.getByRole('heading', { name: 'Check a certificate' }).waitFor();
    await anon.getByText('Revoked', { exact: true }).waitFor();
    expect(await seriousViolations(anon)).toEqual([]);
    await screenshot(anon, 'certificate-revoked-en');
    await Promise.all([context.close(), visitor.close(), adminContext.close()]);
  });
});
