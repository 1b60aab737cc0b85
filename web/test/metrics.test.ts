import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AdminApi, adminApi, demoLessonOne } from './admin.ts';
import { askTutor, emulator, tutorStudent } from './tutor-helpers.ts';

/** Tutor rows are written without purging Directus's response cache (decision 017): read them fresh. */
const FRESH = { headers: { 'cache-control': 'no-store' } };

// GET /api/metrics of the production build and the real workers' GET /metrics, both behind the
// stack's AULA_METRICS_TOKEN (see global-setup.ts); a tutor turn through the provider emulator moves them.

let api: AdminApi;
let demo: Awaited<ReturnType<typeof demoLessonOne>>;
const emu = emulator();
const users: string[] = [];
const { token, workersUrl } = inject('metrics');

beforeAll(async () => {
  api = await adminApi();
  demo = await demoLessonOne(api);
});
afterAll(async () => {
  if (users.length > 0) await api.request('DELETE', '/users', users);
});

async function scrape(url: string, bearer: string | null = token) {
  const res = await fetch(url, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}
const webMetrics = () => `${inject('web').url}/api/metrics`;

/** The value of one sample, named with its labels in the order prom-client writes them (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('metrics endpoints', () => {
  it.each([
    ['web', webMetrics],
    ['workers', () => workersUrl],
  ])('%s: 401 without the token or with another one', async (_, url) => {
    const none = await scrape(url(), null);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text)).toEqual({ error: expect.stringMatching(/AULA_METRICS_TOKEN/) });
    expect((await scrape(url(), `${token}x`)).status).toBe(401);
  });

  it('web: a tutor turn moves the provider call, token and time-to-first-token series', async () => {
    const before = await scrape(webMetrics());
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.text).toContain('process_resident_memory_bytes');

    const student = await tutorStudent(api, demo.courseId);
    users.push(student.id);
    await emu.script('groq', { chunks: ['Una ', 'variable ', 'guarda ', 'un valor.'], chunkDelayMs: 50 });
    const res = await askTutor(
      { bearer: student.token },
      { lessonId: demo.lessonId, message: '¿Qué es una variable?' },
    );
    const end = res.events.find((e) => e.event === 'end');
    expect(end?.data.provider).toBe('groq');
    const [row] = await api.request<{ ttft_ms: number; tokens_out: number }[]>(
      'GET',
      `/items/tutor_messages?filter[id][_eq]=${end?.data.messageId}&fields=ttft_ms,tokens_out`,
      undefined,
      FRESH,
    );

    const after = (await scrape(webMetrics())).text;
    const llm = `provider="groq",model="${end?.data.model}",task="tutor"`;
    const grew = (series: string) => sample(after, series) - sample(before.text, series);
    expect(grew(`aula_llm_calls_total{${llm},outcome="ok"}`)).toBe(1);
    expect(grew(`aula_llm_call_duration_seconds_count{${llm}}`)).toBe(1);
    expect(grew(`aula_llm_tokens_total{${llm},direction="out"}`)).toBe(row!.tokens_out);
    expect(grew(`aula_llm_tokens_total{${llm},direction="in"}`)).toBeGreaterThan(0);
    expect(grew(`aula_llm_cost_usd_total{${llm}}`)).toBeGreaterThan(0);
    const ttft = `provider="groq",model="${end?.data.model}"`;
    expect(grew(`aula_tutor_time_to_first_token_seconds_count{${ttft}}`)).toBe(1);
    // The same measurement the stored answer keeps (ttft_ms, rounded to the millisecond).
    expect(grew(`aula_tutor_time_to_first_token_seconds_sum{${ttft}}`)).toBeCloseTo(row!.ttft_ms / 1000, 2);
  });

  it('Directus: its own metrics for the token (its scheme, `Metrics`), refused without it', async () => {
    const url = `${inject('web').directusUrl}/metrics`;
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: `Metrics ${token}x` } })).status).toBe(403);
    // Its checks (a database query, the cache, Redis) run on its schedule (every 2 s here).
    await expect
      .poll(
        async () => {
          const res = await fetch(url, { headers: { authorization: `Metrics ${token}` } });
          return `${res.status} ${await res.text()}`;
        },
        { timeout: 15_000, interval: 500 },
      )
      .toMatch(/^200 [\s\S]*directus_db_pg_response_time_ms_count \d+/);
  });

  it('workers: the queue depth is read from Redis when scraped', async () => {
    const { status, text } = await scrape(workersUrl);
    expect(status).toBe(200);
    for (const queue of ['generation', 'trends']) {
      expect(text).toMatch(new RegExp(`^aula_queue_jobs\\{queue="${queue}",state="waiting"\\} \\d+$`, 'm'));
      expect(text).toMatch(new RegExp(`^aula_queue_oldest_waiting_seconds\\{queue="${queue}"\\} [\\d.e+-]+$`, 'm'));
    }
  });
});
