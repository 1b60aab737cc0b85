import { type AnalyticsSeed, seedAnalyticsCourse } from '@aula/test-stack';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { signIn } from './student.ts';
import { EDITOR, STUDENT, tokenOf } from './studio-helpers.ts';

// Issue 17, analytics in the studio: a content manager reads the analytics of a course whose class
// history is seeded (@aula/test-stack's analytics-seed.ts: six students, two lessons, eight attempts,
// two tutor conversations) and every figure equals the hand computation written next to it; the
// tutor conversations are searched, filtered and read; students and signed-out visitors are kept out.

const browser = browserForFile();
let seed: AnalyticsSeed;
let page: Page;
const analytics = () => `/studio/cursos/${seed.courseId}/analitica`;
const web = () => inject('web').url;

beforeAll(async () => {
  seed = await seedAnalyticsCourse(inject('stack').databaseUrl);
  page = await (await newContext(browser())).newPage();
  await signIn(page, EDITOR, analytics());
});

/** The cells of each body row of a table, as text. */
const rows = (table: Locator) =>
  table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
const section = (id: string) => page.locator(`section[aria-labelledby="${id}"]`);

describe('the analytics of a course, in Spanish', () => {
  it('shows the hand-computed figures, each chart with its table', async () => {
    await page.getByRole('heading', { level: 1, name: 'Analítica del curso: Analítica de prueba' }).waitFor();
    // 6 enrolled, Ana finished; active minutes 60 85 20 70 30 10 → median (30 + 60) / 2 = 45.
    expect(await page.locator('.analytics__summary dd').allTextContents()).toEqual(['6', '1', '6', '45 min']);

    // Enrolments per day: 2 (2 March), 1 (3rd), 0 (4th), 3 (5th): four columns in the picture.
    const enrolments = section('matriculas');
    expect(await enrolments.getByRole('img', { name: 'Nuevas matrículas por día' }).locator('rect').count()).toBe(4);
    await enrolments.getByText('Ver los datos en una tabla').click();
    expect(await rows(enrolments.locator('table'))).toEqual([
      ['2026-03-02', '2'],
      ['2026-03-03', '1'],
      ['2026-03-04', '0'],
      ['2026-03-05', '3'],
    ]);

    // Funnel: lesson 1 done by 5 of 6 (83 %), median of 20 30 15 45 20 = 20 min; lesson 2 by 2 (33 %),
    // (25 + 40) / 2 = 32.5 min.
    expect(await rows(section('embudo').locator('table'))).toEqual([
      ['1. Variables', '5', '83 %', '20 min'],
      ['2. Bucles', '2', '33 %', '32,5 min'],
    ]);
    // Quizzes: 6 tried quiz 1 in 7 attempts, 4 passed (Ana, Bruno, Carla, Diego at his second try),
    // 3 at the first, mean first score (100 + 67 + 67 + 33 + 33 + 33) / 6 = 55.5; quiz 2: Ana 100, Bruno 50.
    expect(await rows(section('cuestionarios').locator('table'))).toEqual([
      ['1. Variables', '6', '7', '4', '67 %', '3', '55,5'],
      ['2. Bucles', '2', '2', '1', '50 %', '1', '75,0'],
    ]);
    expect(
      await section('cuestionarios')
        .getByRole('img', { name: /aprobaron cada cuestionario/ })
        .textContent(),
    ).toContain('67 % (4/6)');

    // Questions (first attempts): difficulty 5/6, 3/6, 2/6; discrimination −1/√85 = −0.108,
    // −0.5/√4.25 = −0.243, (1/3)/(4/3) = 0.25; choices A–D; quiz 2's questions have 2 answers only.
    const questions = await rows(section('preguntas').locator('table'));
    expect(questions.map((r) => r.slice(0, 4))).toEqual([
      ['1. Variables: pregunta 1', '6', '83 %', '-0,11'],
      ['1. Variables: pregunta 2', '6', '50 %', '-0,24'],
      ['1. Variables: pregunta 3', '6', '33 %', '0,25'],
      ['2. Bucles: pregunta 1', '2', '100 %', '—'],
      ['2. Bucles: pregunta 2', '2', '50 %', '—'],
    ]);
    expect(questions[0]?.[4]).toBe('A: 5 (correcta)B: 1C: 0D: 0');
    expect(questions[2]?.[4]).toBe('A: 1B: 0C: 2 (correcta)D: 3');
    expect(questions.map((r) => r[5])).toEqual([
      'Discrimina al revés',
      'Discrimina al revés',
      'Una opción incorrecta gana a la correcta',
      '—',
      '—',
    ]);
    await section('preguntas').getByText('3 preguntas parecen rotas.').waitFor();

    // Hotspots: "Tipos de datos" 3 + 4 wrong answers and Eva's question; "Qué es una variable" 1 and the
    // tutor's citation; "Repetir con while" Bruno's wrong answer and his question.
    const hotspots = section('puntos-dificultad');
    const table = hotspots.locator('table').last();
    expect((await rows(table)).map((r) => r.slice(0, 4))).toEqual([
      ['Tipos de datos', 'Variables', '7', '1'],
      ['Qué es una variable', 'Variables', '1', '1'],
      ['Repetir con while', 'Bucles', '1', '1'],
    ]);
    expect(
      await hotspots
        .getByRole('img', { name: /incorrectas y preguntas al tutor/ })
        .locator('rect')
        .count(),
    ).toBe(2 + 3 * 2);
    // Each hotspot links to its section and to its lesson in the review (named for screen readers too).
    const first = table.locator('tbody tr').first();
    expect(await first.getByRole('link', { name: 'Leer la sección: Tipos de datos' }).getAttribute('href')).toBe(
      `/cursos/${seed.courseSlug}/lecciones/variables#tipos-de-datos`,
    );
    const regenerate = first.getByRole('link', { name: 'Regenerar esta lección: Variables' });
    expect(await regenerate.getAttribute('href')).toBe(
      `/studio/cursos/${seed.courseId}#leccion-${seed.lessons[0]?.id}`,
    );

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-analytics');
  });

  it('takes the content manager from the hotspot to the lesson, where it can be regenerated', async () => {
    const hotspot = section('puntos-dificultad').locator('table').last().locator('tbody tr').first();
    await hotspot.getByRole('link', { name: 'Regenerar esta lección: Variables' }).click();
    await page.waitForURL((url) => url.pathname === `/studio/cursos/${seed.courseId}`);
    const lesson = page.locator(`#leccion-${seed.lessons[0]?.id}`);
    await lesson.getByRole('button', { name: 'Regenerar la lección' }).waitFor();
    await page.goto(analytics());
  });
});

