import { startChatEmulator } from '@aula/testkit';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, newContext, seriousViolations } from './browser.ts';
import { signUp } from './student.ts';

const browser = browserForFile();

/** Chatwoot's Agent Bot delivering a contact's message to the course API (the webhook's secret in its URL). */
async function deliver(payload: unknown): Promise<void> {
  const { directusUrl } = inject('web');
  const res = await fetch(`${directusUrl}/aula/channels/chatwoot/webhook?secret=${inject('chatwoot').secret}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(res.status).toBe(200);
}

describe('"El tutor en tu móvil" on Mis cursos', () => {
  it('gives a one-time code, lists the chat it linked and unlinks it, with the keyboard and no axe violations', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signUp(page);
    const section = page.getByRole('region', { name: 'El tutor en tu móvil' });
    await expect.poll(() => section.getByText('Aún no has vinculado ningún chat.').count()).toBe(1);

    await section.getByRole('button', { name: 'Pedir un código' }).click();
    const said = section.getByText(/Tu código es/);
    await said.waitFor();
    const code = (await said.locator('strong').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // The code is announced (polite live region) and focused, so a screen reader reads it at once.
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(code);
    expect(await seriousViolations(page)).toEqual([]);

    // The student sends the code from Telegram (payloads written by an emulator of Chatwoot's webhook).
    const payloads = await startChatEmulator();
    const conversation = payloads.chatwoot.conversation({ contactId: 901, name: 'Lucía en Telegram' });
    await deliver(payloads.chatwoot.messageCreated(conversation.id, code));
    await payloads.stop();
    await expect
      .poll(async () => {
        await page.reload();
        return section.getByText('Telegram · Lucía en Telegram').count();
      })
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    const unlink = section.getByRole('button', { name: 'Desvincular Telegram (Lucía en Telegram)' });
    await unlink.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByText('Aún no has vinculado ningún chat.').count()).toBe(1);
    await context.close();
  });
});
