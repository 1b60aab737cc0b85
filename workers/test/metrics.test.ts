import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, outlineOf, startHarness } from './harness.ts';

/**
 * The workers' Prometheus endpoint after real work: a one-lesson course through the provider emulator
 * (OpenAI's wire), scraped before and after with the bearer token.
 */
const TOKEN = randomBytes(16).toString('hex');
let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { AULA_WORKERS_METRICS_PORT: '0', AULA_METRICS_TOKEN: TOKEN });
});
afterAll(() => h?.stop());

async function scrape(token: string | null = TOKEN) {
  const res = await fetch(h.metricsUrl!, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, text: await res.text() };
}

/** Sums the samples of a series whose labels include all of `labels` (0 when there is none). */
function sum(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += Number(match[3]);
  }
  return total;
}

describe('the workers’ metrics', () => {
  it('listen on loopback and refuse a scrape without the token', async () => {
    expect(h.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const refused = await scrape(null);
    expect(refused.status).toBe(401);
    expect(refused.text).toMatch(/AULA_METRICS_TOKEN/);
    expect((await scrape('not-the-token')).status).toBe(401);
  });

  it('count the provider calls, tokens, cost and latency, the jobs and their durations after a course', async () => {
    const llm = { provider: 'openai', model: 'gpt-4o-mini', task: 'generation' };
    const before = (await scrape()).text;
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(1) });
    const markdown = `## Presupuesto\n\n${'Anotar ingresos y gastos cada semana ayuda a decidir mejor. '.repeat(6)}`;
    h.emu.script({ model: 'gpt-4o-mini', body: /write one lesson/ }, { json: { markdown } });
    const { runId } = await h.generate({ lessonCount: 1 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('completed');
    const llmSteps = run.steps.filter((s: any) => ['outline', 'lesson', 'quiz'].includes(s.kind));
    const tokensIn = llmSteps.reduce((n: number, s: any) => n + s.tokensIn, 0);
    const tokensOut = llmSteps.reduce((n: number, s: any) => n + s.tokensOut, 0);

    // The ledger ends the run inside the last job; BullMQ counts that job once it returns: wait for it.
    await expect
      .poll(async () => sum((await scrape()).text, 'aula_jobs_total', { queue: 'generation', state: 'completed' }))
      .toBe(sum(before, 'aula_jobs_total', { queue: 'generation', state: 'completed' }) + run.steps.length);
    const { status, text: after } = await scrape();
    expect(status).toBe(200);
    const grew = (name: string, labels: Record<string, string> = {}) =>
      sum(after, name, labels) - sum(before, name, labels);
    // One call per LLM step, and the quiz checks' one fix call: the emulator's sampled quiz fails them.
    const calls = llmSteps.length + 1;
    expect(grew('aula_llm_calls_total', { ...llm, outcome: 'ok' })).toBe(calls);
    expect(grew('aula_llm_tokens_total', { ...llm, direction: 'in' })).toBe(tokensIn);
    expect(grew('aula_llm_tokens_total', { ...llm, direction: 'out' })).toBe(tokensOut);
    expect(grew('aula_llm_cost_usd_total', llm)).toBeGreaterThan(0);
    expect(grew('aula_llm_call_duration_seconds_count', llm)).toBe(calls);
    expect(grew('aula_llm_errors_total', llm)).toBe(0);
    // One job per step (outline, lesson, quiz, references, assemble), each completed once.
    expect(grew('aula_jobs_total', { queue: 'generation', state: 'completed' })).toBe(run.steps.length);
    expect(grew('aula_jobs_total', { queue: 'generation', name: 'outline', state: 'completed' })).toBe(1);
    expect(grew('aula_job_duration_seconds_count', { queue: 'generation', state: 'completed' })).toBe(run.steps.length);
    expect(sum(after, 'aula_job_duration_seconds_sum', { queue: 'generation' })).toBeGreaterThan(0);
    // Read from Redis when scraped: the queue has drained.
    expect(after).toMatch(/^aula_queue_jobs\{queue="generation",state="waiting"\} 0$/m);
    expect(after).toMatch(/^aula_queue_jobs\{queue="trends",state="active"\} 0$/m);
    expect(sum(after, 'aula_queue_jobs', { queue: 'generation', state: 'completed' })).toBeGreaterThan(0);
    expect(after).toMatch(/^aula_queue_oldest_waiting_seconds\{queue="generation"\} 0$/m);
  });

  it('count a failed provider call by its error code, and the failed job', async () => {
    const llm = { provider: 'openai', model: 'gpt-4o-mini', task: 'generation' };
    const before = (await scrape()).text;
    h.emu.reset();
    // The outline call fails for good (400): one error, then the run fails.
    h.emu.script({ model: 'gpt-4o-mini' }, { status: 400, message: 'bad request' });
    const { runId } = await h.generate({ lessonCount: 1 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('failed');
    // The run is failed inside the job; BullMQ counts the failed job once it has thrown: wait for it.
    const failedOutlines = async () =>
      sum((await scrape()).text, 'aula_jobs_total', { queue: 'generation', name: 'outline', state: 'failed' });
    await expect
      .poll(failedOutlines)
      .toBeGreaterThan(sum(before, 'aula_jobs_total', { queue: 'generation', name: 'outline', state: 'failed' }));
    const after = (await scrape()).text;
    expect(sum(after, 'aula_llm_errors_total', { ...llm, code: 'invalid_request' })).toBe(
      sum(before, 'aula_llm_errors_total', { ...llm, code: 'invalid_request' }) + 1,
    );
    expect(
      sum(after, 'aula_jobs_total', { queue: 'generation', name: 'outline', state: 'failed' }) -
        sum(before, 'aula_jobs_total', { queue: 'generation', name: 'outline', state: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
  });
});
