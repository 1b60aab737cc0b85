import { randomBytes } from 'node:crypto';
import { type Api, createApi, DirectusError, items } from '@aula/data';
import { createLlm, emulatorEnv, readLlmSettings } from '@aula/llm';
import { DENY_ALL_PRIVATE } from '@aula/net';
import { createSpendLedger } from '@aula/spend';
import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WorkerCtx } from '../src/context.ts';
import { lesson } from '../src/processors/lesson.ts';
import { completeRun } from '../src/steps.ts';

/**
 * A step that failed for good must stay failed when its job is delivered again: BullMQ retries a job
 * whose failure could not be recorded (Directus answered 503 "Under pressure" on a loaded machine),
 * and the stalled check hands out again a job whose lock expired. Redoing the step then met a provider
 * that answered, and a run that had failed went on to "completed".
 */
let emu: Emulator;
let admin: Api;
let generator: Api;
let redis: Redis;
let redisPrefix: string;
beforeAll(async () => {
  const stack = inject('stack');
  redis = new Redis(stack.redisUrl);
  redisPrefix = stack.redisPrefix;
  emu = await startProviderEmulator();
  const { access_token } = await createApi(stack.url).request<{ access_token: string }>(
    'POST',
    '/auth/login',
    stack.admin,
  );
  admin = createApi(stack.url, access_token);
  generator = createApi(stack.url, stack.users.find((u) => u.role === 'generator')?.token);
});
afterAll(async () => {
  await emu?.stop();
  redis?.disconnect();
});

/** The Generator's client, but Directus turns away the first write of a run's "failed" status. */
function underPressureOnce(api: Api): Api {
  let refused = false;
  return {
    url: api.url,
    request(method, path, body) {
      const failing = (body as { status?: string } | undefined)?.status === 'failed';
      if (!refused && method === 'PATCH' && path.startsWith('/items/generation_runs/') && failing) {
        refused = true;
        return Promise.reject(new DirectusError(503, path, 'Under pressure'));
      }
      return api.request(method, path, body);
    },
  };
}

function workerCtx(api: Api): WorkerCtx {
  const llm = createLlm(
    readLlmSettings(
      emulatorEnv(emu.url, {
        AULA_GENERATION_PROVIDER: 'openai',
        AULA_GENERATION_MODEL: 'gpt-4o-mini',
        AULA_GENERATION_FALLBACKS: 'groq:llama-3.1-8b-instant',
      }),
    ),
  );
  return {
    api,
    llm,
    queue: undefined as never,
    throttle: async () => {},
    // The real ledger on the stack's Redis prefix (the global setup removes its keys), no daily ceiling.
    spend: {
      ledger: createSpendLedger(redis),
      prefix: redisPrefix,
      daily: { maxUsd: null, maxTokens: null },
      log: () => {},
    },
    log: () => {},
    referencesEnabled: false,
    notifyRunEnded: () => {},
    outboundPolicy: DENY_ALL_PRIVATE,
  };
}

/** A course with one lesson to write, and its run, as the outline step leaves them. */
async function createRun() {
  const slug = `fallo-${randomBytes(4).toString('hex')}`;
  const course = await items(admin, 'courses').create({ title: 'Fallo', slug, language: 'es', status: 'generating' });
  const module = await items(admin, 'modules').create({ course: course.id, title: 'Módulo', sort: 1 });
  const row = await items(admin, 'lessons').create({
    course: course.id,
    module: module.id,
    title: 'Lección 1',
    slug: `${slug}-1`,
    objectives: ['Entender el presupuesto'],
    estimated_minutes: 10,
    sort: 1,
  });
  const run = await items(admin, 'generation_runs').create({
    course: course.id,
    status: 'running',
    request: { kind: 'course', topic: 'Fallo', language: 'es', lessonCount: 1 },
    progress_total: 5,
  });
  return { runId: run.id, lessonId: row.id };
}

const state = async (runId: string, lessonId: string) => ({
  run: await items(admin, 'generation_runs').get(runId, { fields: ['status', 'error'] }),
  steps: await items(admin, 'generation_steps').list({
    filter: { run: { _eq: runId } },
    fields: ['kind', 'status', 'attempts', 'error'],
  }),
  body: (await items(admin, 'lessons').get(lessonId, { fields: ['body'] })).body,
});

describe('a step that failed for good', () => {
  it('is not done again when its job comes back, and its run ends failed', async () => {
    emu.reset();
    emu.script({ model: 'gpt-4o-mini', body: /write one lesson/ }, { status: 400, message: 'bad request' });
    const { runId, lessonId } = await createRun();
    const ctx = workerCtx(underPressureOnce(generator));
    const job = { attemptsMade: 0, opts: { attempts: 4 } };

    // The provider refuses for good; writing that on the run meets a 503, so BullMQ will retry the job.
    const first = await lesson(ctx, job, { runId, lessonId }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DirectusError);
    expect(first).not.toBeInstanceOf(UnrecoverableError);
    expect((await state(runId, lessonId)).steps).toMatchObject([{ kind: 'lesson', status: 'failed', attempts: 1 }]);

    // BullMQ's retry, then a stalled re-delivery: no new provider call, the failure is finished instead.
    for (const attemptsMade of [1, 1]) {
      const again = await lesson(ctx, { ...job, attemptsMade }, { runId, lessonId }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(UnrecoverableError);
      expect((again as Error).message).toMatch(/400 bad request/);
    }
    expect(emu.requests.filter((r) => r.model === 'gpt-4o-mini')).toHaveLength(1);
    const after = await state(runId, lessonId);
    expect(after.run).toMatchObject({ status: 'failed', error: expect.stringMatching(/lesson step failed: .*400/) });
    expect(after.steps).toMatchObject([{ kind: 'lesson', status: 'failed', attempts: 1 }]);
    expect(after.body).toBeNull();
  });

  it('keeps its run failed: only a running run becomes completed', async () => {
    const { runId } = await createRun();
    await items(admin, 'generation_runs').update(runId, { status: 'failed', error: 'lesson step failed: 400' });
    expect(await completeRun(workerCtx(generator), runId)).toBe(false);
    expect(await items(admin, 'generation_runs').get(runId, { fields: ['status'] })).toEqual({ status: 'failed' });

    await items(admin, 'generation_runs').update(runId, { status: 'running', error: null });
    expect(await completeRun(workerCtx(generator), runId)).toBe(true);
    expect(await items(admin, 'generation_runs').get(runId, { fields: ['status'] })).toEqual({ status: 'completed' });
  });
});
