import { outlineOf } from '@aula/testkit';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { signIn } from './student.ts';
import { EDITOR, generateCourse, tokenOf, waitForRun } from './studio-helpers.ts';
import { emulator } from './tutor-helpers.ts';

// Issue 17, "quizzes checked before review": the model writes a quiz with a repeated question and an
// explanation the lesson does not support, and its one fix call answers the same again. The real
// workers keep the flags, and the content manager sees each one, with its reason, in the review.

const browser = browserForFile();
let page: Page;
let courseId = '';
const TITLE = 'Presupuesto con red de seguridad';

const markdown = `Un presupuesto ordena el dinero de cada mes y te ayuda a decidir mejor.

## Ingresos y gastos

Anota tus ingresos: el sueldo y cualquier otro dinero que recibes. Después anota los gastos fijos, como el
alquiler, y los gastos variables, como la comida o el ocio.

## El fondo de emergencia

Guarda cada mes una parte de tus ingresos hasta reunir tres meses de gastos. Ese ahorro te protege ante
imprevistos, como una avería o una factura médica.
`;
const sound = [
  {
    prompt: '¿Para qué sirve un fondo de emergencia?',
    options: ['Para el ocio del mes', 'Para protegerte ante imprevistos', 'Para invertir en bolsa', 'Para el alquiler'],
    correctOption: 1,
    explanation: 'El fondo de emergencia es un ahorro de tres meses de gastos que te protege ante imprevistos.',
    lessonSection: 'el-fondo-de-emergencia',
  },
  {
    prompt: '¿Cuál de estos es un gasto variable?',
    options: ['La comida', 'El alquiler', 'El sueldo', 'Un ingreso extra'],
    correctOption: 0,
    explanation: 'Los gastos variables cambian cada mes, como la comida o el ocio; el alquiler es un gasto fijo.',
    lessonSection: 'ingresos-y-gastos',
  },
];
const broken = [
  { ...sound[0]!, prompt: '¿Un fondo de emergencia sirve para qué?', correctOption: 1 },
  {
    prompt: '¿Qué rentabilidad dan las criptomonedas?',
    options: ['Un 1 %', 'Un 5 %', 'El doble cada año', 'Nada en absoluto'],
    correctOption: 2,
    explanation: 'Según los expertos financieros, las criptomonedas duplican su valor cada año en los mercados.',
    lessonSection: 'criptomonedas',
  },
];

beforeAll(async () => {
  const emu = emulator();
  const model = inject('generationModel');
  await emu.reset();
  await emu.script({ model, body: /instructional designer/ }, { json: outlineOf(1, TITLE) });
  await emu.script({ model, body: /write one lesson/ }, { json: { markdown } });
  await emu.script({ model, body: /multiple-choice quiz/ }, { json: { questions: [...sound, ...broken] } });
  await emu.script({ model, body: /You rewrite some questions/ }, { json: { questions: broken } });
  const token = await tokenOf(EDITOR);
  const { runId } = await generateCourse(token, { topic: 'Presupuesto', lessonCount: 1 });
  const run = await waitForRun(token, runId, 120_000);
  expect(run.status).toBe('completed');
  courseId = run.courseId ?? '';
  page = await (await newContext(browser())).newPage();
  await signIn(page, EDITOR, `/studio/cursos/${courseId}`);
}, 150_000);

const questions = () => page.locator('.review__questions > li');

describe('a generated quiz that failed its checks, in review', () => {
  it('shows each flagged question with its reasons, in Spanish, and nothing on the sound ones', async () => {
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page
      .getByText('2 preguntas no pasaron las comprobaciones automáticas; revísalas antes de publicar.')
      .waitFor();
    expect(await questions().count()).toBe(4);
    for (const n of [0, 1]) expect(await questions().nth(n).locator('.review__flags').count()).toBe(0);

    const repeated = questions().nth(2).getByRole('note');
    expect(await repeated.locator('p').textContent()).toBe(
      'Revisa esta pregunta: no pasó las comprobaciones automáticas',
    );
    expect(await repeated.locator('li').allTextContents()).toEqual(['Pregunta lo mismo que la pregunta 1.']);

    const ungrounded = await questions().nth(3).getByRole('note').locator('li').allTextContents();
    expect(ungrounded).toHaveLength(2);
    expect(ungrounded[0]).toBe('No remite a ninguna sección de la lección.');
    expect(ungrounded[1]).toMatch(
      /^La explicación dice cosas que no están en la lección \(solo el \d+ % de sus palabras/,
    );
    expect(await questions().nth(3).getByRole('note').getAttribute('lang')).toBe('es');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'quiz-checks-flags-es');
  });

  it('says the same in English for a reviewer who reads English', async () => {
    await page.context().addCookies([{ name: 'aula_locale', value: 'en', url: inject('web').url }]);
    try {
      await page.reload();
      await page.getByText('2 questions did not pass the automatic checks; review them before publishing.').waitFor();
      const repeated = questions().nth(2).getByRole('note');
      expect(await repeated.locator('p').textContent()).toBe(
        'Check this question: it did not pass the automatic checks',
      );
      expect(await repeated.locator('li').allTextContents()).toEqual(['It asks what question 1 asks.']);
      const ungrounded = await questions().nth(3).getByRole('note').locator('li').allTextContents();
      expect(ungrounded[0]).toBe('It points at no section of the lesson.');
      expect(ungrounded[1]).toMatch(/^The explanation says things the lesson does not \(only \d+ % of its words/);
      // The question is in the course's language, the flags in the reviewer's.
      expect(await questions().nth(3).getByRole('note').getAttribute('lang')).toBe('en');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'quiz-checks-flags-en');
    } finally {
      await page.context().addCookies([{ name: 'aula_locale', value: 'es', url: inject('web').url }]);
      await page.reload();
    }
  });

  it('an edit of the question clears its flags: a person has rewritten it', async () => {
    const question = questions().nth(2);
    await question.getByRole('button', { name: 'Editar la pregunta' }).click();
    const form = question.getByRole('group', { name: 'Editar la pregunta' });
    await form.getByLabel('Enunciado').fill('¿Qué gastos conviene anotar primero?');
    await form.getByRole('button', { name: 'Guardar', exact: true }).click();
    await question.getByText('Cambios guardados.').waitFor();
    expect(await question.getByRole('note').count()).toBe(0);
    await page.reload();
    await page.getByText('1 pregunta no pasó las comprobaciones automáticas; revísala antes de publicar.').waitFor();
    expect(await questions().nth(2).getByRole('note').count()).toBe(0);
    expect(await questions().nth(3).getByRole('note').count()).toBe(1);
  });
});
