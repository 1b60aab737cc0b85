import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bullPrefix, GENERATION_QUEUE, readQueueDepth, redisConnection } from '@aula/jobs';
import type { BackupEntry } from '@aula/ops';
import { backupLibrary, type RunningAgent, startAgent } from '@aula/ops/agent';
import { registerQueueDepth } from '@aula/telemetry/metrics';
import { type MetricsServer, startMetricsServer } from '@aula/telemetry/metrics-server';
import { type ChatEmulator, type ChatRequest, startChatEmulator } from '@aula/testkit';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import type { BridgeEnv } from '../src/env.ts';
import { readBridgeEnv } from '../src/env.ts';
import { createApiKey, createN8nApi } from '../src/n8n-api.ts';
import { type RunningN8n, startN8n } from '../src/n8n-process.ts';
import { normaliseWorkflow } from '../src/normalise.ts';
import { loadWorkflows } from '../src/workflow-files.ts';

/**
 * The operations workflows in a real n8n against the real host agent (@aula/ops, as `aula serve main`
 * runs it) backing up a real PostgreSQL database, a real BullMQ queue's depth behind the workers'
 * metrics listener, and the Chatwoot/Telegram emulators. The thresholds are set so that the disk is
 * always "over" (1 %) and any waiting job counts as stuck (0 min).
 */
const SECRET = randomBytes(16).toString('hex');
const AGENT_TOKEN = randomBytes(24).toString('hex');
const METRICS_TOKEN = randomBytes(16).toString('hex');
const CHATWOOT_TOKEN = randomBytes(12).toString('hex');
const TELEGRAM_TOKEN = `4242:${randomBytes(12).toString('hex')}`;
const SERVER_URL = process.env.AULA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const database = `aula_ops_e2e_${randomBytes(4).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
})();
const prefix = `aula-ops-e2e-${randomBytes(4).toString('hex')}:`;
const home = mkdtempSync(join(tmpdir(), 'aula-ops-e2e-'));
const backupsDir = join(home, 'backups');
const OPS_WORKFLOWS = ['Aula: nightly backup', 'Aula: health alerts'];

let chat: ChatEmulator;
let agent: RunningAgent | undefined;
let metrics: MetricsServer;
let queue: Queue;
let n8n: RunningN8n;
const stops: (() => Promise<unknown>)[] = [];
const timings: [string, number][] = [];

async function sql(text: string, url = SERVER_URL) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const webhook = (path: string, secret = SECRET) =>
  fetch(`${n8n.url}/webhook/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-aula-webhook-secret': secret },
    body: '{}',
  });
