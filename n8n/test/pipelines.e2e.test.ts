import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CourseReadyEvent, TrendScanRequest } from '@aula/domain';
import { emulatorEnv, readLlmSettings } from '@aula/llm';
import { startTestStack, type TestStack } from '@aula/test-stack';
import {
  type ChatEmulator,
  type ChatRequest,
  type Emulator,
  startChatEmulator,
  startProviderEmulator,
} from '@aula/testkit';
import { readWorkerEnv } from '@aula/workers/env';
import { startWorkers } from '@aula/workers/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { type BridgeEnv, readBridgeEnv } from '../src/env.ts';
import { requireN8n } from '../src/install.ts';
import { createApiKey, createN8nApi } from '../src/n8n-api.ts';
import { type RunningN8n, startN8n } from '../src/n8n-process.ts';
import { exportNodeTypes, loadNodeTypeDescriptions } from '../src/node-types.ts';
import { normaliseWorkflow } from '../src/normalise.ts';
import { loadWorkflows } from '../src/workflow-files.ts';
import { startFeedServer, startRecordingProxy } from './feed-server.ts';

/**
 * The three pipelines in a real n8n 2.41.1 (installed by the bootstrap, cached), against the running Aula
 * stack (Directus, the real generation workers, the provider emulator) and local stand-ins for the
 * outside world: a feed server, Chatwoot and Telegram.
 */
const timings: [string, number][] = [];
async function timed<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push([label, Math.round(performance.now() - started)]);
  }
}

const SECRET = randomBytes(16).toString('hex');
const READY_SECRET = randomBytes(16).toString('hex');
const CHATWOOT_TOKEN = randomBytes(12).toString('hex');
const TELEGRAM_TOKEN = `4242:${randomBytes(12).toString('hex')}`;
const workflows = loadWorkflows().map((w) => w.workflow);
const GENERATION = {
  AULA_GENERATION_PROVIDER: 'openai',
  AULA_GENERATION_MODEL: 'gpt-4o-mini',
  AULA_GENERATION_FALLBACKS: '',
};
const PUBLIC_URL = 'https://aula.example.org';

let stack: TestStack;
let emulator: Emulator;
let chat: ChatEmulator;
let n8n: RunningN8n;
let feeds: Awaited<ReturnType<typeof startFeedServer>>;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;
let adminToken: string;
let workerEnv: ReturnType<typeof readWorkerEnv>;
const stops: (() => Promise<unknown>)[] = [];

