import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

/** A phone's screen (an iPhone 12–15's CSS pixels). */
export const PHONE = { width: 390, height: 844 };

/** A page of `context` the size of a phone's screen. */
export async function phonePage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(PHONE);
  return page;
}

const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

/** What the screen shows (not the whole page), in web/test-results/ (gitignored), for people to look at. */
export async function screenShot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: `${resultsDir}${name}.png` });
}
