import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, createCourse } from './admin.ts';
import { browserForFile, foreignRequests, newContext } from './browser.ts';
import { enrol, signUp } from './student.ts';

// Lesson content is written by AI workers and edited by people: it must never run in a student's browser.

const BODY = `Una lección con trampas.

<script>window.__xss=1</script>

<img src=x onerror="window.__xss=2">

[x](javascript:window.__xss=3)

<iframe src="javascript:window.__xss=4"></iframe>

<a href="javascript:window.__xss=5">y</a> <a href="data:text/html,<script>parent.__xss=6</script>">z</a>

<p onmouseover="window.__xss=7" style="position:fixed;inset:0">encima</p>

<svg onload="window.__xss=8"><script>window.__xss=9</script></svg>

![rastreo](https://evil.example/pixel.png)

## Sección normal

Texto normal.
`;

// A model's malformed HTML: each of these once swallowed everything after it (the later sections vanished).
const UNCLOSED = `Introducción visible.

<div class="nota"

<script>

<textarea>

<!-- un comentario sin cierre

<title>

## Segunda sección

Esta frase debe verse.
`;

const browser = browserForFile();
let page: Page;
let course: Awaited<ReturnType<typeof createCourse>>;
let offSite: string[] = [];

beforeAll(async () => {
  course = await createCourse(await adminApi(), {
    status: 'published',
    lessons: [
      { slug: 'trampas', title: 'Lección con trampas', body: BODY },
      { slug: 'sin-cierre', title: 'Lección con etiquetas sin cerrar', body: UNCLOSED },
    ],
  });
  const context = await newContext(browser());
  page = await context.newPage();
  offSite = foreignRequests(page);
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await signUp(page);
  await enrol(page, `/cursos/${course.slug}`);
});
afterAll(async () => {
  await course?.remove();
});

describe('a lesson whose Markdown carries scripts', () => {
  it('renders as a lesson, with nothing of them left in the DOM', async () => {
    expect(new URL(page.url()).pathname).toBe(`/cursos/${course.slug}/lecciones/trampas`);
    await page.locator('#lesson-body h2#seccion-normal').waitFor();
    const found = await page.evaluate(() => {
      const body = document.getElementById('lesson-body')!;
      const all = [...body.querySelectorAll('*')];
      return {
        scripts: body.querySelectorAll('script').length,
        iframes: document.querySelectorAll('iframe, object, embed, frame').length,
        svgs: body.querySelectorAll('svg').length,
        images: body.querySelectorAll('img').length,
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        styles: all.filter((el) => el.hasAttribute('style')).length,
        hrefs: [...body.querySelectorAll('[href], [src]')].map(
          (el) => el.getAttribute('href') ?? el.getAttribute('src'),
        ),
      };
    });
    expect(found).toEqual({ scripts: 0, iframes: 0, svgs: 0, images: 0, handlers: [], styles: 0, hrefs: [] });
  });

  it('runs none of them, even when the student clicks the links', async () => {
    const body = page.locator('#lesson-body');
    // The Markdown link is left as text by the renderer, and so is the raw HTML of the others.
    await body.getByText('[x](javascript:window.__xss=3)').click();
    await body.getByText('<a href="javascript:window.__xss=5">y</a>').click();
    await body.getByText('encima').hover();
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe(`/cursos/${course.slug}/lecciones/trampas`);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(offSite).toEqual([]);
  });
});

describe('a lesson whose Markdown leaves tags unclosed', () => {
  it('still shows the sections after them, the tags as text', async () => {
    await page.goto(`/cursos/${course.slug}/lecciones/sin-cierre`);
    const body = page.locator('#lesson-body');
    await body.locator('h2#segunda-seccion').waitFor({ state: 'visible' });
    expect(await body.getByText('Esta frase debe verse.').isVisible()).toBe(true);
    for (const text of ['<div class="nota"', '<script>', '<textarea>', '<!-- un comentario sin cierre', '<title>'])
      expect(await body.getByText(text, { exact: true }).isVisible()).toBe(true);
    expect(
      await page.evaluate(() => document.querySelectorAll('#lesson-body script, #lesson-body textarea').length),
    ).toBe(0);
    expect(await page.title()).not.toBe('');
  });

  it("is remembered as the last lesson of the student's enrolment (through the course API)", async () => {
    const api = await adminApi();
    const deadline = Date.now() + 10_000;
    let last: string | undefined;
    while (Date.now() < deadline) {
      const [enrolment] = await api.request<{ last_lesson: { slug: string } | null }[]>(
        'GET',
        `/items/enrollments?filter[course][_eq]=${course.id}&fields=last_lesson.slug`,
      );
      last = enrolment?.last_lesson?.slug;
      if (last === 'sin-cierre') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(last).toBe('sin-cierre');
  });
});