const textOf = (r: ChatRequest) => (r.body as { text?: string }).text ?? (r.body as { content?: string }).content;
/** The one message a run sent, once both channels have it (the same text on each). */
async function message(what: string): Promise<string> {
  const [telegram, chatwoot] = await until(what, () => {
    const t = chat.delivered('telegram')[0];
    const c = chat.delivered('chatwoot')[0];
    return t && c ? [t, c] : undefined;
  });
  expect(textOf(chatwoot)).toBe(textOf(telegram));
  expect(telegram.body).toMatchObject({ chat_id: '-1001', disable_web_page_preview: true });
  expect(chatwoot.headers.api_access_token).toBe(CHATWOOT_TOKEN);
  return textOf(telegram)!;
}
const agentGet = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${agent!.url}${path}`, { headers: { authorization: `Bearer ${AGENT_TOKEN}` } });
  return (await res.json()) as T;
};

const bridgeEnv = (): BridgeEnv => ({
  url: n8n.url,
  apiKey: undefined,
  owner: n8n.owner,
  webhookSecret: SECRET,
  courseReadySecret: randomBytes(16).toString('hex'),
  n8nHome: undefined,
});

beforeAll(async () => {
  const home8n = readBridgeEnv().n8nHome;
  chat = await startChatEmulator({ chatwootToken: CHATWOOT_TOKEN, telegramToken: TELEGRAM_TOKEN });
  stops.push(() => chat.stop());
  // Main's database: a small table the backup dumps and checks.
  await sql(`CREATE DATABASE ${database}`);
  stops.push(() => sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  await sql('CREATE TABLE courses (id serial PRIMARY KEY, title text NOT NULL)', databaseUrl);
  await sql("INSERT INTO courses (title) SELECT 'Curso ' || n FROM generate_series(1, 50) AS n", databaseUrl);
  agent = await startAgent({
    host: 'main',
    role: 'main',
    token: AGENT_TOKEN,
    listen: { host: '127.0.0.1', port: 0 },
    home,
    services: { list: () => [], restart: async () => {}, log: () => [], stop: async () => {}, start: async () => {} },
    databaseUrl,
    backupsDir,
    backups: backupLibrary({ host: 'main', aulaVersion: '0.1.0', databaseUrl }),
    aulaVersion: '0.1.0',
    sampleIntervalMs: 500,
  });
  stops.push(async () => agent?.stop());
  // The workers' metrics listener over a real generation queue (no workers take its jobs here).
  queue = new Queue(GENERATION_QUEUE, { connection: redisConnection(REDIS_URL), prefix: bullPrefix(prefix) });
  stops.push(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });
  registerQueueDepth(async () => [await readQueueDepth(queue)]);
  metrics = await startMetricsServer({ port: 0, host: '127.0.0.1', token: METRICS_TOKEN });
  stops.push(() => metrics.close());
  const started = performance.now();
  n8n = await startN8n({
    ...(home8n ? { home: home8n } : {}),
    env: {
      AULA_AGENT_URL: agent.url,
      AULA_AGENT_TOKEN: AGENT_TOKEN,
      AULA_BACKUP_POLL_SECONDS: '1',
      AULA_ALERT_DISK_PERCENT: '1',
      AULA_ALERT_BACKUP_HOURS: '24',
      AULA_ALERT_QUEUE_MINUTES: '0',
      AULA_WORKERS_METRICS_URL: metrics.url,
      AULA_METRICS_TOKEN: METRICS_TOKEN,
      AULA_CHATWOOT_URL: chat.url,
      AULA_CHATWOOT_API_TOKEN: CHATWOOT_TOKEN,
      AULA_CHATWOOT_ACCOUNT_ID: '1',
      AULA_CHATWOOT_CONVERSATION_ID: '1',
      AULA_TELEGRAM_API_URL: chat.url,
      AULA_TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      AULA_TELEGRAM_CHAT_ID: '-1001',
    },
  });
  stops.push(() => n8n.stop());
  timings.push(['n8n boot', Math.round(performance.now() - started)]);
  expect(await main(['deploy'], bridgeEnv(), () => {})).toBe(0);
  await until('the run-now webhooks', async () =>
    (await webhook('aula-health-check', 'wrong')).status === 403 &&
    (await webhook('aula-backup-now', 'wrong')).status === 403
      ? true
      : undefined,
  );
}, 600_000);

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch((error) => console.error(error));
  rmSync(home, { recursive: true, force: true });
  console.log(
    `n8n ops e2e timings:\n${timings.map(([l, ms]) => `  ${l.padEnd(40)} ${(ms / 1000).toFixed(1)} s`).join('\n')}`,
  );
}, 120_000);

beforeEach(() => chat.reset());

describe('health alerts', () => {
  it('refuses a run-now caller without the secret', async () => {
    expect((await webhook('aula-health-check', 'not-the-secret')).status).toBe(403);
    expect((await webhook('aula-backup-now', 'not-the-secret')).status).toBe(403);
  });

  it('alert when no backup exists, the disk is over the threshold and a generation job waits', async () => {
    await queue.add('outline', { runId: '7d1c2a9e-4b7f-4c1e-9a55-0c7d6f3b2e11' });
    const started = performance.now();
    expect((await webhook('aula-health-check')).status).toBe(200);
    const text = await message('the alert');
    timings.push(['health check → alert', Math.round(performance.now() - started)]);
    const status = await agentGet<{ disk: { usedBytes: number; totalBytes: number; path: string } }>('/status');
    const percent = Math.round((status.disk.usedBytes / status.disk.totalBytes) * 100);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Aula: 3 avisos');
    expect(lines).toContain(`- Disco de Main al ${percent} % (${home}), por encima del 1 %.`);
    expect(lines).toContain('- Ninguna copia de seguridad de Main en las últimas 24 h (no hay ninguna).');
    expect(lines.find((l) => l.startsWith('- La cola de generación no avanza: un trabajo espera desde hace '))).toMatch(
      /hace \d+ min \(límite 0 min\)\.$/,
    );
  });
});

describe('nightly backup', () => {
  it('backs Main up through its agent, waits for the operation and reports it with its size', async () => {
    const started = performance.now();
    expect((await webhook('aula-backup-now')).status).toBe(200);
    const text = await message('the backup report');
    timings.push(['backup run-now → report', Math.round(performance.now() - started)]);
    const [entry] = await agentGet<BackupEntry[]>('/backups');
    expect(entry).toMatchObject({ kind: 'full' });
    expect(entry!.manifest.tables).toContainEqual(expect.objectContaining({ table: 'public.courses', rows: 50 }));
    expect(text).toMatch(
      new RegExp(
        `^Copia de seguridad nocturna de Main hecha: ${entry!.id} \\(${(entry!.bytes / 1048576).toFixed(1)} MB, \\d+ s\\)\\.$`,
      ),
    );
    // The agent's audit names who asked.
    const audit = await agentGet<{ actor: string; action: string }[]>('/audit?limit=20');
    expect(audit).toContainEqual(expect.objectContaining({ actor: 'n8n: nightly backup' }));
  });

  it('after the backup and with the queue moving, only the disk is left to alert about', async () => {
    await queue.obliterate({ force: true });
    expect((await webhook('aula-health-check')).status).toBe(200);
    const text = await message('the alert');
    expect(text.split('\n')).toEqual(['Aula: un aviso', expect.stringMatching(/^- Disco de Main al \d+ %/)]);
  });

  it('reports a failed backup with its reason, and leaves nothing that looks whole', async () => {
    const before = await agentGet<BackupEntry[]>('/backups');
    const files = readdirSync(backupsDir).sort();
    await sql(`DROP DATABASE ${database} WITH (FORCE)`);
    expect((await webhook('aula-backup-now')).status).toBe(200);
    const text = await message('the failure report');
    expect(text).toMatch(/^La copia de seguridad nocturna de Main falló: .+\.$/);
    expect(text).toContain(database);
    expect(await agentGet<BackupEntry[]>('/backups')).toEqual(before);
    // No partial archive or temporary file left beside the complete ones.
    expect(readdirSync(backupsDir).sort()).toEqual(files);
  });

  it('says so when Main’s agent does not answer', async () => {
    await agent?.stop();
    agent = undefined;
    expect((await webhook('aula-health-check')).status).toBe(200);
    const text = await message('the alert');
    expect(text.split('\n')[1]).toMatch(/^- El agente de Main no responde: /);
  });
});

describe('bridge', () => {
  it('n8n holds the operations workflows exactly as the repository does', async () => {
    const api = createN8nApi({ url: n8n.url, apiKey: await createApiKey({ url: n8n.url, ...n8n.owner }) });
    const deployed = await api.listWorkflows();
    for (const { workflow, file } of loadWorkflows().filter((w) => OPS_WORKFLOWS.includes(w.workflow.name))) {
      const found = deployed.find((w) => w.name === workflow.name);
      expect(found?.active).toBe(true);
      expect(normaliseWorkflow(await api.getWorkflow(found!.id))).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    }
  });
});
