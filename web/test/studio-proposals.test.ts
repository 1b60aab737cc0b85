import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { unique } from './admin.ts';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { FOCUS, focusedText, signIn } from './student.ts';
import { EDITOR, scriptCourse, tokenOf, waitForRun } from './studio-helpers.ts';
import { emulator } from './tutor-helpers.ts';

// Topic proposals in Chromium: the course API's trend scan (its LLM call answered by the provider
// emulator) stores three; the content manager reads them, dismisses one, accepts one and lands on
// its run, and is told in plain words when someone else decided first.

const browser = browserForFile();
let page: Page;
let editorToken = '';
const tag = unique('p').slice(2);
const BEST = `Entender la ley europea de IA ${tag}`;
const MIDDLE = `Privacidad de datos para pymes ${tag}`;
const LAST = `Cocina de temporada ${tag}`;
const url = (slug: string) => `https://noticias.example/${slug}-${tag}`;
const ids: Record<string, string> = {};

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${inject('web').directusUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${editorToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

/** Three proposals through the real scan: the emulator answers its one LLM call. */
async function scan() {
  const emu = emulator();
  await emu.reset();
  const proposal = (title: string, score: number, link: string) => ({
    title,
    audience: 'Personas adultas que empiezan',
    whyNow: `Porque ${title} está en todas las noticias esta semana.`,
    sourceLinks: [link],
    score,
  });
  await emu.script(
    { model: inject('generationModel'), body: /trend_items/ },
    {
      json: {
        proposals: [
          proposal(MIDDLE, 0.6, url('privacidad')),
          proposal(BEST, 0.9, url('ley-ia')),
          proposal(LAST, 0.4, url('cocina')),
        ],
      },
    },
  );
  const items = ['ley-ia', 'privacidad', 'cocina'].map((slug) => ({
    title: `Titular sobre ${slug} ${tag}`,
    url: url(slug),
    source: 'Noticias',
  }));
  const res = await call('POST', '/aula/proposals/scan', { items, language: 'es' });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  for (const stored of res.json.proposals) ids[stored.title] = stored.id;
  expect(Object.keys(ids).sort()).toEqual([BEST, LAST, MIDDLE].sort());
}

const card = (title: string) => page.getByRole('article', { name: title });

beforeAll(async () => {
  page = await (await newContext(browser())).newPage();
  editorToken = await tokenOf(EDITOR);
  await scan();
  await signIn(page, EDITOR, '/studio');
});

describe('topic proposals in the studio', () => {
  it('lists the new proposals best first, with audience, language, why now, score and their sources', async () => {
    await page.getByRole('link', { name: 'Propuestas', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/studio/propuestas');
    await page.getByRole('heading', { level: 1, name: 'Propuestas de temas' }).waitFor();
    expect(await page.getByRole('link', { name: 'Nuevas' }).getAttribute('aria-current')).toBe('page');
    const titles = await page.locator('.proposal h3').allTextContents();
    expect(titles).toEqual([BEST, MIDDLE, LAST]);
    const best = card(BEST);
    await best.getByText('Personas adultas que empiezan').waitFor();
    await best.getByText('Español', { exact: true }).waitFor();
    await best.getByText('90 de 100').waitFor();
    await best.getByText(`Porque ${BEST} está en todas las noticias esta semana.`).waitFor();
    const source = best.getByRole('link', { name: new RegExp(url('ley-ia')) });
    expect(await source.getAttribute('href')).toBe(url('ley-ia'));
    expect(await source.getAttribute('target')).toBe('_blank');
    expect(await source.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-proposals');
  });

  it('says beside the field when the lesson count is not 1 to 20, and requests nothing', async () => {
    const best = card(BEST);
    const field = best.getByLabel('Número de lecciones');
    await field.fill('25');
    await best.getByRole('button', { name: 'Aceptar y pedir el curso' }).click();
    await best.getByText('Escribe un número entero de lecciones, de 1 a 20.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')), FOCUS)
      .toBe('lessonCount');
    const still = await call('GET', '/aula/proposals?status=new');
    expect(still.json.proposals.map((p: { title: string }) => p.title)).toContain(BEST);
  });

  it('dismisses one from the keyboard: gone from the list, announced, focus on the next', async () => {
    await card(MIDDLE).getByRole('button', { name: 'Descartar' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`Propuesta «${MIDDLE}» descartada.`).waitFor();
    expect(await card(MIDDLE).count()).toBe(0);
    await expect.poll(() => focusedText(page), FOCUS).toBe(LAST);
    // Kept, among the dismissed (so later scans recognise it), with nothing left to decide.
    await page.getByRole('link', { name: 'Descartadas' }).click();
    await page.waitForURL(/estado=dismissed/);
    await card(MIDDLE).waitFor();
    expect(await card(MIDDLE).getByRole('button').count()).toBe(0);
    await page.getByRole('link', { name: 'Nuevas' }).click();
    await page.waitForURL((u) => u.pathname === '/studio/propuestas' && !u.search);
    expect(await page.locator('.proposal h3').allTextContents()).toEqual([BEST, LAST]);
  });

  it('accepts one with a lesson count: the course is requested and its run page opens', async () => {
    await scriptCourse({ lessons: 2, title: BEST, delayMs: 0 });
    const best = card(BEST);
    await best.getByLabel('Número de lecciones').fill('2');
    await best.getByLabel('Nivel').selectOption('intermediate');
    await best.getByRole('button', { name: 'Aceptar y pedir el curso' }).click();
    await page.waitForURL(/\/studio\/runs\/[0-9a-f-]{36}$/);
    const runId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByRole('progressbar', { name: 'Progreso de la generación' }).waitFor();
    const run = await waitForRun(editorToken, runId);
    expect(run.status).toBe('completed');
    const asked = await call('GET', `/aula/runs/${runId}`);
    expect(asked.json.request).toMatchObject({ kind: 'course', topic: BEST, lessonCount: 2, level: 'intermediate' });
    const accepted = await call('GET', '/aula/proposals?status=accepted');
    const mine = accepted.json.proposals.find((p: { id: string }) => p.id === ids[BEST]);
    expect(mine?.courseId).toBe(run.courseId);
    // Among the accepted, with a way to its course.
    await page.goto('/studio/propuestas?estado=accepted');
    expect(await card(BEST).getByRole('link', { name: 'Revisar el curso' }).getAttribute('href')).toBe(
      `/studio/cursos/${run.courseId}`,
    );
  });

  it('says in plain words when someone else decided first, then shows the empty list', async () => {
    await page.goto('/studio/propuestas');
    await card(LAST).waitFor();
    // Another content manager dismisses it meanwhile.
    expect((await call('POST', `/aula/proposals/${ids[LAST]}/dismiss`, {})).status).toBe(200);
    await card(LAST).getByRole('button', { name: 'Aceptar y pedir el curso' }).click();
    await card(LAST)
      .getByRole('alert')
      .getByText('Otra persona ya ha aceptado o descartado esta propuesta.', { exact: false })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/studio/propuestas');
    await page.reload();
    await page.getByText('No hay propuestas nuevas. El análisis de tendencias añadirá más.').waitFor();
    expect(await page.locator('.proposal').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
