import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserForFile, newContext, seriousViolations } from './browser.ts';
import { PHONE, phonePage, screenShot } from './phone.ts';
import { DEMO_PATH, enrol, signUp } from './student.ts';
import { emulator } from './tutor-helpers.ts';

// The tutor on a phone (issue 21: it was 6,600 px down, after the quiz): a button that stays in reach
// opens it as a sheet, a modal dialog. Chromium at a phone's size, the production build, the provider
// emulator answering. On a desktop the tutor stays in the layout (tutor-browser.test.ts).

const browser = browserForFile();
const emu = emulator();
let page: Page;
const tutorCalls: string[] = [];

const fab = () => page.getByRole('button', { name: 'Preguntar al tutor' });
const sheet = () => page.getByRole('dialog', { name: 'Tutor de la lección' });
const box = () => sheet().getByLabel('Tu pregunta al tutor');
const activeInSheet = () =>
  page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')) && document.activeElement !== null);
const activeName = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

beforeAll(async () => {
  const context = await newContext(browser());
  page = await phonePage(context);
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/tutor/')) tutorCalls.push(request.url());
  });
  await signUp(page);
  await enrol(page, DEMO_PATH);
});
beforeEach(() => emu.reset());

describe('the tutor on a phone', () => {
  it('is a button in reach, anywhere on the lesson; the tutor itself is not loaded until asked for', async () => {
    await fab().waitFor();
    expect(await fab().getAttribute('aria-expanded')).toBe('false');
    expect(await fab().getAttribute('aria-haspopup')).toBe('dialog');
    // No panel in the page (the lesson's layout has none on a phone), no conversation fetched.
    expect(await page.getByRole('complementary', { name: 'Tutor de la lección' }).count()).toBe(0);
    expect(tutorCalls).toEqual([]);
    for (const y of [0, 3000, 100_000]) {
      await page.evaluate((to) => window.scrollTo(0, to), y);
      const at = await fab().boundingBox();
      expect(at!.y + at!.height).toBeLessThanOrEqual(PHONE.height);
      expect(at!.y).toBeGreaterThan(PHONE.height / 2);
      expect(at!.height).toBeGreaterThanOrEqual(44);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenShot(page, 'tutor-phone-closed');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('opens as a sheet: a modal dialog, focus on the question box and kept inside', async () => {
    await fab().click();
    await sheet().waitFor();
    await expect.poll(() => fab().getAttribute('aria-expanded')).toBe('true');
    await sheet().getByText('Aún no has preguntado nada').waitFor();
    await vi.waitFor(async () => expect(await box().evaluate((el) => el === document.activeElement)).toBe(true));
    // Its code and the conversation are fetched now, on opening.
    expect(tutorCalls.some((url) => url.includes('/api/tutor/conversations'))).toBe(true);
    // Within the screen, and the page behind it does not scroll.
    const at = await sheet().boundingBox();
    expect(at!.y).toBeGreaterThanOrEqual(0);
    expect(at!.y + at!.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
    // Tab and Shift+Tab go round the sheet's controls, never out to the page behind.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await activeInSheet()).toBe(true);
    }
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await activeInSheet()).toBe(true);
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('answers in the sheet; Escape closes it and gives focus back; the conversation is there on reopening', async () => {
    await emu.script('groq', { chunks: ['Piensa en ', 'qué ', 'hace ', '`print`.'], chunkDelayMs: 100 });
    await box().fill('¿Para qué sirve print?');
    await box().press('Enter');
    const answer = sheet().locator('.tutor__message--assistant').last();
    await vi.waitFor(async () => expect(await answer.getAttribute('data-state')).toBe('done'), { timeout: 10_000 });
    await screenShot(page, 'tutor-phone-open');

    await page.keyboard.press('Escape');
    await vi.waitFor(async () => expect(await sheet().count()).toBe(0));
    await expect.poll(() => fab().getAttribute('aria-expanded')).toBe('false');
    await expect.poll(activeName).toContain('Preguntar al tutor');

    const calls = tutorCalls.length;
    await fab().click();
    await sheet().getByText('¿Para qué sirve print?').waitFor();
    await sheet().getByText('Piensa en qué hace').waitFor();
    // Kept in the page, not fetched again.
    expect(tutorCalls.length).toBe(calls);
    await vi.waitFor(async () => expect(await box().evaluate((el) => el === document.activeElement)).toBe(true));

    // "Cerrar el tutor" closes it too, and focus goes back to the button.
    await sheet().getByRole('button', { name: 'Cerrar el tutor' }).click();
    await vi.waitFor(async () => expect(await sheet().count()).toBe(0));
    await expect.poll(activeName).toContain('Preguntar al tutor');
  });

  it('keeps an answer streaming while the sheet is closed', async () => {
    await emu.script('groq', { chunks: ['Uno, ', 'dos, ', 'tres, ', 'cuatro.'], chunkDelayMs: 400 });
    await fab().click();
    await box().fill('Cuenta hasta cuatro');
    await box().press('Enter');
    await sheet().getByText('Uno,').waitFor();
    await page.keyboard.press('Escape');
    await vi.waitFor(async () => expect(await sheet().count()).toBe(0));
    await fab().click();
    await sheet().getByText('Uno, dos, tres, cuatro.').waitFor({ timeout: 10_000 });
  });

  it('goes back into the layout when the screen is wide (a desktop keeps its place)', async () => {
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('complementary', { name: 'Tutor de la lección' }).waitFor();
    expect(await fab().count()).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.setViewportSize(PHONE);
    await fab().waitFor();
  });
});
