import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { DEMO_PATH, signIn, submitSignIn } from './student.ts';
import { EDITOR, generateCourse, STUDENT, scriptRefusedKey, tokenOf, waitForRun } from './studio-helpers.ts';

// Issue 21, the content manager's side: a failed run offers "Edit the request" (the form filled in)
// and lists what each retry did, its cause in the reader's language; the course list has a search and
// a status filter; the studio's tables fit a phone; and after signing in, staff land in the studio.

const browser = browserForFile();
let page: Page;
let runId = '';
const TOPIC = 'Huerto en la terraza';
const PHONE = { width: 390, height: 844 };
const CAUSE_ES = 'El proveedor de IA rechazó la clave de acceso. Quien administra Aula debe revisarla.';

beforeAll(async () => {
  await scriptRefusedKey();
  const token = await tokenOf(EDITOR);
  ({ runId } = await generateCourse(token, { topic: TOPIC, lessonCount: 2, audience: 'Vecinos con balcón' }));
  expect((await waitForRun(token, runId)).status).toBe('failed');
  page = await (await newContext(browser())).newPage();
  await signIn(page, EDITOR, `/studio/runs/${runId}`);
});

describe('a failed run', () => {
  it('offers to edit its request, with the form filled in as it was asked', async () => {
    const alert = page.getByRole('alert');
    await alert.getByText(CAUSE_ES).waitFor({ timeout: 30_000 });
    await alert.getByText('Detalle técnico').click();
    await alert.getByText('Mensaje original del proveedor (en inglés):').waitFor();
    expect(await alert.locator('[lang="en"]').textContent()).toMatch(/401/);
    await page.getByRole('link', { name: 'Editar la petición' }).click();
    await page.waitForURL(`**/studio/nuevo?desde=${runId}`);
    expect(await page.getByLabel('Tema', { exact: true }).inputValue()).toBe(TOPIC);
    expect(await page.getByLabel('Número de lecciones').inputValue()).toBe('2');
    expect(await page.getByLabel('Público (opcional)').inputValue()).toBe('Vecinos con balcón');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goBack();
  });

  it('says what each retry did', async () => {
    await scriptRefusedKey();
    await page.getByRole('button', { name: 'Reintentar' }).click();
    const attempts = page.getByRole('region', { name: 'Intentos' });
    await attempts.getByText('Intento 2 (el actual): falló', { exact: false }).waitFor({ timeout: 30_000 });
    const items = await attempts.getByRole('listitem').allTextContents();
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^Intento 1: falló \(.+\)\. El proveedor de IA rechazó la clave de acceso/);
    expect(items[1]).toBe(`Intento 2 (el actual): falló. ${CAUSE_ES}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio21-run-failed-attempts');
  });

  it('says the cause and the attempts in the reader’s language', async () => {
    const context = await newContext(browser());
    await context.addCookies([{ name: 'aula_locale', value: 'en', url: inject('web').url }]);
    const english = await context.newPage();
    await english.goto(`/entrar?next=/studio/runs/${runId}`);
    await english.getByLabel('E-mail', { exact: true }).fill(EDITOR.email);
    await english.getByLabel('Password', { exact: true }).fill(EDITOR.password);
    await english.getByRole('button', { name: 'Sign in' }).click();
    await english.waitForURL(`**/studio/runs/${runId}`);
    await english
      .getByRole('alert')
      .getByText('The AI provider refused the access key. Whoever runs Aula needs to check it.')
      .waitFor();
    await english.getByRole('link', { name: 'Edit the request' }).waitFor();
    await english.getByRole('region', { name: 'Attempts' }).getByText('Attempt 1: failed', { exact: false }).waitFor();
    await context.close();
  });
});

describe('the course list', () => {
  it('finds a course by its topic, accents and case aside, and filters by status', async () => {
    await page.goto('/studio/cursos');
    await page.getByLabel('Buscar cursos').fill('HUERTO terraza');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL(/\/studio\/cursos\?q=HUERTO\+terraza/);
    await page.getByRole('status').getByText('1 curso', { exact: true }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(TOPIC) })
      .getByText('Borrador')
      .waitFor();

    await page.getByLabel('Estado').selectOption('published');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL(/estado=published/);
    await page.getByText('Ningún curso coincide con la búsqueda.').waitFor();
    await page.getByRole('link', { name: 'Quitar filtros' }).click();
    await page.waitForURL((url) => url.pathname === '/studio/cursos' && url.search === '');
    expect(await page.locator('.studio-table tbody tr').count()).toBeGreaterThan(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it.each(['/studio', '/studio/cursos', '/studio/nuevo'])('%s fits a phone: nothing scrolls sideways', async (path) => {
    await page.setViewportSize(PHONE);
    try {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      if (path !== '/studio/nuevo') {
        expect(
          await page
            .locator('.studio-table tr')
            .nth(1)
            .evaluate((row) => getComputedStyle(row).display),
        ).toBe('block');
        await screenshot(page, `studio21-phone${path.replaceAll('/', '-')}`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

describe('where signing in leads', () => {
  const landing = async (person: { email: string; password: string }, next?: string) => {
    const fresh = await (await newContext(browser())).newPage();
    await fresh.goto(next ? `/entrar?next=${encodeURIComponent(next)}` : '/entrar');
    await submitSignIn(fresh, person);
    await fresh.waitForURL((url) => url.pathname !== '/entrar');
    const path = new URL(fresh.url()).pathname;
    await fresh.context().close();
    return path;
  };

  it('a content manager lands in the studio, a student at their courses', async () => {
    expect(await landing(EDITOR)).toBe('/studio');
    expect(await landing(STUDENT)).toBe('/mis-cursos');
  });

  it('a signed-in content manager who opens /entrar again goes on to the studio', async () => {
    const fresh = await (await newContext(browser())).newPage();
    await fresh.goto('/entrar');
    await submitSignIn(fresh, EDITOR);
    await fresh.waitForURL((url) => url.pathname === '/studio');
    await fresh.goto('/entrar');
    expect(new URL(fresh.url()).pathname).toBe('/studio');
    await fresh.context().close();
  });

  it('an on-site `next` still wins; one off the site is ignored', async () => {
    expect(await landing(EDITOR, DEMO_PATH)).toBe(DEMO_PATH);
    expect(await landing(EDITOR, 'https://evil.example/studio')).toBe('/studio');
    expect(await landing(EDITOR, '//evil.example/x')).toBe('/studio');
  });
});
