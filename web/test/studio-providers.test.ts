import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { signIn } from './student.ts';
import { EDITOR, tokenOf } from './studio-helpers.ts';
import { emulator } from './tutor-helpers.ts';

// The provider check in Chromium: an administrator presses one button and reads, per provider and
// model of this server's chains, whether a structured and a streamed call work, their latency and
// price, and a failing provider's own message. Content managers do not get the page.

const browser = browserForFile();
let page: Page;

/** A page of its own, signed in as `person`, in the studio. */
async function inStudio(person: { email: string; password: string }) {
  const p = await (await newContext(browser())).newPage();
  await signIn(p, person, '/studio');
  return p;
}

beforeAll(async () => {
  page = await inStudio(inject('web').admin);
});

describe('checking the providers from the studio', () => {
  it('shows an administrator what works, how fast and at what price, and a failure in the provider’s words', async () => {
    const emu = emulator();
    await emu.reset();
    const bad = 'API key not valid. Please pass a valid API key.';
    await emu.script({ model: 'gemini-2.5-flash-lite' }, { status: 400, message: bad }, { status: 400, message: bad });

    await page.getByRole('link', { name: 'Proveedores', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/studio/proveedores');
    await page.getByRole('heading', { level: 1, name: 'Proveedores de IA' }).waitFor();
    await page.getByRole('button', { name: 'Comprobar proveedores' }).click();
    const table = page.getByRole('table', { name: 'Proveedores de IA' });
    await table.waitFor();

    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['openai', 'gpt-4o-mini', 'generación'],
      ['groq', 'llama-3.1-8b-instant', 'tutor'],
      ['gemini', 'gemini-2.5-flash-lite', 'tutor'],
    ]);
    expect(rows[0]?.slice(3)).toEqual([
      expect.stringMatching(/^funciona \(\d+ ms\)$/),
      expect.stringMatching(/^funciona/),
      '0.15 / 0.6',
    ]);
    expect(rows[2]?.slice(3, 5)).toEqual(['falla', 'falla']);
    await page
      .getByText(`gemini gemini-2.5-flash-lite (Respuesta estructurada): gemini:gemini-2.5-flash-lite: 400 ${bad}`)
      .waitFor();
    // Each call really went out, from the web server, to each provider.
    const seen = (await emu.requests()).map((r) => `${r.route}:${r.model}:${r.stream}`);
    for (const call of ['openai:gpt-4o-mini:false', 'openai:gpt-4o-mini:true', 'groq:llama-3.1-8b-instant:true']) {
      expect(seen).toContain(call);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'studio-providers');
  });

  it('is not offered to a content manager, and the page sends them back to the studio', async () => {
    const editor = await inStudio(EDITOR);
    expect(await editor.getByRole('link', { name: 'Proveedores', exact: true }).count()).toBe(0);
    const res = await fetch(`${inject('web').url}/studio/proveedores`, {
      headers: { cookie: `aula_access=${await tokenOf(EDITOR)}` },
      redirect: 'manual',
    });
    expect([303, 307]).toContain(res.status);
    expect(new URL(res.headers.get('location') ?? '', inject('web').url).pathname).toBe('/studio');
    await editor.context().close();
  });
});
