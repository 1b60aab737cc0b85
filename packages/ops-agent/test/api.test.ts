import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsApi } from '../src/api.ts';
import { readOpsEnv } from '../src/start.ts';
import type { IncidentStore } from '../src/store.ts';
import { freshStore } from './helpers.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let store: IncidentStore;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ store, drop } = await freshStore());
});
afterAll(() => drop?.());

describe('the read-only API the admin panel reads', () => {
  it('answers incidents and their timeline with its token only', async () => {
    const token = 'a-token-of-the-ops-api-0123456789';
    const api = await startOpsApi({ store, token, listen: { host: '127.0.0.1', port: 0 } });
    try {
      const i = await store.open({
        key: 'disk:main',
        kind: 'disk',
        host: 'main',
        severity: 'major',
        title: 'disk: main',
      });
      await store.event(i.id, 'opened', 'ops-agent', 'disk 93 % used');
      expect((await fetch(`${api.url}/incidents`)).status).toBe(401);
      expect((await fetch(`${api.url}/incidents`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const auth = { headers: { authorization: `Bearer ${token}` } };
      expect(await (await fetch(`${api.url}/incidents`, auth)).json()).toMatchObject([{ id: i.id, state: 'open' }]);
      const one = (await (await fetch(`${api.url}/incidents/${i.id}`, auth)).json()) as { events: { type: string }[] };
      expect(one.events.map((e) => e.type)).toEqual(['opened']);
      expect((await fetch(`${api.url}/incidents/${i.id}`, { ...auth, method: 'POST' })).status).toBe(405);
    } finally {
      await api.stop();
    }
  });
});

describe('the incident store', () => {
  it('outlives PostgreSQL ending its idle connections (a restart): the next query opens a new one', async () => {
    await store.active();
    const database = new URL(store.pool.options.connectionString ?? '').pathname.slice(1);
    const admin = new pg.Client({
      connectionString: process.env.AULA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        'select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()) t',
        [database],
      );
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // The idle connection's end reaches the pool ('error'), which drops it instead of ending the process.
    await expect.poll(() => store.pool.idleCount, { timeout: 15_000 }).toBe(0);
    const after = await store.open({
      key: 'down:main/postgres',
      kind: 'down',
      host: 'main',
      severity: 'minor',
      title: 'down: main/postgres',
    });
    expect(await store.get(after.id)).toMatchObject({ id: after.id, state: 'open' });
  });
});

describe('the settings', () => {
  it('read the servers file, the compose files and the policy; refuse what is wrong in plain words', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-env-'));
    const servers = join(dir, 'servers.json');
    writeFileSync(
      servers,
      JSON.stringify([
        { name: 'main', role: 'main', agent: 'http://10.0.0.3:8070' },
        { name: 'support', role: 'support', agent: 'http://10.0.0.2:8070' },
      ]),
    );
    const base = { AULA_SERVERS: servers, OPS_DATABASE_URL: 'postgres://ops@db/ops', AULA_AGENT_TOKEN: 'x'.repeat(32) };
    const s = readOpsEnv({ ...base, OPS_TELEGRAM_BOT_TOKEN: '1:a', OPS_TELEGRAM_ADMINS: '1001, 1002' }, root);
    expect(s.graphs.main?.web).toContain('directus');
    expect(s.telegram?.admins).toEqual([1001, 1002]);
    expect(s.llm).toBeUndefined();
    expect(s.policy).toEqual({ safeActions: ['restart', 'cleanup', 'backup'], autoConfidence: 0.9 });
    expect(() => readOpsEnv({}, root)).toThrow(/AULA_SERVERS: not set; OPS_DATABASE_URL: not set/);
    expect(() => readOpsEnv({ ...base, OPS_TELEGRAM_BOT_TOKEN: '1:a' }, root)).toThrow(/OPS_TELEGRAM_ADMINS/);
    expect(() => readOpsEnv({ ...base, OPS_SAFE_ACTIONS: 'restart,rm' }, root)).toThrow(/rm is not an action/);
  });
});
