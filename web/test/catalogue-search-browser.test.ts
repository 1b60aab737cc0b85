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
  ])(
    '"%s" finds the demo course: %s',
    async (words, found) => {
      const context = await newContext(browser());
      const page = await context.newPage();
      await page.goto('/');
      // What the site answered, and when: a clean run once saw this navigation not happen within 15 s
      // (not reproduced since, throttled or under load); a failure now says what was asked and answered.
      const started = Date.now();
      const seen: string[] = [];
      page.on('request', (r) => seen.push(`${Date.now() - started} ms → ${r.method()} ${r.url()}`));
      page.on('response', (r) => seen.push(`${Date.now() - started} ms ← ${r.status()} ${r.url()}`));
      page.on('requestfailed', (r) => seen.push(`${Date.now() - started} ms ✗ ${r.url()} ${r.failure()?.errorText}`));
      const box = page.getByRole('searchbox', { name: 'Buscar cursos' });
      await box.fill(words);
      await box.press('Enter');
      // A functional test, not a timing one: the navigation may take as long as the test allows.
      await page
        .waitForURL((url) => url.searchParams.get('q') === words, { timeout: 25_000 })
        .catch(async (error) => {
          const typed = await box.inputValue().catch(() => '(gone)');
          throw new Error(`no navigation to ?q=${words} (at ${page.url()}, box "${typed}"):\n${seen.join('\n')}`, {
            cause: error,
          });
        });
      const results = page.getByRole('region', { name: /curso/i }).or(page.locator('section.results'));
      if (found) {
        await expect.poll(() => page.getByRole('link', { name: DEMO }).count()).toBeGreaterThan(0);
      } else {
        await expect.poll(() => page.getByText('Ningún curso coincide con tu búsqueda.').count()).toBe(1);
        expect(await page.getByRole('link', { name: DEMO }).count()).toBe(0);
      }
      expect(await results.count()).toBeGreaterThan(0);
      await context.close();
    },
    60_000,
  );
});