const webhook = (path: string, body: unknown, secret: string | null = SECRET) =>
  fetch(`${n8n.url}/webhook/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-aula-webhook-secret': secret } : {}) },
    body: JSON.stringify(body),
  });

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const bridgeEnv = (): BridgeEnv => ({
  url: n8n.url,
  apiKey: undefined,
  owner: n8n.owner,
  webhookSecret: SECRET,
  courseReadySecret: READY_SECRET,
  n8nHome: undefined,
});

const directus = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: T }).data;
};

beforeAll(async () => {
  const home = readBridgeEnv().n8nHome;
  // Installed by `npm test`'s bootstrap before any test task starts; missing, this fails at once saying so.
  const install = requireN8n(home);
  await timed('export:nodes check', () => {
    expect(exportNodeTypes(install, workflows)).toEqual(loadNodeTypeDescriptions());
  });
  emulator = await startProviderEmulator();
  stops.push(() => emulator.stop());
  chat = await startChatEmulator({ chatwootToken: CHATWOOT_TOKEN, telegramToken: TELEGRAM_TOKEN });
  stops.push(() => chat.stop());
  feeds = await startFeedServer({
    rss: [
      {
        title: 'Rust 2026 edition lands',
        url: 'https://blog.example.org/rust-2026',
        summary: 'What changes.',
        publishedAt: '2026-11-30T08:00:00Z',
      },
      {
        title: 'Postgres 19 beta',
        url: 'https://blog.example.org/pg19',
        summary: 'New planner.',
        publishedAt: '2026-11-29T08:00:00Z',
      },
    ],
    json: [
      {
        title: 'Small language models on laptops',
        url: 'https://news.example.org/slm',
        summary: 'Local AI.',
        publishedAt: '2026-12-01',
      },
      { title: 'no', summary: 'an entry without a link or a real title is dropped' },
    ],
  });
  stops.push(() => feeds.stop());
  // The course API's trend scan asks the LLM itself: the same emulator, OpenAI's wire.
  const llm = emulatorEnv(emulator.url, GENERATION);
  stack = await timed('Aula stack (Directus + setup)', () =>
    startTestStack({
      env: Object.fromEntries(Object.entries(llm).filter(([, v]) => v !== undefined)) as Record<string, string>,
    }),
  );
  stops.push(() => stack.stop());
  proxy = await startRecordingProxy(stack.url);
  stops.push(() => proxy.stop());
  const pipelineToken = stack.users.find((u) => u.role === 'pipeline')?.token ?? '';
  const courseReady = { url: '', secret: READY_SECRET };
  n8n = await timed('n8n boot (owner can sign in)', () =>
    startN8n({
      ...(home ? { home } : {}),
      env: {
        AULA_API_URL: proxy.url,
        AULA_PIPELINE_TOKEN: pipelineToken,
        AULA_TREND_SOURCES: JSON.stringify([
          { type: 'rss', url: `${feeds.url}/rss.xml`, name: 'Blog RSS' },
          { type: 'json', url: `${feeds.url}/trends.json`, name: 'Trends JSON' },
        ]),
        AULA_TREND_LANGUAGE: 'es',
        AULA_TREND_MAX_PROPOSALS: '3',
        AULA_TREND_AUTO_REQUEST: JSON.stringify({ minScore: 0.9, lessonCount: 1 }),
        AULA_CHATWOOT_URL: chat.url,
        AULA_CHATWOOT_API_TOKEN: CHATWOOT_TOKEN,
        AULA_CHATWOOT_ACCOUNT_ID: '1',
        AULA_CHATWOOT_CONVERSATION_ID: '1',
        AULA_TELEGRAM_API_URL: chat.url,
        AULA_TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
        AULA_TELEGRAM_CHAT_ID: '-1001',
      },
    }),
  );
  stops.push(() => n8n.stop());
  courseReady.url = `${n8n.url}/webhook/aula-course-ready`;
  workerEnv = readWorkerEnv({
    DIRECTUS_URL: stack.url,
    AULA_GENERATOR_TOKEN: stack.users.find((u) => u.role === 'generator')?.token,
    REDIS_URL: stack.redisUrl,
    AULA_REDIS_PREFIX: stack.redisPrefix,
    AULA_COURSE_READY_WEBHOOK_URL: courseReady.url,
    AULA_COURSE_READY_WEBHOOK_SECRET: courseReady.secret,
    AULA_PUBLIC_URL: PUBLIC_URL,
    // n8n listens on loopback here; the guard lets the webhook reach it only because this says so.
    AULA_OUTBOUND_ALLOW: '127.0.0.1',
  });
  workers = await startWorkers(
    workerEnv,
    readLlmSettings(emulatorEnv(emulator.url, { ...GENERATION, BROWSER_USE_API_KEY: '' })),
    { log: () => {} },
  );
  stops.push(async () => workers?.close());
  const res = await fetch(`${stack.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(stack.admin),
  });
  adminToken = ((await res.json()) as { data: { access_token: string } }).data.access_token;

  await timed('bridge deploy', async () => expect(await main(['deploy'], bridgeEnv(), () => {})).toBe(0));
  // Webhooks are registered some seconds after boot: wait on one (403 = registered, wrong secret).
  await timed('webhooks live', () =>
    until('the class-generator webhook', async () =>
      (await webhook('aula-generate-class', {}, 'wrong')).status === 403 ? true : undefined,
    ),
  );
}, 600_000);

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch((error) => console.error(error));
  console.log(
    `n8n pipelines e2e timings:\n${timings.map(([l, ms]) => `  ${l.padEnd(48)} ${(ms / 1000).toFixed(1)} s`).join('\n')}`,
  );
}, 120_000);

