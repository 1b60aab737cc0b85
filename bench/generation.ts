/**
 * Generation benchmark (prints numbers, asserts nothing). Every provider call takes a fixed latency
 * at the emulator; an 8-lesson course is generated with parallel workers and with one worker.
 *   wall / critical path: wall time ÷ the provider time on the critical path (outline → lesson → quiz)
 *   first lesson readable: from the request until a lesson of the course has its text in Directus
 *     (what the studio's review shows), in provider calls' time (the floor is 2: outline, lesson)
 *   speed-up: sequential wall time ÷ parallel wall time
 * Run: `. scripts/dev-env.sh && node bench/generation.ts [latencyMs] [--smoke]` (--smoke: 2 lessons, 100 ms a call).
 * `runGeneration` returns the rows `npm run bench` puts in its table.
 */

import { parseArgs } from 'node:util';
import { createApi } from '@aula/data';
import { emulatorEnv } from '@aula/llm';
import { startTestStack, startWorkers } from '@aula/test-stack';
import { outlineOf, startProviderEmulator } from '@aula/testkit';
import { type BenchOptions, printAlone, type Row } from './table.ts';

const markdown = `## Sección\n\n${'Texto de la lección para el benchmark. '.repeat(12)}`;

export const GENERATION_FIGURES = [
  'course, parallel workers: wall time',
  'first lesson readable after the request',
  'course, one worker: wall time',
] as const;

export async function runGeneration({
  smoke,
  log,
  shared,
  latency = smoke ? 100 : 1_000,
}: BenchOptions & { latency?: number }): Promise<Row[]> {
  const LATENCY = latency;
  const LESSONS = smoke ? 2 : 8;
  const stack = shared?.stack ?? (await startTestStack());
  const emu = shared?.emu ?? (await startProviderEmulator());
  try {
    const editor = stack.users.find((u) => u.role === 'contentManager');
    const { access_token } = await createApi(stack.url).request<{ access_token: string }>('POST', '/auth/login', {
      email: editor?.email,
      password: editor?.password,
    });
    const api = createApi(stack.url, access_token);

    async function generateOnce(concurrency: number): Promise<{ wall: number; firstLesson: number }> {
      const workers = await startWorkers(stack, {
        ...emulatorEnv(emu.url, {
          AULA_GENERATION_PROVIDER: 'openai',
          AULA_GENERATION_MODEL: 'gpt-4o-mini',
          AULA_GENERATION_FALLBACKS: '',
          BROWSER_USE_API_KEY: '',
        }),
        AULA_WORKER_CONCURRENCY: String(concurrency),
      });
      try {
        emu.reset();
        emu.script(
          { model: 'gpt-4o-mini', body: /instructional designer/ },
          { json: outlineOf(LESSONS), delayMs: LATENCY },
        );
        for (let i = 0; i < LESSONS; i++) {
          emu.script({ model: 'gpt-4o-mini', body: /write one lesson/ }, { json: { markdown }, delayMs: LATENCY });
          emu.script({ model: 'gpt-4o-mini', body: /multiple-choice quiz/ }, { delayMs: LATENCY });
        }
        const t0 = performance.now();
        const { runId, courseId } = await api.request<{ runId: string; courseId: string }>(
          'POST',
          '/aula/courses/generate',
          { topic: 'Benchmark', language: 'es', lessonCount: LESSONS },
        );
        // A lesson is readable once its text is stored: what the studio's review reads, as the editor.
        const readable = `/items/lessons?filter[course][_eq]=${courseId}&filter[body][_nempty]=true&fields=id&limit=1`;
        let firstLesson = Number.NaN;
        for (;;) {
          const [run, lessons] = await Promise.all([
            api.request<{ status: string; error: string | null }>('GET', `/aula/runs/${runId}`),
            Number.isNaN(firstLesson) ? api.request<{ id: string }[]>('GET', readable) : Promise.resolve([]),
          ]);
          if (lessons.length > 0) firstLesson = performance.now() - t0;
          if (run.status === 'completed') break;
          if (run.status === 'failed') throw new Error(run.error ?? 'run failed');
          await new Promise((r) => setTimeout(r, 20));
        }
        const wall = performance.now() - t0;
        if (Number.isNaN(firstLesson)) firstLesson = wall;
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
        return { wall, firstLesson };
      } finally {
        await workers.stop();
      }
    }

    const critical = 3 * LATENCY;
    const parallel = await generateOnce(2 * LESSONS);
    const sequential = await generateOnce(1);
    const line = (name: string, ms: number) => log(`${name.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
    log(`${LESSONS}-lesson course, ${LATENCY} ms per provider call, references off`);
    line('critical path (provider)', critical);
    line(`parallel wall (${2 * LESSONS} workers)`, parallel.wall);
    line('first lesson readable', parallel.firstLesson);
    line('sequential wall (1 worker)', sequential.wall);
    log(`${'speed-up parallel/sequential'.padEnd(28)} ${(sequential.wall / parallel.wall).toFixed(2).padStart(7)} ×`);
    const path = { label: `critical path, 3 calls of ${LATENCY} ms`, value: critical / 1000 };
    const [wall, first, one] = GENERATION_FIGURES;
    return [
      {
        bench: 'generation',
        figure: wall,
        value: parallel.wall / 1000,
        unit: 's',
        goal: { op: '≤', value: 1.05, on: 'ratio' },
        baseline: path,
        note: `${LESSONS} lessons, ${2 * LESSONS} workers`,
      },
      {
        bench: 'generation',
        figure: first,
        value: parallel.firstLesson / 1000,
        unit: 's',
        goal: { op: '≤', value: 3, on: 'ratio' },
        baseline: { label: 'one provider call', value: LATENCY / 1000 },
        note: 'the floor is 2 calls (outline, lesson)',
      },
      {
        bench: 'generation',
        figure: one,
        value: sequential.wall / 1000,
        unit: 's',
        baseline: path,
        note: `speed-up of the parallel run ${(sequential.wall / parallel.wall).toFixed(2)}×`,
      },
    ];
  } finally {
    if (!shared) {
      await emu.stop();
      await stack.stop();
    }
  }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { smoke: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const smoke = values.smoke === true;
  const rows = await runGeneration({
    smoke,
    log: console.log,
    ...(positionals[0] ? { latency: Number(positionals[0]) } : {}),
  });
  printAlone(rows, smoke);
}
