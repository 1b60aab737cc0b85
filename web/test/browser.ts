import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, inject, onTestFailed } from 'vitest';

/**
 * The browser tests drive the system's Chromium (Debian's `chromium` package): no browser is ever
 * downloaded. Without it they fail, on purpose, saying what to install.
 */
export function chromiumPath(): string {
  let found = '';
  try {
    found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    // `which` exits 1 when there is none.
  }
  if (!found || !existsSync(found)) {
    throw new Error(
      '@aula/web browser tests: `which chromium` found nothing. They run in the system Chromium and never ' +
        "download one: install Debian's package (`apt-get install chromium`) and run the tests again.",
    );
  }
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh browser profile (no cookies) on the web app under test, in Spanish unless told otherwise.
 * Each one comes from an address of its own (as a proxy in front of the site would say), which the
 * site passes on to Directus: its sign-up limit (5 a minute) is per person, not for the whole site.
 */
export async function newContext(
  browser: Browser,
  { locale = 'es-ES', colorScheme = 'light' }: { locale?: string; colorScheme?: 'light' | 'dark' } = {},
): Promise<BrowserContext> {
  const ip = `10.${[0, 0, 0].map(() => randomInt(1, 255)).join('.')}`;
  const context = await browser.newContext({
    baseURL: inject('web').url,
    locale,
    colorScheme,
    viewport: { width: 1280, height: 900 },
    extraHTTPHeaders: { 'x-forwarded-for': ip },
  });
  // Shorter than a test's own timeout, so a stuck step is named in the failure.
  context.setDefaultTimeout(15_000);
  return context;
}

const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

/** A full-page screenshot in web/test-results/ (gitignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = `${resultsDir}${name}.png`;
  // From the top: fixed and sticky parts (header, reading bar, table of contents) where a reader sees them first.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

/** Runs axe-core in the page; returns the serious and critical violations, each with the HTML it flagged. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<any> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return (results.violations as any[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => n.html) }));
  });
}

/** On a failed test, a screenshot of each page that is still open (web/test-results/failed-*.png). */
export function screenshotOnFailure(browser: () => Browser | undefined): void {
  beforeEach(() => {
    onTestFailed(async ({ task }) => {
      const pages =
        browser()
          ?.contexts()
          .flatMap((context) => context.pages()) ?? [];
      for (const [index, page] of pages.entries()) {
        const name = `failed-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-${index}`;
        await screenshot(page, name).catch(() => undefined);
      }
    });
  });
}

/**
 * Chromium for the calling file's tests: launched before them, closed after them, a screenshot of each
 * open page when one fails. Gives the browser once it is launched (in a hook or a test).
 */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined;
  screenshotOnFailure(() => browser);
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched before the tests (beforeAll)');
    return browser;
  };
}

/** The addresses of every request `page` makes to a host other than the site under test. */
export function foreignRequests(page: Page): string[] {
  const site = inject('web').url;
  const seen: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(site)) seen.push(request.url());
  });
  return seen;
}
