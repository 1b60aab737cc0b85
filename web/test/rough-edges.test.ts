import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AdminApi, adminApi, unique } from './admin.ts';
import { browserForFile, newContext, seriousViolations } from './browser.ts';
import { DEMO_PATH, enrol, signIn, signUp } from './student.ts';
import { EDITOR } from './studio-helpers.ts';

// The last rough edges, in Chromium: a favicon and no console error on every page, no layout shift
// after load (CLS), the first visit in the browser's language until the person chooses, and the course
// API's refusals as full sentences in the UI's language.

const browser = browserForFile();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Console errors and uncaught exceptions of `page` (a 404 of any resource shows up here too). */
function consoleErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => seen.push(error.message));
  return seen;
}

/** The page's favicon: the `<link rel="icon">` it declares, fetched in the page. */
async function favicon(page: Page): Promise<{ href: string; status: number; type: string }[]> {
  return page.evaluate(async () => {
    const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')];
    return Promise.all(
      links.map(async (link) => {
        const res = await fetch(link.href);
        return {
          href: link.getAttribute('href') ?? '',
          status: res.status,
          type: res.headers.get('content-type') ?? '',
        };
      }),
    );
  });
}

/**
 * Cumulative layout shift of the page so far (layout-shift entries, buffered, without those right
 * after an input), once the page has loaded and settled.
 */
async function cumulativeLayoutShift(page: Page): Promise<number> {
  await page.waitForLoadState('networkidle');
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!entry.hadRecentInput) total += entry.value;
        });
        observer.observe({ type: 'layout-shift', buffered: true });
        // The buffered entries arrive in the observer's next task; two frames later they are all in.
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            setTimeout(() => {
              for (const entry of observer.takeRecords() as (PerformanceEntry & {
                value: number;
                hadRecentInput: boolean;
              })[])
                if (!entry.hadRecentInput) total += entry.value;
              observer.disconnect();
              resolve(total);
            }, 0),
          ),
        );
      }),
  );
}

