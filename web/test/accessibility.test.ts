import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserForFile, newContext, seriousViolations } from './browser.ts';
import { answerQuiz, DEMO_PATH, enrol, signUp } from './student.ts';

// axe-core, injected into each page in Chromium: no serious or critical violation anywhere a student goes.

const browser = browserForFile();
let page: Page;

beforeAll(async () => {
  page = await (await newContext(browser())).newPage();
});

async function expectAccessible(what: string) {
  const violations = await seriousViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe('axe-core finds no serious or critical violation', () => {
  it('on the catalogue, the course page and the sign-up form (signed out)', async () => {
    await page.goto('/');
    await expectAccessible('catalogue');
    await page.goto(DEMO_PATH);
    await expectAccessible('course page, signed out');
    await page.goto('/registro');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByRole('alert').getByText('Revisa los campos marcados.').waitFor();
    await expectAccessible('sign-up form with errors');
  });

  it('on My courses (empty), the course page, the lesson and its quiz (signed in)', async () => {
    await signUp(page);
    await expectAccessible('my courses, empty');
    await page.goto(DEMO_PATH);
    await expectAccessible('course page, not enrolled');
    await enrol(page, DEMO_PATH);
    await expectAccessible('lesson');
    await page.getByRole('button', { name: 'Enviar respuestas' }).click();
    await page.getByText('Responde todas las preguntas antes de enviar.').waitFor();
    await expectAccessible('quiz with unanswered questions');
    await answerQuiz(page, () => 0);
    await page.getByRole('heading', { name: 'Tu resultado' }).waitFor();
    await expectAccessible('quiz result');
    await page.goto('/mis-cursos');
    await expectAccessible('my courses');
    await page.goto(DEMO_PATH);
    await expectAccessible('course page, enrolled');
  });

  it('in dark mode too: lesson, quiz result, course page', async () => {
    const dark = await (await newContext(browser(), { colorScheme: 'dark' })).newPage();
    page = dark;
    await signUp(page);
    await enrol(page, DEMO_PATH);
    await expectAccessible('lesson, dark');
    await answerQuiz(page, () => 3);
    await page.getByRole('heading', { name: 'Tu resultado' }).waitFor();
    await expectAccessible('quiz result, dark');
    await page.goto(DEMO_PATH);
    await expectAccessible('course page, dark');
  });
});
