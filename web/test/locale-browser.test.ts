import { describe, expect, it } from 'vitest';
import { browserForFile, newContext } from './browser.ts';

const browser = browserForFile();

// Client components read their strings from the provider of the page's language; each language is a
// chunk of its own, so a page loads its own language's strings and not the other's (both were 27 kB
// gzip of every page's JavaScript).
describe('a page in the browser loads the strings of its language only', () => {
  it.each([
    {
      locale: 'es-ES',
      own: 'Buscar cursos',
      other: 'Search courses',
      switcher: 'Idioma de la interfaz',
      show: 'Mostrar contraseña',
    },
    {
      locale: 'en-GB',
      own: 'Search courses',
      other: 'Buscar cursos',
      switcher: 'Interface language',
      show: 'Show password',
    },
  ])('$locale', async ({ locale, own, other, switcher, show }) => {
    const context = await newContext(browser(), { locale });
    const page = await context.newPage();
    const scripts: Promise<string>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''));
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/entrar', { waitUntil: 'networkidle' });
    // Hydrated, in its language: the password field's client-side "show" button works.
    const password = page.locator('input[type="password"]');
    await expect.poll(() => password.count()).toBe(1);
    await page.getByRole('button', { name: show }).click();
    await expect.poll(() => page.locator('input[name="password"][type="text"]').count()).toBe(1);
    expect(await page.getByRole('group', { name: switcher }).count()).toBe(1);
    const bodies = await Promise.all(scripts);
    expect(bodies.some((body) => body.includes(own))).toBe(true);
    expect(bodies.some((body) => body.includes(other))).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
