import { createSpendLedger, dailyCeiling } from '@aula/spend';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, outlineOf, startHarness } from './harness.ts';

/**
 * Spending ceilings with the real workers, the real course API, real Redis and the provider emulator:
 * parallel lesson steps against a small site-wide budget, models without a price, regenerations.
 * Each test runs its own workers, so that only one set of workers takes jobs at a time.
 */
let h: Harness | undefined;
let redis: Redis;
const markdown = `## Presupuesto\n\n${'Anotar ingresos y gastos cada semana ayuda a decidir mejor. '.repeat(6)}`;

beforeAll(async () => {
  const probe = await startHarness();
  redis = new Redis(probe.stack.redisUrl);
  await probe.stop();
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
afterAll(() => redis?.quit());

/**
 * Directus's pressure limiter answers 503 when the machine is loaded (tests share two cores): the
 * calls this file makes to read or start runs are sent again then, never anything else.
 */
async function patient<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if ((error as { status?: number }).status !== 503 || attempt === 20) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** The worst case the workers hold for one recorded chat request: its input (characters / 4) and its output budget. */
function worstTokens(body: any): number {
  const input = Math.ceil((body.messages as { content: string }[]).map((m) => m.content).join('\n').length / 4);
  return input + Number(body.max_completion_tokens ?? body.max_tokens);
}
const chatRequests = (harness: Harness) => harness.emu.requests.filter((r) => r.route === 'openai');

/** Today's site-wide generation budget starts empty (other test files spent from it). */
async function freshDay(harness: Harness) {
  await redis.del(
    ...['', ':held'].map(
      (s) => `${dailyCeiling(harness.stack.redisPrefix, 'generation', { maxUsd: null, maxTokens: null }).key}${s}`,
    ),
  );
}

function scriptCourse(harness: Harness, lessons: number, delayMs = 0) {
  harness.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(lessons) });
  for (let i = 0; i < lessons; i++)
    harness.emu.script({ model: 'gpt-4o-mini', body: /write one lesson/ }, { json: { markdown }, delayMs });
}

describe('the site-wide daily generation budget', () => {
  it('holds against lesson steps running in parallel: the calls that went out never together pass it', {
    timeout: 240_000,
  }, async () => {
    // Measure what a 4-lesson course's calls hold, with no ceiling: the outline and the four lesson calls.
    h = await startHarness();
    scriptCourse(h, 4);
    const { runId: measuring } = await patient(() => h!.generate({ lessonCount: 4 }));
    const isLesson = (r: { body: unknown }) => /write one lesson/.test(JSON.stringify(r.body));
    for (const deadline = Date.now() + 60_000; chatRequests(h).filter(isLesson).length < 4; ) {
      if (Date.now() > deadline) throw new Error('the four lesson calls never went out');
      await new Promise((r) => setTimeout(r, 100));
    }
    await patient(() => h!.api.request('POST', `/aula/runs/${measuring}/cancel`));
    const [outline, ...rest] = chatRequests(h);
    const lessonWorst = Math.max(...rest.filter(isLesson).map((r) => worstTokens(r.body)));
    const cap = worstTokens(outline!.body) + 2 * lessonWorst + Math.floor(lessonWorst / 2);
    await h.stop();

    // Room for the outline and two and a half lessons; four lessons start together and answer slowly.
    h = await startHarness({ AULA_GENERATION_DAILY_TOKEN_CAP: String(cap) }, { AULA_WORKER_CONCURRENCY: '4' });
    await freshDay(h);
    scriptCourse(h, 4, 800);
    const { runId } = await patient(() => h!.generate({ lessonCount: 4 }));
    const run = await patient(() => h!.waitForRun(runId));
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/site-wide daily generation budget reached/);
    const sent = chatRequests(h);
    const lessonsSent = sent.filter(isLesson);
    expect(lessonsSent.length).toBeGreaterThanOrEqual(2);
    expect(lessonsSent.length).toBeLessThan(4);
    // The outline and the lessons, which hold together, never pass the cap. (A lesson's quiz, and the
    // call that fixes its failing questions, start as soon as the lesson's text is in hand, its hold
    // settled: they hold within what is left, checked just below.)
    const quizCalls = /multiple-choice quiz|"(lesson_quiz|quiz_fix|quiz_ambiguity)"/;
    const together = sent.filter((r) => !quizCalls.test(JSON.stringify(r.body)));
    expect(together.reduce((n, r) => n + worstTokens(r.body), 0)).toBeLessThanOrEqual(cap);
    const ledger = createSpendLedger(redis);
    const day = dailyCeiling(h.stack.redisPrefix, 'generation', { maxUsd: null, maxTokens: null });
    expect((await ledger.usage(day)).tokens).toBeLessThanOrEqual(cap);
    expect(run.steps.find((s: any) => s.status === 'failed')?.attempts).toBe(1);
  });
});

describe('a model without a known price', () => {
  it('is refused before any call where a US$ cap applies', async () => {
    h = await startHarness();
    const { runId } = await patient(() => h!.generate({ lessonCount: 2, provider: 'openai', model: 'gpt-mystery' }));
    const run = await patient(() => h!.waitForRun(runId));
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/no known price for openai:gpt-mystery, and a spending cap applies/);
    expect(h.emu.requests.filter((r) => r.model === 'gpt-mystery')).toHaveLength(0);
  });

  it('is priced by AULA_LLM_FALLBACK_PRICE when one is set', async () => {
    h = await startHarness({ AULA_LLM_FALLBACK_PRICE: '2/8' });
    h.emu.script({ model: 'gpt-mystery' }, { json: outlineOf(1) });
    h.emu.script({ model: 'gpt-mystery', body: /write one lesson/ }, { json: { markdown } });
    const { runId } = await patient(() => h!.generate({ lessonCount: 1, provider: 'openai', model: 'gpt-mystery' }));
    const run = await patient(() => h!.waitForRun(runId));
    expect(run.status, run.error).toBe('completed');
    expect(run.costUsd).toBeCloseTo((run.tokensIn * 2 + run.tokensOut * 8) / 1e6, 9);
    expect(run.costUsd).toBeGreaterThan(0);
  });
});

describe('a regeneration', () => {
  it('takes a cap (AULA_REGENERATION_COST_CAP_USD by default) and is refused over it', async () => {
    h = await startHarness();
    scriptCourse(h, 1);
    const { runId } = await patient(() => h!.generate({ lessonCount: 1 }));
    const made = await patient(() => h!.waitForRun(runId));
    expect(made.status).toBe('completed');
    const [lesson] = (await patient(() => h!.courseContent(made.courseId))).lessons;
    const regenerate = (body: object) =>
      h!.api.request<{ runId: string }>('POST', `/aula/lessons/${lesson.id}/regenerate`, {
        instruction: 'más ejemplos',
        ...body,
      });

    h.emu.reset();
    const { runId: refusedId } = await patient(() => regenerate({ costCapUsd: 0.000001 }));
    const refused = await patient(() => h!.waitForRun(refusedId));
    expect(refused).toMatchObject({ status: 'failed', costCapUsd: 0.000001 });
    expect(refused.error).toMatch(/cost cap reached/);
    expect(chatRequests(h)).toHaveLength(0);

    h.emu.script({ model: 'gpt-4o-mini' }, { json: { markdown } });
    const { runId: allowedId } = await patient(() => regenerate({}));
    const allowed = await patient(() => h!.waitForRun(allowedId));
    expect(allowed).toMatchObject({ status: 'completed', costCapUsd: 1 });
  });
});
