import { createApi, qs } from '@aula/data';
import { emulatorEnv, readLlmSettings } from '@aula/llm';
import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { inject } from 'vitest';

export { outlineOf } from '@aula/testkit';

import { readWorkerEnv } from '../src/env.ts';
import { startWorkers } from '../src/runtime.ts';

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** What Browser Use "found": two good pages, a parked domain and a dead link (the last two are dropped). */
export const referencesFound = (url: string) => ({
  references: [
    { url: `${url}/web/ok/presupuesto`, title: 'Guía de presupuesto', why: 'Explica el método paso a paso.' },
    { url: `${url}/web/ok/ahorro`, title: 'Ahorro', why: 'Ejemplos de ahorro.' },
    { url: `${url}/web/parked/finanzas`, title: 'Dominio', why: 'x' },
    { url: `${url}/web/missing/x`, title: 'Roto', why: 'x' },
  ],
});

/**
 * The test's world: the stack's Directus, a provider emulator, and the generation workers running
 * in this process against real Redis, pointed at the emulator through the environment.
 */
export async function startHarness(
  llmOverrides: Record<string, string> = {},
  workerOverrides: Record<string, string> = {},
) {
  const stack = inject('stack');
  const emu: Emulator = await startProviderEmulator();
  const generator = stack.users.find((u) => u.role === 'generator');
  const workerEnv = {
    DIRECTUS_URL: stack.url,
    AULA_GENERATOR_TOKEN: generator?.token,
    REDIS_URL: stack.redisUrl,
    AULA_REDIS_PREFIX: stack.redisPrefix,
    AULA_WORKER_LOCK_MS: '3000',
    // The emulator's pages and the test webhooks are on loopback.
    AULA_OUTBOUND_ALLOW: '127.0.0.1',
    // No periodic re-check of references in the background of other tests (recheck-references.test.ts turns it on).
    AULA_REFERENCES_RECHECK_MS: '0',
    ...workerOverrides,
  };
  const llmEnv = emulatorEnv(emu.url, {
    AULA_LLM_MAX_RETRIES: '2',
    AULA_GENERATION_PROVIDER: 'openai',
    AULA_GENERATION_MODEL: 'gpt-4o-mini',
    AULA_GENERATION_FALLBACKS: 'groq:llama-3.1-8b-instant',
    ...llmOverrides,
  });
  const workers = await startWorkers(readWorkerEnv(workerEnv), readLlmSettings(llmEnv), { log: () => {} });
  const editor = stack.users.find((u) => u.role === 'contentManager');
  const { access_token } = await createApi(stack.url).request<{ access_token: string }>('POST', '/auth/login', {
    email: editor?.email,
    password: editor?.password,
  });
  const api = createApi(stack.url, access_token);
  const editorId = (await api.request<{ id: string }>('GET', '/users/me?fields=id')).id;
  /** A call as the editor that may fail: its status and error message, for asserting refusals. */
  async function call(method: string, path: string, body?: unknown, token: string | null = access_token) {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, any>;
    return { status: res.status, body: json, message: String(json.errors?.[0]?.message ?? '') };
  }
  const admin = createApi(
    stack.url,
    (
      await createApi(stack.url).request<{ access_token: string }>('POST', '/auth/login', {
        email: stack.admin.email,
        password: stack.admin.password,
      })
    ).access_token,
  );

  async function waitForRun(runId: string, until = ['completed', 'failed', 'cancelled'], timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await api.request<Record<string, any>>('GET', `/aula/runs/${runId}`);
      if (until.includes(run.status)) return run;
      if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status}: ${JSON.stringify(run.steps)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The course as tests check it, nested three levels deep (read loosely: tests assert every field). */
  async function courseContent(courseId: string) {
    const fields = {
      fields: [
        'status',
        'title',
        'estimated_minutes',
        'lessons.id',
        'lessons.title',
        'lessons.body',
        'lessons.quizzes.id',
        'lessons.quizzes.questions.id',
        'lessons.quizzes.questions.prompt',
        'lessons.references.url',
      ],
    };
    return admin.request<Record<string, any>>('GET', `/items/courses/${courseId}${qs(fields)}`);
  }

  return {
    stack,
    emu,
    api,
    admin,
    editorId,
    call,
    workerEnv: { ...workerEnv, ...llmEnv },
    waitForRun,
    courseContent,
    generate: (body: Record<string, unknown>) =>
      api.request<{ runId: string; courseId: string }>('POST', '/aula/courses/generate', {
        topic: 'Finanzas personales',
        language: 'es',
        ...body,
      }),
    /** The workers' `GET /metrics`, when the test set AULA_WORKERS_METRICS_PORT. */
    metricsUrl: workers.metricsUrl,
    stopWorkers: () => workers.close(),
    async stop() {
      await workers.close();
      await emu.stop();
    },
  };
}