describe('bridge', () => {
  it('exports what it deployed exactly as the repository holds it', async () => {
    const api = createN8nApi({ url: n8n.url, apiKey: await createApiKey({ url: n8n.url, ...n8n.owner }) });
    const deployed = await api.listWorkflows();
    for (const workflow of workflows) {
      const found = deployed.find((w) => w.name === workflow.name);
      expect(found?.active).toBe(true);
      expect(normaliseWorkflow(await api.getWorkflow(found!.id))).toEqual(workflow);
    }
  });

  it('`export` writes files identical to the repository’s', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aula-n8n-export-'));
    try {
      expect(await main(['export', '--out', out], bridgeEnv(), () => {})).toBe(0);
      for (const { file } of loadWorkflows())
        expect(readFileSync(join(out, basename(file)), 'utf8')).toBe(readFileSync(file, 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('deploys again without duplicating anything, and lists executions', async () => {
    const lines: string[] = [];
    const env = bridgeEnv();
    await timed('bridge deploy (again)', () => main(['deploy'], env, (l) => lines.push(l)));
    expect(lines.filter((l) => l.startsWith('updated'))).toHaveLength(workflows.length);
    await until('webhook after redeploy', async () =>
      (await webhook('aula-generate-class', {}, 'wrong')).status === 403 ? true : undefined,
    );
    const out: string[] = [];
    expect(await main(['executions', '--limit', '5'], env, (l) => out.push(l))).toBe(0);
    expect(out.length).toBeGreaterThan(0);
  });
});

describe('class generator', () => {
  it('refuses a caller without the shared secret', async () => {
    expect((await webhook('aula-generate-class', { topic: 'Rust' }, null)).status).toBe(403);
  });

  it("passes Aula's 400 back in plain words", async () => {
    const res = await webhook('aula-generate-class', { topic: 'x', language: 'es', lessonCount: 1 });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/^topic: /) });
  });

  it('starts a run that completes', async () => {
    const started = performance.now();
    const res = await webhook('aula-generate-class', { topic: 'Introducción a SQL', language: 'es', lessonCount: 1 });
    expect(res.status).toBe(202);
    const { runId, courseId } = (await res.json()) as { runId: string; courseId: string };
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    const run = await until('the run to end', async () => {
      const r = await directus<{ status: string; course: string; error: string | null }>(
        `/items/generation_runs/${runId}`,
      );
      return ['completed', 'failed', 'cancelled'].includes(r.status) ? r : undefined;
    });
    expect(run).toMatchObject({ status: 'completed', course: courseId });
    timings.push(['class generator: webhook → run completed', Math.round(performance.now() - started)]);
  });
});

describe('course ready', () => {
  const event = (overrides: Partial<CourseReadyEvent> = {}): CourseReadyEvent =>
    CourseReadyEvent.parse({
      event: 'run.completed',
      runId: '0d9b3c52-1f7e-4c55-9a57-5d1a1a0e4b21',
      runKind: 'course',
      courseId: '5b0f2a34-7c1d-4e8f-9b6a-3c2d1e0f9a87',
      courseTitle: 'Introducción a SQL',
      url: 'https://aula.example.org/studio/runs/0d9b3c52-1f7e-4c55-9a57-5d1a1a0e4b21',
      at: new Date().toISOString(),
      ...overrides,
    });

  it('refuses a caller without the secret', async () => {
    expect((await webhook('aula-course-ready', event(), SECRET)).status).toBe(403);
  });

  // Messages are picked by their text: the real workers may notify about the class-generator run too.
  const textOf = (r: ChatRequest) =>
    (r.body as { content?: string; text?: string }).content ?? (r.body as { text?: string }).text;

  it('tells Chatwoot and Telegram which course is ready, with its link', async () => {
    const e = event({ courseTitle: 'Estadística básica' });
    const text = `Curso listo para revisar: «Estadística básica»\n${e.url}`;
    expect((await webhook('aula-course-ready', e, READY_SECRET)).status).toBe(200);
    const [chatwoot, telegram] = await until('both messages', async () => {
      const c = chat.delivered('chatwoot').find((r) => textOf(r) === text);
      const t = chat.delivered('telegram').find((r) => textOf(r) === text);
      return c && t ? [c, t] : undefined;
    });
    expect(chatwoot.body).toEqual({ content: text, message_type: 'outgoing', private: false });
    expect(chatwoot.path).toBe('/api/v1/accounts/1/conversations/1/messages');
    expect(chatwoot.headers.api_access_token).toBe(CHATWOOT_TOKEN);
    expect(telegram.body).toEqual({ chat_id: '-1001', text, disable_web_page_preview: true });
  });

  it('says which run failed in a plain sentence and links to the studio, never the error text', async () => {
    // An event from an older worker that still carries the error: the workflow does not read it.
    const e = { ...event({ event: 'run.failed', courseTitle: 'Geometría' }), error: '429 quota of org-secret' };
    await webhook('aula-course-ready', e, READY_SECRET);
    const text = `La generación de «Geometría» falló. El motivo está en el estudio.\n${e.url}`;
    await until('the Telegram message', async () => chat.delivered('telegram').find((r) => textOf(r) === text));
    expect(chat.requests.some((r) => JSON.stringify(r.body).includes('org-secret'))).toBe(false);
  });

  it('is called by the real workers when a run ends', async () => {
    const res = await webhook('aula-generate-class', { topic: 'Hojas de cálculo', language: 'es', lessonCount: 1 });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const link = `${PUBLIC_URL}/studio/runs/${runId}`;
    const mine = (r: ChatRequest) => textOf(r)?.endsWith(link);
    const [c, t] = await until('both messages', async () => {
      const found = [chat.delivered('chatwoot').find(mine), chat.delivered('telegram').find(mine)];
      return found[0] && found[1] ? found : undefined;
    });
    expect(textOf(t!)).toMatch(/^Curso listo para revisar: «.+»\n/);
    expect(textOf(c!)).toBe(textOf(t!));
  });

  it('retries Telegram after a 429 with retry_after', async () => {
    chat.reset();
    chat.script('telegram', { status: 429, retryAfter: 1 });
    await webhook('aula-course-ready', event({ courseTitle: 'Álgebra' }), READY_SECRET);
    const mine = () => chat.requests.filter((r) => r.service === 'telegram' && textOf(r)?.includes('«Álgebra»'));
    await until('the retried Telegram message', async () => mine().find((r) => r.status === 200));
    expect(mine().map((r) => r.status)).toEqual([429, 200]);
  });
});

describe('trend scan', () => {
  const scans = () => proxy.recorded.filter((r) => r.path === '/aula/proposals/scan');

  it('posts the feed items as a TrendScanRequest; Aula stores the proposals and requests the best one', async () => {
    const started = performance.now();
    const proposal = (title: string, score: number, link: string) => ({
      title,
      audience: 'Personas adultas que trabajan',
      whyNow: 'Acaba de salir y mucha gente lo está buscando.',
      sourceLinks: [link],
      score,
    });
    emulator.script(
      { model: GENERATION.AULA_GENERATION_MODEL, body: /Rust 2026 edition lands/ },
      {
        json: {
          proposals: [
            proposal('Rust 2026 para principiantes', 0.95, 'https://blog.example.org/rust-2026'),
            proposal('Modelos de lenguaje en tu portátil', 0.5, 'https://news.example.org/slm'),
          ],
        },
      },
    );
    const before = scans().length;
    const res = await webhook('aula-trend-scan', {});
    expect(scans()).toHaveLength(before + 1);
    const scan = scans().at(-1)!;
    const body = TrendScanRequest.parse(scan.body);
    expect(body.items.map((i) => i.title).sort()).toEqual([
      'Postgres 19 beta',
      'Rust 2026 edition lands',
      'Small language models on laptops',
    ]);
    expect(body.items.find((i) => i.url === 'https://news.example.org/slm')).toMatchObject({
      source: 'Trends JSON',
      summary: 'Local AI.',
    });
    expect(body.items.find((i) => i.url === 'https://blog.example.org/pg19')).toMatchObject({
      source: 'Blog RSS',
      publishedAt: '2026-11-29T08:00:00.000Z',
    });
    expect(body).toMatchObject({ language: 'es', maxProposals: 3, autoRequest: { minScore: 0.9, lessonCount: 1 } });
    expect(scan.headers.authorization).toBe(`Bearer ${stack.users.find((u) => u.role === 'pipeline')?.token}`);
    expect(scan.status).toBe(200);
    expect(res.status).toBe(200);
    timings.push(['trend scan: webhook → proposals stored', Math.round(performance.now() - started)]);

    const stored = await directus<{ title: string; status: string; course: string | null }[]>(
      '/items/topic_proposals?fields=title,status,course&sort=title&limit=-1',
    );
    expect(stored.map((p) => [p.title, p.status])).toEqual([
      ['Modelos de lenguaje en tu portátil', 'new'],
      ['Rust 2026 para principiantes', 'accepted'],
    ]);
  });

  it('fetches only the configured sources: sources named in the run-now call are ignored', async () => {
    const before = scans().length;
    const fetched = feeds.requests.length;
    await webhook('aula-trend-scan', {
      sources: [{ type: 'rss', url: `${feeds.url}/internal-admin.xml`, name: 'Chosen by the caller' }],
    });
    expect(scans()).toHaveLength(before + 1);
    expect(feeds.requests.slice(fetched).sort()).toEqual(['/rss.xml', '/trends.json']);
    const body = TrendScanRequest.parse(scans().at(-1)!.body);
    expect(new Set(body.items.map((i) => i.source))).toEqual(new Set(['Blog RSS', 'Trends JSON']));
  });
});
