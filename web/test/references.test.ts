import { createServer } from 'node:http';
import { createGenerationQueue, RECHECK_REFERENCES_JOB } from '@aula/jobs';
import { type Listening, listenOnLoopback } from '@aula/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AdminApi, adminApi, createCourse } from './admin.ts';
import { browserForFile, newContext, seriousViolations } from './browser.ts';
import { PHONE } from './phone.ts';
import { enrol, signIn, signUp } from './student.ts';
import { EDITOR } from './studio-helpers.ts';

// "Para saber más" below a lesson, in Chromium: only the checked, working references, safe links that
// open in a new tab, and a reference that breaks is gone after the workers' re-check.

const browser = browserForFile();
let site: Listening;
let gone = false;
let api: AdminApi;
let course: Awaited<ReturnType<typeof createCourse>>;
let context: BrowserContext;
let page: Page;
let lessonPath = '';
const refs: Record<string, string> = {};
let others: {
  id: string;
  check_status: string | null;
  check_reason: string | null;
  checked_at: string | null;
  broken_since: string | null;
}[] = [];

const html = (title: string) =>
  `<!doctype html><html lang="es"><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;

beforeAll(async () => {
  site = await listenOnLoopback(
    createServer((req, res) => {
      if (req.url === '/rota' || (req.url === '/cambia' && gone))
        return void res.writeHead(404, { 'content-type': 'text/html' }).end(html('No existe'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(`Página ${req.url}`));
    }),
  );
  api = await adminApi();
  others = await api.request(
    'GET',
    '/items/lesson_references?filter[lesson][course][status][_eq]=published&fields=id,check_status,check_reason,checked_at,broken_since&limit=-1',
  );
  course = await createCourse(api, {
    status: 'published',
    lessons: [{ slug: 'lectura', title: 'Lección con lecturas', body: '## Empezamos\n\nTexto de la lección.' }],
  });
  const [lesson] = await api.request<{ id: string }[]>(
    'GET',
    `/items/lessons?filter[course][_eq]=${course.id}&fields=id`,
  );
  lessonPath = `/cursos/${course.slug}/lecciones/lectura`;
  const add = async (key: string, url: string, title: string, check_status: string, sort: number) => {
    refs[key] = (
      await api.request<{ id: string }>('POST', '/items/lesson_references', {
        lesson: lesson?.id,
        url,
        title,
        snippet: `Por qué: ${title}.`,
        sort,
        check_status,
      })
    ).id;
  };
  await add('ok', `${site.url}/guia`, 'Guía comprobada', 'ok', 1);
  await add('changes', `${site.url}/cambia`, 'Página que se romperá', 'ok', 2);
  await add('markup', `${site.url}/marcado`, '<img src=x onerror="window.__xss=1"> Título con marcas', 'ok', 3);
  await add('script', 'javascript:window.__xss=1', 'Enlace peligroso', 'ok', 4);
  await add('unchecked', `${site.url}/sin-comprobar`, 'Sin comprobar', 'unchecked', 5);
  await add('broken', `${site.url}/rota`, 'Ya rota', 'broken', 6);
  context = await newContext(browser());
  page = await context.newPage();
  await signUp(page);
  await enrol(page, `/cursos/${course.slug}`);
});

afterAll(async () => {
  await context?.close();
  await course?.remove();
  // The re-check went over every published course (the demo course's links fail here: no network).
  for (const { id, ...was } of others) await api.request('PATCH', `/items/lesson_references/${id}`, was);
  await site?.stop();
});

const readings = () => page.getByRole('region', { name: /^(Para saber más|Further reading)$/ });

describe('further reading below a lesson', () => {
  it('lists the checked, working references with title, site and why, in Spanish', async () => {
    expect(new URL(page.url()).pathname).toBe(lessonPath);
    await expect.poll(() => readings().getByRole('heading', { level: 2 }).textContent()).toBe('Para saber más');
    const links = readings().getByRole('link');
    expect(await links.allTextContents()).toEqual([
      'Guía comprobada (se abre en una pestaña nueva)',
      'Página que se romperá (se abre en una pestaña nueva)',
      '<img src=x onerror="window.__xss=1"> Título con marcas (se abre en una pestaña nueva)',
    ]);
    for (const link of await links.all()) {
      expect(await link.getAttribute('target')).toBe('_blank');
      expect((await link.getAttribute('rel'))?.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
      expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
    const text = (await readings().textContent()) ?? '';
    expect(text).toContain('Por qué: Guía comprobada.');
    expect(text).toContain('127.0.0.1');
    for (const hidden of ['Sin comprobar', 'Ya rota', 'Enlace peligroso']) expect(text).not.toContain(hidden);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('opens a reference in a new tab that cannot reach the lesson', async () => {
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      readings()
        .getByRole('link', { name: /^Guía comprobada/ })
        .click(),
    ]);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).toBe(`${site.url}/guia`);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    expect(await tab.evaluate(() => document.referrer)).toBe('');
    expect(page.url()).toContain(lessonPath);
    await tab.close();
  });

  it('has no serious accessibility violation at 1280 px and 390 px', async () => {
    for (const size of [{ width: 1280, height: 900 }, PHONE]) {
      await page.setViewportSize(size);
      await readings().waitFor();
      const violations = await seriousViolations(page);
      expect(violations, `${size.width} px: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('speaks English to an English reader', async () => {
    await context.addCookies([{ name: 'aula_locale', value: 'en', url: inject('web').url }]);
    await page.goto(lessonPath);
    await expect.poll(() => readings().getByRole('heading', { level: 2 }).textContent()).toBe('Further reading');
    expect(await readings().getByRole('link').first().textContent()).toBe('Guía comprobada (opens in a new tab)');
    await context.clearCookies({ name: 'aula_locale' });
  });

  it('drops a reference that breaks once the workers re-check, and keeps the working ones', {
    timeout: 90_000,
  }, async () => {
    gone = true;
    const { redisUrl, redisPrefix } = inject('stack');
    const queue = createGenerationQueue({ redisUrl, prefix: redisPrefix });
    try {
      await queue.queue.add(RECHECK_REFERENCES_JOB, {});
    } finally {
      await queue.close();
    }
    await expect
      .poll(
        async () =>
          await api.request<{ check_status: string; check_reason: string }>(
            'GET',
            `/items/lesson_references/${refs.changes}?fields=check_status,check_reason`,
          ),
        { timeout: 30_000, interval: 250 },
      )
      .toEqual({ check_status: 'broken', check_reason: 'http_error 404' });
    // The site may serve the lesson it read up to READ_CACHE_TTL_MS (30 s) ago; then the link is gone.
    await expect
      .poll(
        async () => {
          await page.goto(lessonPath);
          return readings().getByRole('link').allTextContents();
        },
        { timeout: 45_000, interval: 1_000 },
      )
      .toEqual([
        'Guía comprobada (se abre en una pestaña nueva)',
        '<img src=x onerror="window.__xss=1"> Título con marcas (se abre en una pestaña nueva)',
        // Checked now, and it works.
        'Sin comprobar (se abre en una pestaña nueva)',
      ]);
    const still = await api.request('GET', `/items/lesson_references/${refs.broken}?fields=check_status,check_reason`);
    expect(still).toEqual({ check_status: 'broken', check_reason: 'http_error 404' });
  });

  it('lists in the studio review, apart, the references hidden as broken', async () => {
    const editor = await (await newContext(browser())).newPage();
    await signIn(editor, EDITOR, `/studio/cursos/${course.id}`);
    const broken = editor.getByRole('heading', { name: 'Ocultas a los estudiantes: enlaces rotos' });
    await broken.waitFor();
    const items = await editor.locator('.review__broken li').allTextContents();
    // In lesson order: the one that broke, the javascript: link the checker refused, the one broken before.
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(
      /^Página que se romperá \(http:\/\/127\.0\.0\.1:\d+\/cambia\) — no funciona \(http_error 404\) · desde el \d{4}-\d\d-\d\d$/,
    );
    expect(items[1]).toMatch(/^Enlace peligroso \(javascript:window\.__xss=1\) — no funciona \(unsupported_scheme\)/);
    expect(items[2]).toMatch(/^Ya rota .*no funciona \(http_error 404\)/);
    expect(await editor.locator('.review__broken a').count()).toBe(0);
    const violations = await seriousViolations(editor);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await editor.context().close();
  });
});
