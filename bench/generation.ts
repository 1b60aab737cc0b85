/**
 * Generation benchmark (prints numbers, asserts nothing). Every provider call takes a fixed latency
 * at the emulator; an 8-lesson course is generated with parallel workers and with one worker.
 *   wall / critical path: wall time ÷ the provider time on the critical path (outline → lesson → quiz)
 *   speed-up: sequential wall time ÷ parallel wall time
 * Run: `. scripts/dev-env.sh && node bench/generation.ts [latencyMs]`.
 */

import { createApi } from '@aula/data';
import { emulatorEnv, readLlmSettings } from '@aula/llm';
import { startTestStack } from '@aula/test-stack';
import { outlineOf, startProviderEmulator } from '@aula/testkit';
import { readWorkerEnv } from '@aula/workers/env';
import { startWorkers } from '@aula/workers/runtime';

const LATENCY = Number(process.argv[2] ?? 1_000);
const LESSONS = 8;
const markdown = `## Sección\n\n${'Texto de la lección para el benchmark. '.repeat(12)}`;

const stack = await startTestStack();
const emu = await startProviderEmulator();
const generator = stack.users.find((u) => u.role === 'generator');
const editor = stack.users.find((u) => u.role === 'contentManager');
const { access_token } = await createApi(stack.url).request<{ access_token: string }>('POST', '/auth/login', {
  email: editor?.email,
  password: editor?.password,
});
const api = createApi(stack.url, access_token);

async function generateOnce(concurrency: number): Promise<number> {
  const workers = await startWorkers(
    readWorkerEnv({
      DIRECTUS_URL: stack.url,
      AULA_GENERATOR_TOKEN: generator?.token,
      REDIS_URL: stack.redisUrl,
      AULA_REDIS_PREFIX: stack.redisPrefix,
      AULA_WORKER_CONCURRENCY: String(concurrency),
    }),
    readLlmSettings(
      emulatorEnv(emu.url, {
        AULA_GENERATION_PROVIDER: 'openai',
        AULA_GENERATION_MODEL: 'gpt-4o-mini',
        AULA_GENERATION_FALLBACKS: '',
        BROWSER_USE_API_KEY: '',
      }),
    ),
    { log: () => {} },
  );
  emu.reset();
  emu.script({ model: 'gpt-4o-mini', body: /instructional designer/ }, { json: outlineOf(LESSONS), delayMs: LATENCY });
  for (let i = 0; i < LESSONS; i++) {
    emu.script({ model: 'gpt-4o-mini', body: /write one lesson/ }, { json: { markdown }, delayMs: LATENCY });
    emu.script({ model: 'gpt-4o-mini', body: /multiple-choice quiz/ }, { delayMs: LATENCY });
  }
  const t0 = performance.now();
  const { runId } = await api.request<{ runId: string }>('POST', '/aula/courses/generate', {
    topic: 'Benchmark',
    language: 'es',
    lessonCount: LESSONS,
  });
  for (;;) {
    const run = await api.request<{ status: string; error: string | null }>('GET', `/aula/runs/${runId}`);
    if (run.status === 'completed') break;
    if (run.status === 'failed') throw new Error(run.error ?? 'run failed');
    await new Promise((r) => setTimeout(r, 20));
  }
  const wall = performance.now() - t0;
  if (process.env.BENCH_TIMELINE) {
    const run = await api.request<{
      createdAt: string;
      steps: { kind: string; startedAt: string; finishedAt: string }[];
    }>('GET', `/aula/runs/${runId}`);
    const base = Date.parse(run.createdAt);
    for (const s of run.steps) {
      console.log(
        `${s.kind.padEnd(10)} +${Date.parse(s.startedAt) - base} ms → +${Date.parse(s.finishedAt) - base} ms`,
      );
    }
  }
  await workers.close();
  return wall;
}

try {
  const critical = 3 * LATENCY;
  const parallel = await generateOnce(2 * LESSONS);
  const sequential = await generateOnce(1);
  const row = (name: string, ms: number) => console.log(`${name.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
  console.log(`\n${LESSONS}-lesson course, ${LATENCY} ms per provider call, references off\n`);
  row('critical path (provider)', critical);
  row('parallel wall (16 workers)', parallel);
  row('sequential wall (1 worker)', sequential);
  console.log(`${'wall / critical path'.padEnd(28)} ${(parallel / critical).toFixed(3).padStart(7)}   (goal ≤ 1.03)`);
  console.log(`${'speed-up parallel/sequential'.padEnd(28)} ${(sequential / parallel).toFixed(2).padStart(7)} ×`);
} finally {
  await emu.stop();
  await stack.stop();
}
