import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordJob, recordLlmCall, registerQueueDepth } from './metrics.ts';
import { type MetricsServer, startMetricsServer } from './metrics-server.ts';

const TOKEN = 'metrics-token-for-the-test';
let server: MetricsServer;

beforeAll(async () => {
  server = await startMetricsServer({ port: 0, host: '127.0.0.1', token: TOKEN });
});
afterAll(() => server.close());

const scrape = async (token: string | null = TOKEN) => {
  const res = await fetch(server.url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

/** The value of one series line, e.g. value(text, 'aula_llm_calls_total{provider="groq",…}'). */
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('the metrics listener', () => {
  it('refuses a scrape without the token, or with another one', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('wrong')).status).toBe(401);
    expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('answers the Prometheus text, and the series move with what is recorded', async () => {
    const labels = 'provider="groq",model="llama-x",task="tutor"';
    const before = await scrape();
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.text).toContain('process_cpu_user_seconds_total');
    const calls = value(before.text, `aula_llm_calls_total{${labels},outcome="ok"}`) ?? 0;

    recordLlmCall({
      provider: 'groq',
      model: 'llama-x',
      task: 'tutor',
      seconds: 0.3,
      usage: { inputTokens: 120, outputTokens: 30 },
      costUsd: 0.002,
    });
    recordLlmCall({ provider: 'groq', model: 'llama-x', task: 'tutor', seconds: 1.2, error: 'rate_limited' });
    recordJob({ queue: 'generation', name: 'outline', state: 'completed', seconds: 2 });

    const after = (await scrape()).text;
    expect(value(after, `aula_llm_calls_total{${labels},outcome="ok"}`)).toBe(calls + 1);
    expect(value(after, `aula_llm_errors_total{${labels},code="rate_limited"}`)).toBeGreaterThanOrEqual(1);
    expect(value(after, `aula_llm_tokens_total{${labels},direction="in"}`)).toBeGreaterThanOrEqual(120);
    expect(value(after, `aula_llm_cost_usd_total{${labels}}`)).toBeGreaterThanOrEqual(0.002);
    expect(value(after, `aula_llm_call_duration_seconds_bucket{le="0.5",${labels}}`)).toBeGreaterThanOrEqual(1);
    expect(value(after, `aula_llm_call_duration_seconds_count{${labels}}`)).toBeGreaterThanOrEqual(2);
    expect(value(after, 'aula_jobs_total{queue="generation",name="outline",state="completed"}')).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('reads the queue depth when scraped, once per scrape', async () => {
    let reads = 0;
    let waiting = 3;
    registerQueueDepth(async () => {
      reads++;
      return [{ queue: 'generation', counts: { waiting, active: 1 }, oldestWaitingSeconds: 42 }];
    });
    const first = (await scrape()).text;
    expect(value(first, 'aula_queue_jobs{queue="generation",state="waiting"}')).toBe(3);
    expect(value(first, 'aula_queue_oldest_waiting_seconds{queue="generation"}')).toBe(42);
    expect(reads).toBe(1);
    waiting = 0;
    expect(value((await scrape()).text, 'aula_queue_jobs{queue="generation",state="waiting"}')).toBe(0);
    expect(reads).toBe(2);
  });
});
