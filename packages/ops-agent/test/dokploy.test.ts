import { type DokployEmulator, startDokployEmulator } from '@aula/testkit/dokploy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpsEngine } from '../src/engine.ts';
import { dokployPlatform } from '../src/platform.ts';
import type { IncidentStore } from '../src/store.ts';
import { TelegramBot } from '../src/telegram.ts';
import { freshStore } from './helpers.ts';

/**
 * A deployment that fails its health check, on Dokploy: the agent sees a failed deployment (not just
 * a service down), proposes the rollback, and once approved rolls back through Dokploy's API to the
 * last good deployment and verifies the health check. No model: the rule picks the runbook.
 */
let dok: DokployEmulator;
let store: IncidentStore;
let drop: () => Promise<void>;

beforeAll(async () => {
  dok = await startDokployEmulator();
  ({ store, drop } = await freshStore());
});
afterAll(async () => {
  await drop?.();
  await dok?.stop();
});

describe('Dokploy', () => {
  it('a deployment failing its health check is rolled back to the last good one after approval', async () => {
    const app = dok.addApplication('web', 'aula-web:1.4.0');
    const platform = dokployPlatform({ url: dok.url, apiKey: dok.apiKey, apps: { 'main/web': app.applicationId } });
    const engine = new OpsEngine({
      hosts: [],
      probes: [{ host: 'main', service: 'web', url: `${dok.url}/apps/${app.appName}/health` }],
      graphs: {},
      store,
      confirmations: 1,
      platforms: [platform],
    });
    // An administrator deploys a new release through the bot; it builds but fails its health check.
    dok.push(app.applicationId, 'aula-web:1.5.0');
    dok.broken.add('aula-web:1.5.0');
    const bot = new TelegramBot({ apiUrl: 'http://127.0.0.1:9', token: 't', admins: [7], engine });
    expect(await bot.answer('telegram:7', '/deploy main web')).toMatch(/hecho: application .* redeployed/);
    expect(dok.running(app.applicationId)).toBe('aula-web:1.5.0');

    await engine.tick();
    const [incident] = await store.active();
    expect(incident).toMatchObject({
      kind: 'deploy-failed',
      service: 'web',
      runbookId: 'failed-deployment',
      state: 'awaiting-approval',
    });
    expect(incident?.diagnosis).toMatchObject({ source: 'rules', rejected: 'no model configured' });
    // A rollback is never on the safe list: nothing happened yet.
    expect(dok.calls.some((c) => c.path === '/api/rollback.rollback')).toBe(false);

    expect(await bot.answer('telegram:7', `/approve ${incident?.id}`)).toMatch(/aprobado/);
    await engine.settled(incident!.id);
    const done = await store.get(incident!.id);
    expect(done?.state).toBe('resolved');
    expect(dok.running(app.applicationId)).toBe('aula-web:1.4.0');
    const rollback = dok.calls.find((c) => c.path === '/api/rollback.rollback');
    expect(rollback).toMatchObject({ status: 200, body: { rollbackId: 'rb-1' } });
    expect((await store.events(incident!.id)).find((e) => e.type === 'action-done')?.text).toMatch(
      /rolled back from dep-2 to dep-1/,
    );
    expect(done?.postmortem?.en).toMatch(/resolved and verified/);
    expect((await store.auditLog()).map((a) => `${a.actor} ${a.action} ${a.outcome}`)).toEqual(
      expect.arrayContaining(['telegram:7 redeploy done', 'telegram:7 approve done', 'telegram:7 rollback done']),
    );
  });

  it('a wrong API key is refused by Dokploy, and the agent says so', async () => {
    const app = dok.addApplication('workers', 'aula-workers:1.0.0');
    const platform = dokployPlatform({
      url: dok.url,
      apiKey: 'not-the-key',
      apps: { 'main/workers': app.applicationId },
    });
    await expect(platform.redeploy({ host: 'main', service: 'workers' }, 'test')).rejects.toThrow(
      /Dokploy application.redeploy: 401 Unauthorized/,
    );
  });
});
