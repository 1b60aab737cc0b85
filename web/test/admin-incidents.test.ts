import { IncidentStore, postmortemOf, startOpsApi } from '@aula/ops-agent';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserForFile, newContext, seriousViolations } from './browser.ts';
import { signIn } from './student.ts';

// /admin/incidentes in Chromium: the ops agent's read-only API (its real server, on the stack's
// PostgreSQL) answers the site with one resolved incident; the page shows its timeline and post-mortem
// in both languages, is axe clean, and says so when the agent does not answer.

const browser = browserForFile();
let store: IncidentStore;
let api: Awaited<ReturnType<typeof startOpsApi>> | undefined;
let id = 0;

beforeAll(async () => {
  store = new IncidentStore(inject('stack').databaseUrl);
  await store.ensureSchema();
  const i = await store.open({
    key: 'down:main/directus',
    kind: 'down',
    host: 'main',
    service: 'directus',
    severity: 'critical',
    title: 'down: main/directus',
  });
  id = i.id;
  await store.event(id, 'opened', 'ops-agent', 'down on main/directus: state stopped', {
    symptoms: [{ service: 'web' }],
  });
  await store.event(id, 'diagnosed', 'gpt-oss:gpt-oss:20b', 'Directus is stopped <script>alert(1)</script>');
  await store.update(id, {
    runbookId: 'service-down',
    diagnosis: {
      source: 'model',
      model: 'gpt-oss:gpt-oss:20b',
      runbookId: 'service-down',
      confidence: 0.8,
      diagnosis: 'Directus is stopped; the web depends on it.',
      reasoning: 'state',
    },
  });
  await store.event(id, 'approved', 'telegram:1001', 'approved by telegram:1001');
  await store.event(id, 'action-done', 'telegram:1001', 'restart directus on main: restart done');
  await store.event(id, 'verified', 'ops-agent', 'the service runs and its health check answers');
  const closed = await store.update(id, { state: 'resolved' });
  const postmortem = postmortemOf(closed, await store.events(id));
  await store.update(id, { postmortem });
  await store.event(id, 'closed', 'ops-agent', postmortem.en);
  api = await startOpsApi({
    store,
    token: inject('ops').token,
    listen: { host: '127.0.0.1', port: inject('ops').port },
  });
});
afterAll(async () => {
  await api?.stop();
  await store?.close();
});

async function page(locale: 'es' | 'en') {
  const context = await newContext(browser());
  const p = await context.newPage();
  await signIn(p, inject('web').admin, '/admin/incidentes');
  if (locale === 'en') {
    await context.addCookies([{ name: 'aula_locale', value: 'en', url: inject('web').url }]);
    await p.reload();
  }
  return p;
}

describe('/admin/incidentes', () => {
  it('shows each incident with its state, diagnosis, post-mortem and timeline, in Spanish and English, axe clean', async () => {
    const es = await page('es');
    const article = es.locator(`[data-incident="${id}"]`);
    await article.getByRole('heading', { name: `#${id} down: main/directus` }).waitFor();
    expect(await article.textContent()).toContain('Resuelto');
    expect(await article.locator('.admin-incident__postmortem').textContent()).toMatch(
      /^Post-mortem: #\d+ down en main\/directus \(critical\): resuelto y verificado en [\d.]+ s\. Causa raíz: main\/directus; síntomas: web\./,
    );
    const items = article.locator('.admin-incident__timeline > li');
    expect(await items.count()).toBe(6);
    expect(await items.first().textContent()).toMatch(/^\+[\d.]+ s Abierto \(ops-agent\)down on main\/directus/);
    // Text from the model or the logs is text, never markup.
    expect(await article.locator('script').count()).toBe(0);
    expect(await article.textContent()).toContain('<script>alert(1)</script>');
    expect(await seriousViolations(es)).toEqual([]);
    await es.getByRole('link', { name: 'Volver al panel' }).click();
    await es.waitForURL((u) => u.pathname === '/admin');
    await es.getByRole('link', { name: 'Incidentes' }).waitFor();

    const en = await page('en');
    const enArticle = en.locator(`[data-incident="${id}"]`);
    await enArticle.getByText('Resolved', { exact: true }).waitFor();
    expect(await enArticle.locator('.admin-incident__postmortem').textContent()).toMatch(
      /^Post-mortem: #\d+ down on main\/directus \(critical\): resolved and verified/,
    );
    expect(await seriousViolations(en)).toEqual([]);
  }, 120_000);

  it('says so when the ops agent does not answer', async () => {
    await api?.stop();
    api = undefined;
    const es = await page('es');
    await es.getByRole('alert').getByText('El agente de operaciones no responde').waitFor();
    expect(await seriousViolations(es)).toEqual([]);
  }, 60_000);
});
