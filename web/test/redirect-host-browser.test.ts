import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, newContext } from './browser.ts';
import { DEMO_PATH, enrol, newStudent, submitSignIn } from './student.ts';

const LESSON = `${DEMO_PATH}/lecciones/que-es-programar`;
const browser = browserForFile();

/** Every redirect the page is sent through, as the absolute URL it leads to. */
function redirectsOf(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (response) => {
    const location = response.headers().location;
    if (response.status() >= 300 && response.status() < 400 && location) {
      seen.push(new URL(location, response.url()).href);
    }
  });
  return seen;
}

/** The site under test as a browser opens it at `host` (127.0.0.1, the README's address, or localhost). */
const siteAt = (host: string) => {
  const url = new URL(inject('web').url);
  url.hostname = host;
  return url.origin;
};

describe.each(['127.0.0.1', 'localhost'])('opened at http://%s, every redirect stays there', (host) => {
  const site = siteAt(host);

  it('signed out: My courses → sign in → back to My courses, signed in on the same host', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const redirects = redirectsOf(page);
    const student = newStudent('Host');
    // An account first (on this host), then signed out again.
    await signUpAt(page, site, student);
    await context.clearCookies();

    await page.goto(`${site}/mis-cursos`);
    expect(page.url()).toBe(`${site}/entrar?next=%2Fmis-cursos`);
    await submitSignIn(page, student);
    await page.waitForURL(`${site}/mis-cursos`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Mis cursos/);

    // A lesson signed out leads to its course page, on the same host.
    await context.clearCookies();
    await page.goto(`${site}${LESSON}`);
    expect(page.url()).toBe(`${site}${DEMO_PATH}?aviso=inscribete`);

    expect(redirects.length).toBeGreaterThanOrEqual(2);
    for (const target of redirects) expect(new URL(target).origin, target).toBe(site);
    await context.close();
  });

  it('signing out and switching the language keep the host too', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const redirects = redirectsOf(page);
    await signUpAt(page, site, newStudent('Salida'));
    expect(new URL(page.url()).origin).toBe(site);
    await enrol(page, `${site}${DEMO_PATH}`);
    expect(new URL(page.url()).origin).toBe(site);
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(new URL(page.url()).origin).toBe(site);
    await page
      .getByRole('button', { name: /English/ })
      .first()
      .click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(new URL(page.url()).origin).toBe(site);
    for (const target of redirects) expect(new URL(target).origin, target).toBe(site);
    await context.close();
  });
});

/** Signs up through /registro on the site opened at `site`, and lands on My courses there. */
async function signUpAt(page: Page, site: string, student: { name: string; email: string; password: string }) {
  await page.goto(`${site}/registro`);
  await page.getByLabel('Nombre', { exact: true }).fill(student.name);
  await page.getByLabel('Correo electrónico', { exact: true }).fill(student.email);
  await page.getByLabel('Contraseña', { exact: true }).fill(student.password);
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await page.waitForURL(`${site}/mis-cursos`);
}
