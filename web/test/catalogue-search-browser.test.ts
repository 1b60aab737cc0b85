import { describe, expect, it } from 'vitest';
import { browserForFile, newContext } from './browser.ts';

const DEMO = 'Primeros pasos con Python';
const browser = browserForFile();

describe('searching the catalogue in a browser, as people type Spanish', () => {
  it.each([
    ['programacion', true],
    ['pyton', true],
    ['PROGRAMACIÓN', true],
    ['cocina', false],
  ])('"%s" finds the demo course: %s', async (words, found) => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Buscar cursos' }).fill(words);
    await page.getByRole('searchbox', { name: 'Buscar cursos' }).press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === words);
    const results = page.getByRole('region', { name: /curso/i }).or(page.locator('section.results'));
    if (found) {
      await expect.poll(() => page.getByRole('link', { name: DEMO }).count()).toBeGreaterThan(0);
    } else {
      await expect.poll(() => page.getByText('Ningún curso coincide con tu búsqueda.').count()).toBe(1);
      expect(await page.getByRole('link', { name: DEMO }).count()).toBe(0);
    }
    expect(await results.count()).toBeGreaterThan(0);
    await context.close();
  });
});
