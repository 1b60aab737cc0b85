import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorEnv } from '@aula/llm';
import {
  accessToken,
  assertWebBuilt,
  freePort,
  type RunningWeb,
  type RunningWorkers,
  startTestStack,
  startWeb,
  startWorkers,
} from '@aula/test-stack';
import { type ChatEmulator, type Emulator, startChatEmulator, startProviderEmulator } from '@aula/testkit';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    web: { url: string; directusUrl: string; admin: { email: string; password: string } };
    /**
     * The stack's database and Redis, for a test that runs a second Directus on them (trusted-proxies.test.ts)
     * or adds a job for the workers (references.test.ts: the references' re-check).
     */
    stack: { databaseUrl: string; redisUrl: string; redisPrefix: string };
    /** The provider emulator every LLM call of the web server goes to (script it with connectEmulator). */
    emulatorUrl: string;
    /** The generation workers' provider and model (answered by the emulator; script it by this model). */
    generationModel: string;
    /**
     * The admin panel's servers file (AULA_SERVERS, read by the site on every request: a test writes
     * into it the agents it starts) and the agents' token (AULA_AGENT_TOKEN) the site sends them.
     */
    agents: { serversFile: string; token: string };
    /** Where the site reads the ops agent's incidents (AULA_OPS_URL, AULA_OPS_TOKEN): a test starts its API there. */
    ops: { port: number; token: string };
    /** AULA_METRICS_TOKEN of the web server and the workers, and the workers' GET /metrics. */
    metrics: { token: string; workersUrl: string };
    /** The Chatwoot emulator the course API's chat channel answers through, and the Agent Bot webhook's secret. */
    chatwoot: { url: string; secret: string };
  }
}

const DRAFT_SLUG = 'curso-borrador';
const METRICS_TOKEN = randomBytes(16).toString('hex');
const CHATWOOT_SECRET = randomBytes(16).toString('hex');

/** What the generation workers call: OpenAI's wire at the emulator, no fallback, no Browser Use. */
const GENERATION_MODEL = 'gpt-4o-mini';
const GENERATION_ENV = {
  AULA_GENERATION_PROVIDER: 'openai',
  AULA_GENERATION_MODEL: GENERATION_MODEL,
  AULA_GENERATION_FALLBACKS: '',
  BROWSER_USE_API_KEY: '',
};

/**
 * Directus with the demo course plus a draft, the provider emulator (the tutor: Groq first, Gemini as
 * the fallback; the studio's course generation: OpenAI), the generation workers, and the built web app
 * in front of them.
 */
export default async function globalSetup(project: TestProject) {
  assertWebBuilt();
  const emulator: Emulator = await startProviderEmulator();
  // The tutor on Telegram/WhatsApp (chat-links.test.ts): Chatwoot, emulated.
  const chatwoot: ChatEmulator = await startChatEmulator();
  // The course API's own LLM call (the trend scan) goes to the emulator too, with the workers' settings.
  const generation = emulatorEnv(emulator.url, GENERATION_ENV);
  const directusLlm = Object.fromEntries(
    Object.entries(generation).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const stack = await startTestStack({
    env: {
      AULA_TUTOR_MESSAGES_PER_MINUTE: '8',
      ...directusLlm,
      // Directus's own metrics (always on) for a scraper with the token; refreshed every 2 s, not every minute.
      METRICS_TOKENS: METRICS_TOKEN,
      METRICS_SCHEDULE: '*/2 * * * * *',
      AULA_CHATWOOT_URL: chatwoot.url,
      AULA_CHATWOOT_API_TOKEN: 'chatwoot-test-token',
      AULA_CHATWOOT_ACCOUNT_ID: '1',
      AULA_CHATWOOT_WEBHOOK_SECRET: CHATWOOT_SECRET,
    },
  }).catch(async (error) => {
    await emulator.stop();
    await chatwoot.stop();
    throw error;
  });
  let web: RunningWeb | undefined;
  let workers: RunningWorkers | undefined;
  // No servers until a test writes some (admin.test.ts starts a real host agent).
  const agentsDir = mkdtempSync(join(tmpdir(), 'aula-web-agents-'));
  const agents = { serversFile: join(agentsDir, 'servers.json'), token: randomBytes(24).toString('hex') };
  writeFileSync(agents.serversFile, '[]\n');
  const ops = { port: await freePort(), token: randomBytes(24).toString('hex') };
  try {
    // The studio's runs are made by the real workers (their own process, as npm start runs them) on the stack's Redis prefix.
    workers = await startWorkers(stack, {
      ...generation,
      AULA_WORKERS_METRICS_PORT: '0',
      AULA_METRICS_TOKEN: METRICS_TOKEN,
      // The references' re-check reaches the test's own sites on loopback (references.test.ts).
      AULA_OUTBOUND_ALLOW: '127.0.0.1',
    });
    const token = await accessToken(stack.url, stack.admin);
    const res = await fetch(`${stack.url}/items/courses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: 'Curso borrador de Python',
        slug: DRAFT_SLUG,
        status: 'draft',
        language: 'es',
        level: 'beginner',
      }),
    });
    if (!res.ok) throw new Error(`creating the draft course: ${res.status} ${await res.text()}`);
    web = await startWeb({
      directusUrl: stack.url,
      env: {
        // The tutor's chain (and the provider check's generation chain; the request form asks the course API).
        ...emulatorEnv(emulator.url, {
          ...GENERATION_ENV,
          AULA_TUTOR_PROVIDER: 'groq',
          AULA_TUTOR_FALLBACKS: 'gemini',
        }),
        AULA_TUTOR_SERVICE_KEY: stack.tutorServiceKey,
        // The tests play the proxy in front of the site: each browser context says, in X-Forwarded-For,
        // an address of its own (browser.ts), so Directus's per-address limits count people apart.
        AULA_TRUSTED_PROXIES: 'loopback',
        AULA_SERVERS: agents.serversFile,
        AULA_AGENT_TOKEN: agents.token,
        AULA_OPS_URL: `http://127.0.0.1:${ops.port}`,
        AULA_OPS_TOKEN: ops.token,
        AULA_METRICS_TOKEN: METRICS_TOKEN,
        // The address canonical links, the sitemap and JSON-LD name (seo.test.ts), whatever Host a request says.
        AULA_PUBLIC_URL: 'https://aula.example.org',
      },
    });
  } catch (error) {
    await workers?.stop();
    await stack.stop();
    await emulator.stop();
    await chatwoot.stop();
    rmSync(agentsDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('agents', agents);
  project.provide('ops', ops);
  project.provide('web', { url: web.url, directusUrl: stack.url, admin: stack.admin });
  project.provide('stack', {
    databaseUrl: stack.databaseUrl,
    redisUrl: stack.redisUrl,
    redisPrefix: stack.redisPrefix,
  });
  project.provide('emulatorUrl', emulator.url);
  project.provide('chatwoot', { url: chatwoot.url, secret: CHATWOOT_SECRET });
  project.provide('generationModel', GENERATION_MODEL);
  // The workers say where their metrics listen in their start-up line (a free port each run).
  const workersUrl = /metrics at (http:\/\/[^\s"]+\/metrics)/.exec(workers.output())?.[1];
  if (!workersUrl) throw new Error(`the workers did not say where their metrics are:\n${workers.output()}`);
  project.provide('metrics', { token: METRICS_TOKEN, workersUrl });
  return async () => {
    await web?.stop();
    await workers?.stop();
    await stack.stop();
    await emulator.stop();
    await chatwoot.stop();
    rmSync(agentsDir, { recursive: true, force: true });
  };
}
