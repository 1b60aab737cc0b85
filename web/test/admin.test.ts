import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AuditEntry, BackupEntry, HostStatus, Operation, RestoreReport } from '@aula/ops/contract';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestHost, type TestHost } from './admin-agent.ts';
import { browserForFile, newContext, screenshot, seriousViolations } from './browser.ts';
import { signIn } from './student.ts';
import { EDITOR, STUDENT, tokenOf } from './studio-helpers.ts';

// The admin panel in Chromium, for the stack's administrator, against Main's real host agent (started
// here on the stack's database) and a Mirror that does not answer.

const browser = browserForFile();
let host: TestHost;

beforeAll(async () => {
  host = await startTestHost();
}, 60_000);
afterAll(async () => {
  await host?.stop();
});

/** What the agent itself says, asked directly with the token (not through the site). */
async function agent<T>(path: string): Promise<T> {
  const res = await fetch(`${host.agent.url}${path}`, {
    headers: { authorization: `Bearer ${inject('agents').token}`, 'x-aula-actor': 'admin.test' },
  });
  if (!res.ok) throw new Error(`agent ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function adminPage(locale: 'es' | 'en' = 'es'): Promise<Page> {
  const context = await newContext(browser());
  const page = await context.newPage();
  await signIn(page, inject('web').admin, '/admin');
  if (locale === 'en') {
    await context.addCookies([{ name: 'aula_locale', value: 'en', url: inject('web').url }]);
    await page.reload();
  }
  return page;
}

describe('the admin panel', () => {
  it('shows Main live (figures, last-hour charts, services) and the Mirror as unreachable, with why and when', async () => {
    const page = await adminPage();
    const main = page.locator('[data-host="main"]');
    await main.getByText('Responde').first().waitFor();
    for (const service of host.services) {
      const row = main.getByRole('row', { name: new RegExp(`^${service}\\b`) });
      await row.getByText('En marcha').waitFor();
      expect(await row.textContent()).toContain('0.1.0-test');
    }
    // The charts are pictures hidden from screen readers, each with its words beside it.
    expect(await main.locator('svg.admin-chart__svg[aria-hidden="true"] polyline').count()).toBe(4);
    expect(await main.locator('.admin-chart .sr-only').first().textContent()).toMatch(
      /^CPU en la última hora: mínimo .+, máximo .+, ahora .+\.$/,
    );
    const mirror = page.locator('[data-host="mirror"]');
    await mirror.getByText('No responde').waitFor();
    expect(await mirror.locator('.admin-host__why').textContent()).toBe(
      'No se puede conectar con el agente de mirror: el servidor está apagado, el agente no está en marcha o la red lo impide.',
    );
    expect(await mirror.locator('.admin-host__error').textContent()).toMatch(
      /^Detalle técnico: The agent of mirror at http:\/\/127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\)\.$/,
    );
    expect(await mirror.locator('.admin-host__checked').textContent()).toMatch(/^Comprobado: /);

    // Live: the figures are read again every 5 s (the agent's reading time moves on).
    const firstReading = await main.locator('.admin-host__reach').textContent();
    await expect
      .poll(() => main.locator('.admin-host__reach').textContent(), { timeout: 15_000, interval: 500 })
      .not.toBe(firstReading);

    // A hidden tab stops asking, and says so; shown again, it asks at once.
    const setHidden = (hidden: boolean) =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'hidden', { value, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await page.getByText('Actualización en pausa (pestaña oculta).').waitFor();
    const refreshed = page.waitForResponse((res) => res.url().endsWith('/api/admin/hosts'));
    await setHidden(false);
    expect((await refreshed).status()).toBe(200);
    await page.getByText('Se actualiza cada 5 segundos mientras la pestaña está visible.').waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-servers');
    // On a phone nothing is wider than the screen (tables scroll in their own frame).
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'admin-phone');
    await page.context().close();
  });

  it('makes a database backup with live steps, lists it, downloads it whole, and a restore drill passes', async () => {
    const page = await adminPage();
    await page.getByText('Aún no hay copias de seguridad.').waitFor();
    await page.getByLabel('Solo la base de datos').check();
    await page.getByRole('button', { name: 'Hacer copia' }).click();
    const progress = page.locator('section.admin-op[aria-label="Copias de seguridad"]');
    await progress.waitFor();
    await progress.locator('[data-state="done"]').first().waitFor();
    await page
      .locator('section.admin-op[aria-label="Copias de seguridad"][data-state="done"]')
      .waitFor({ timeout: 60_000 });

    const [entry] = await agent<BackupEntry[]>('/backups');
    if (!entry) throw new Error('the agent lists no backup');
    expect(entry.kind).toBe('db');
    const row = page.locator(`tr[data-backup="${entry.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Base de datos');
    expect(await row.locator('code').textContent()).toBe(`${entry.sha256.slice(0, 12)}…`);

    // Streamed through the site, which asks the agent: the same bytes the agent has.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Descargar la copia ${entry.id}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${entry.id}.aula-backup`);
    const bytes = readFileSync((await download.path()) as string);
    expect(bytes.length).toBe(entry.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);

    await page.getByRole('button', { name: `Probar la restauración de ${entry.id}` }).click();
    const drill = page.locator('section.admin-drill[aria-label="Prueba de restauración"]');
    await drill.waitFor({ timeout: 90_000 });
    expect(await drill.getAttribute('data-ok')).toBe('true');
    expect(await drill.textContent()).toContain('Restauración comprobada');
    const last = await agent<RestoreReport>('/drills/last');
    expect(last.ok).toBe(true);
    expect(last.backupId).toBe(entry.id);
    expect(await drill.locator('.admin-drill__summary').textContent()).toContain(`${last.tables.length} tablas`);

    await screenshot(page, 'admin-backup-drill');
    // The last drill stays on the panel.
    await page.reload();
    const kept = page.locator('section.admin-drill[aria-label="Última prueba"]');
    await kept.waitFor();
    expect(await kept.getAttribute('data-ok')).toBe('true');
    await page.context().close();
  });

  it('restarts a service after a confirmation, tails its log, and the audit log names who did it', async () => {
    const before = await agent<HostStatus>('/status');
    const pid = before.services.find((s) => s.name === 'workers')?.pid;
    const page = await adminPage();
    const main = page.locator('[data-host="main"]');
    await main.getByRole('button', { name: 'Reiniciar workers' }).click();
    // Nothing happens before the confirmation, whose button has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Confirmar');
    await page.keyboard.press('Enter');
    await main.getByText('workers se ha reiniciado.').waitFor({ timeout: 20_000 });
    const after = await agent<HostStatus>('/status');
    const workers = after.services.find((s) => s.name === 'workers');
    expect(workers?.pid).not.toBe(pid);
    expect(workers?.state).toBe('running');

    const audit = await agent<AuditEntry[]>('/audit?limit=100');
    const entry = audit.find((e) => /restart/.test(e.action) && e.actor === inject('web').admin.email);
    expect(entry, JSON.stringify(audit)).toBeDefined();
    const auditRows = page.locator('table.admin-audit tbody tr');
    await expect
      .poll(
        async () =>
          (await auditRows.allTextContents()).some((t) => t.includes(inject('web').admin.email) && /restart/.test(t)),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);

    await main.getByRole('button', { name: 'Ver registro workers' }).click();
    const log = main.locator('pre.admin-log__lines');
    await log.waitFor();
    expect(await log.textContent()).toMatch(/tick \d+/);
    await screenshot(page, 'admin-restart-log-audit');
    await page.context().close();
  });

  it('clones to the Mirror only after a confirmation, and says plainly why it cannot here', async () => {
    const page = await adminPage();
    const clone = page.locator('section[aria-labelledby="admin-clone"]');
    await clone.getByRole('button', { name: 'Clonar en el Espejo' }).click();
    await clone.getByText('El Espejo se sustituirá por una copia del Principal. ¿Seguir?').waitFor();
    await clone.getByRole('button', { name: 'Cancelar' }).click();
    // Cancelled: the agent was asked nothing, and the button is back with the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Clonar en el Espejo');
    expect((await agent<Operation[]>('/operations')).filter((op) => op.kind === 'clone')).toEqual([]);
    await clone.getByRole('button', { name: 'Clonar en el Espejo' }).click();
    await clone.getByRole('button', { name: 'Confirmar' }).click();
    // This test's Main has no Mirror agent configured: the agent's reason, in the panel.
    expect(await clone.getByRole('alert').textContent()).toMatch(/^No se ha podido hacer: .*Mirror/);
    await page.context().close();
  });

  it('refuses a content manager and a student with a real agent behind it, and the agent is never asked', async () => {
    const before = await agent<Operation[]>('/operations');
    for (const person of [EDITOR, STUDENT]) {
      const token = await tokenOf(person);
      const callers: Record<string, string>[] = [
        { cookie: `aula_access=${token}` },
        { authorization: `Bearer ${token}` },
      ];
      for (const headers of callers) {
        // Pages know the session cookie only: a bearer token there is no session (sign in).
        const page = await fetch(`${inject('web').url}/admin`, { headers, redirect: 'manual' });
        expect(page.status).toBe(headers.cookie ? 403 : 307);
        const backup = await fetch(`${inject('web').url}/api/admin/hosts/main/backups`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'db' }),
        });
        expect(backup.status).toBe(403);
        const restart = await fetch(`${inject('web').url}/api/admin/hosts/main/services/workers/restart`, {
          method: 'POST',
          headers,
        });
        expect(restart.status).toBe(403);
        const hosts = await fetch(`${inject('web').url}/api/admin/hosts`, { headers });
        expect(hosts.status).toBe(403);
        expect(await hosts.text()).not.toContain(host.agent.url);
      }
    }
    expect(await agent<Operation[]>('/operations')).toEqual(before);
  });

  it('speaks English', async () => {
    const page = await adminPage('en');
    await page.getByRole('heading', { name: 'Servers' }).waitFor();
    await page.locator('[data-host="mirror"]').getByText('Unreachable').waitFor();
    await page.getByRole('heading', { name: 'Clone Main to the Mirror' }).waitFor();
    await page.context().close();
  });
});