describe('the tutor conversations review', () => {
  it('searches, filters and opens a conversation read-only', async () => {
    await page.getByRole('link', { name: 'Conversaciones con el tutor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Conversaciones con el tutor: Analítica de prueba' }).waitFor();
    await page.getByText('2 conversaciones').waitFor();
    await page.getByLabel('Marcadas').selectOption({ label: 'Solo marcadas' });
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.getByText('1 conversación', { exact: true }).waitFor();
    expect(await rows(page.locator('table'))).toEqual([
      ['TiposMarcada', 'Eva Prueba', 'Variables', '2', expect.any(String)],
    ]);
    await page.getByRole('link', { name: 'Quitar filtros' }).click();
    await page.getByLabel('Buscar en las conversaciones').fill('while');
    await page.getByLabel('Estudiante').selectOption({ label: 'Bruno Prueba' });
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'while');
    await page.getByText('1 conversación', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'While o for' }).click();
    await page.getByRole('heading', { level: 1, name: 'While o for' }).waitFor();
    const messages = page.locator('.analytics__message');
    expect(await messages.count()).toBe(2);
    expect(await messages.first().textContent()).toContain('¿Cuándo uso WHILE en vez de un bucle normal?');
    // Read-only: no form, no button, no text box.
    expect(await page.locator('main form, main button, main textarea').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('in English', () => {
  it('says the same figures in English', async () => {
    const context = await newContext(browser());
    const en = await context.newPage();
    await signIn(en, EDITOR, analytics());
    await context.addCookies([{ name: 'aula_locale', value: 'en', url: web() }]);
    await en.goto(analytics());
    await en.getByRole('heading', { level: 1, name: 'Course analytics: Analítica de prueba' }).waitFor();
    expect(await rows(en.locator('section[aria-labelledby="embudo"] table'))).toEqual([
      ['1. Variables', '5', '83%', '20 min'],
      ['2. Bucles', '2', '33%', '32.5 min'],
    ]);
    await en.getByText('3 questions look broken.').waitFor();
    await en.getByRole('heading', { name: 'Struggle hotspots' }).waitFor();
    expect(await seriousViolations(en)).toEqual([]);
    await en.goto(`${analytics()}/conversaciones?marcadas=si`);
    await en.getByText('1 conversation', { exact: true }).waitFor();
    expect(await seriousViolations(en)).toEqual([]);
    await context.close();
  });
});

describe('who may read them', () => {
  const paths = () => [
    analytics(),
    `${analytics()}/conversaciones`,
    `${analytics()}/conversaciones/${seed.conversations[0]?.id}`,
  ];

  it('sends students to the catalogue and signed-out visitors to sign in', async () => {
    const student = await tokenOf(STUDENT);
    for (const path of paths()) {
      const asStudent = await fetch(`${web()}${path}`, {
        headers: { cookie: `aula_access=${student}` },
        redirect: 'manual',
      });
      expect([303, 307], path).toContain(asStudent.status);
      expect(new URL(asStudent.headers.get('location') ?? '', web()).pathname).toBe('/');
      const anonymous = await fetch(`${web()}${path}`, { redirect: 'manual' });
      expect([303, 307], path).toContain(anonymous.status);
      expect(new URL(anonymous.headers.get('location') ?? '', web()).pathname).toBe('/entrar');
    }
  });

  it('answers a student 403 at the course API', async () => {
    const student = await tokenOf(STUDENT);
    for (const path of ['analytics', 'conversations', `conversations/${seed.conversations[0]?.id}`]) {
      const res = await fetch(`${inject('web').directusUrl}/aula/courses/${seed.courseId}/${path}`, {
        headers: { authorization: `Bearer ${student}` },
      });
      expect(res.status, path).toBe(403);
    }
  });
});