describe('every page has a favicon and no console error', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await newContext(browser());
  });
  afterAll(async () => {
    await context.close();
  });

  it('/favicon.ico, the SVG icon and the web manifest are served', async () => {
    const { url } = inject('web');
    const ico = await fetch(`${url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    const svg = await fetch(`${url}/icon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const manifest = await fetch(`${url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    const body = (await manifest.json()) as { name: string; short_name: string; icons: { src: string }[] };
    expect(body.short_name).toBe('Aula');
    for (const icon of body.icons) expect((await fetch(new URL(icon.src, url))).status).toBe(200);
  });

  it('on the catalogue, a course page, sign-in, a lesson and the studio', async () => {
    const page = await context.newPage();
    const errors = consoleErrors(page);
    const visit = async (path: string, what: string) => {
      if (path) await page.goto(path);
      const icons = await favicon(page);
      expect(icons.length, `${what}: a <link rel="icon">`).toBeGreaterThan(0);
      for (const icon of icons) {
        expect(icon.status, `${what}: ${icon.href}`).toBe(200);
        expect(icon.type, `${what}: ${icon.href}`).toMatch(/^image\//);
      }
      expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
      expect(errors, `${what}: ${errors.join(' | ')}`).toEqual([]);
    };
    await visit('/', 'catalogue');
    await visit(DEMO_PATH, 'course page');
    await visit('/entrar', 'sign in');
    await signUp(page);
    await enrol(page, DEMO_PATH);
    await visit('', 'lesson');
    const staff = await (await newContext(browser())).newPage();
    const staffErrors = consoleErrors(staff);
    await signIn(staff, EDITOR, '/studio');
    await staff.getByRole('heading', { level: 1 }).first().waitFor();
    expect((await favicon(staff)).map((icon) => icon.status)).toContain(200);
    expect(staffErrors, `studio: ${staffErrors.join(' | ')}`).toEqual([]);
    await staff.context().close();
  });
});

describe('no layout shift after load (CLS ≤ 0.05), and axe-clean, at 390 px and 1280 px', () => {
  it('the measurement sees a shift when there is one', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    // Content pushed down by something that appears above it, as a late banner would.
    await page.evaluate(() => {
      const banner = document.createElement('div');
      banner.style.height = '300px';
      document.querySelector('main')?.prepend(banner);
    });
    expect(await cumulativeLayoutShift(page)).toBeGreaterThan(0.05);
    await context.close();
  });

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('on the catalogue, a course page and a lesson (%s)', async (_name, viewport) => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    const measured: Record<string, number> = {};
    await page.goto('/');
    measured.catalogue = await cumulativeLayoutShift(page);
    expect(await seriousViolations(page), `catalogue at ${viewport.width} px`).toEqual([]);
    await page.goto(DEMO_PATH);
    measured.course = await cumulativeLayoutShift(page);
    expect(await seriousViolations(page), `course page at ${viewport.width} px`).toEqual([]);
    await signUp(page);
    await enrol(page, DEMO_PATH);
    // A fresh document load of the lesson (streamed behind its loading state), as a reader arriving from a link.
    await page.goto(page.url());
    await page.locator('#lesson-body').waitFor();
    measured.lesson = await cumulativeLayoutShift(page);
    console.info(`CLS (${_name}): ${JSON.stringify(measured)}`);
    for (const [what, value] of Object.entries(measured)) expect(value, `${what}: ${value}`).toBeLessThanOrEqual(0.05);
    expect(await seriousViolations(page), `lesson at ${viewport.width} px`).toEqual([]);
    await context.close();
  });
});

describe('the UI language', () => {
  it('an English browser gets English on the first visit; a chosen language sticks', async () => {
    const context = await newContext(browser(), { locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { level: 1, name: 'Course catalogue' }).waitFor();
    await page.goto(DEMO_PATH);
    await page.getByRole('heading', { name: 'Course outline' }).waitFor();
    // The person chooses Spanish: it sticks, whatever the browser asks for.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Contenido del curso' }).waitFor();
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('heading', { level: 1, name: 'Catálogo de cursos' }).waitFor();
    await context.close();
  });

  it('a Spanish browser, and one asking for neither language, get Spanish', async () => {
    for (const locale of ['es-ES', 'fr-FR']) {
      const context = await newContext(browser(), { locale });
      const page = await context.newPage();
      await page.goto('/');
      expect(await page.locator('html').getAttribute('lang'), locale).toBe('es');
      await context.close();
    }
  });
});

describe('a refusal of the course API', () => {
  let api: AdminApi;
  let courseId = '';
  beforeAll(async () => {
    api = await adminApi();
    // A course without lessons: the course API refuses to publish it (409 CONFLICT, an English message).
    const slug = unique('sin-lecciones');
    courseId = (
      await api.request<{ id: string }>('POST', '/items/courses', {
        title: `Curso sin lecciones ${slug}`,
        slug,
        status: 'in_review',
        language: 'es',
        level: 'beginner',
      })
    ).id;
  });
  afterAll(async () => {
    if (courseId) await api.request('DELETE', `/items/courses/${courseId}`).catch(() => undefined);
  });

  it.each([
    ['es-ES', 'Publicar el curso', '¿Publicar el curso?', 'Sí, publicarlo', 'es'],
    ['en-US', 'Publish the course', 'Publish the course?', 'Yes, publish it', 'en'],
  ] as const)('shows as a full sentence in the UI’s language (%s)', async (locale, publish, dialog, yes, lang) => {
    const context = await newContext(browser(), { locale });
    const page = await context.newPage();
    const next = `/studio/cursos/${courseId}`;
    if (lang === 'es') await signIn(page, EDITOR, next);
    else {
      // The sign-in form itself in English: the browser asked for it.
      await page.goto(`/entrar?next=${next}`);
      await page.getByLabel('E-mail', { exact: true }).fill(EDITOR.email);
      await page.getByLabel('Password', { exact: true }).fill(EDITOR.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === next);
    }
    await page.getByRole('button', { name: publish }).click();
    await page.getByRole('dialog', { name: dialog }).getByRole('button', { name: yes }).click();
    const { dictionary } = await import('../src/shared/i18n/dictionary.ts');
    const t = dictionary(lang);
    const expected = `${t.studio.flow.changeFailed} ${t.apiErrors.conflict}`;
    await page.getByText(expected).waitFor();
    const text = (await page.getByText(expected).textContent()) ?? '';
    expect(text).not.toMatch(/Every lesson|cannot be published/);
    for (const width of [PHONE, DESKTOP]) {
      await page.setViewportSize(width);
      expect(await seriousViolations(page), `${locale} at ${width.width} px`).toEqual([]);
    }
    await context.close();
  });
});
