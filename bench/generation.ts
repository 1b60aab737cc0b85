/**
 * Generation benchmark (prints numbers, asserts nothing). Every provider call takes a fixed latency
 * at the emulator; an 8-lesson course is generated with parallel workers and with one worker.
 *   wall / critical path: wall time ÷ the provider time on the critical path (outline → lesson → quiz)
 *   first lesson readable: from the request until a lesson of the course has its text in Directus
 *     (what the studio's review shows), in provider calls' time (the floor is 2: outline, lesson)
 *   speed-up: sequential wall time ÷ parallel wall time
 *   limit: the same flow (outline job → per lesson a lesson job that also asks the quiz, its quiz job →
 *     assemble) on BullMQ with the same emulator calls and nothing stored: the floor of this machine
 * Where the time went: each step's moments as the workers log them (`step timing`), along the critical
 * path (the first lesson stored, its quiz, assemble), printed after the table's figures.
 * Run: `. scripts/dev-env.sh && node bench/generation.ts [latencyMs] [--smoke]` (--smoke: 2 lessons, 100 ms a call).
 * `runGeneration` returns the rows `npm run bench` puts in its table.
 */

import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createApi } from '@aula/data';
import { bullPrefix, redisConnection } from '@aula/jobs';
import { emulatorEnv } from '@aula/llm';
import { startTestStack, startWorkers } from '@aula/test-stack';
import { outlineOf, startProviderEmulator } from '@aula/testkit';
import { FlowProducer, Queue, Worker } from 'bullmq';
import { type BenchOptions, printAlone, type Row } from './table.ts';

const markdown = `## Sección\n\n${'Texto de la lección para el benchmark. '.repeat(12)}`;

export const GENERATION_FIGURES = [
  'course, parallel workers: wall time',
  'first lesson readable after the request',
  'course, one worker: wall time',
  'limit: the same flow, nothing stored: wall time',
  'limit: the same flow, nothing stored: first lesson',
] as const;

type Timing = { kind: string; target: string | null; marks: Record<string, number> };

/** The `step timing` lines the workers logged for `runId` (workers/src/steps.ts). */
function timingsOf(output: string, runId: string): Timing[] {
  const found: Timing[] = [];
  for (const line of output.split('\n')) {
    if (!line.includes('"step timing"')) continue;
    try {
      const entry = JSON.parse(line.slice(line.indexOf('{'))) as { run?: string } & Timing;
      if (entry.run === runId) found.push({ kind: entry.kind, target: entry.target, marks: entry.marks });
    } catch {}
  }
  return found;
}

/**
 * Where the critical path's time went: from the request (t0, epoch ms) the moments of the outline, of
 * the first lesson stored and its quiz, and of assemble; what is not a provider call is the overhead.
 */
function describePath(timings: Timing[], t0: number, ends: { answered: number; seen: number }): string[] {
  const at = (ms: number) => `+${String(Math.round(ms - t0)).padStart(5)} ms`;
  const first = (kind: string) => timings.filter((t) => t.kind === kind);
  const lessons = first('lesson').sort(
    // Its text is stored with the step's result (`finished`).
    (a, b) => (a.marks.finished ?? Number.POSITIVE_INFINITY) - (b.marks.finished ?? Number.POSITIVE_INFINITY),
  );
  const lesson = lessons[0];
  const quiz = first('quiz').find((q) => q.target === lesson?.target);
  const steps: [string, Timing | undefined][] = [
    ['outline', first('outline')[0]],
    ['lesson (first stored)', lesson],
    ['its quiz', quiz],
    ['assemble', first('assemble')[0]],
  ];
  const lines = [`request answered ${at(ends.answered)}`];
  for (const [name, timing] of steps) {
    if (!timing) continue;
    const marks = Object.entries(timing.marks)
      .sort((a, b) => a[1] - b[1])
      .map(([label, ms]) => `${label} ${at(ms)}`);
    lines.push(`${name.padEnd(22)} ${marks.join(' · ')}`);
  }
  // Assemble waits for the slowest lesson's job (its quiz within it), not the first one.
  const lastEnd = Math.max(
    ...first('lesson').map((t) => t.marks.end ?? 0),
    ...first('quiz').map((t) => t.marks.end ?? 0),
  );
  if (lastEnd > 0) lines.splice(lines.length - 1, 0, `last lesson job's steps ended ${at(lastEnd)}`);
  lines.push(`run seen completed ${at(ends.seen)}`);
  return lines;
}

/**
 * The floor: the same BullMQ flow as a course run (outline job, then per lesson a lesson job that asks
 * the lesson and then the quiz, the quiz job it unblocks, and assemble), each call the emulator's, on a
 * queue of its own, workers in this process, nothing read or stored anywhere else.
 */
async function floorOf(
  redisUrl: string,
  emu: Awaited<ReturnType<typeof startProviderEmulator>>,
  lessons: number,
  latency: number,
): Promise<{ wall: number; firstLesson: number }> {
  const prefix = bullPrefix(`aula-bench-floor-${randomBytes(3).toString('hex')}:`);
  const connection = redisConnection(redisUrl);
  const workerConnection = redisConnection(redisUrl);
  const name = 'floor';
  const queue = new Queue(name, { connection, prefix });
  const flows = new FlowProducer({ connection, prefix });
  const ask = async (what: string) => {
    const res = await fetch(`${emu.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer floor' },
      body: JSON.stringify({ model: 'floor-model', messages: [{ role: 'user', content: `floor ${what}` }] }),
    });
    await res.text();
    if (!res.ok) throw new Error(`emulator ${res.status}`);
  };
  for (const what of ['outline', ...Array.from({ length: lessons }, () => ['lesson', 'quiz']).flat()])
    emu.script({ model: 'floor-model', body: new RegExp(`floor ${what}`) }, { json: { ok: true }, delayMs: latency });
  let t0 = 0;
  let firstLesson = Number.NaN;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const worker = new Worker(
    name,
    async (job) => {
      if (job.name === 'outline') {
        await ask('outline');
        const ids = Array.from({ length: lessons }, (_, i) => i);
        await flows.add({
          name: 'assemble',
          queueName: name,
          children: ids.map((i) => ({
            name: 'quiz',
            queueName: name,
            opts: { failParentOnFailure: true },
            children: [{ name: 'lesson', queueName: name, opts: { failParentOnFailure: true } }],
            data: { i },
          })),
        });
      } else if (job.name === 'lesson') {
        await ask('lesson');
        if (Number.isNaN(firstLesson)) firstLesson = performance.now() - t0;
        await ask('quiz');
      } else if (job.name === 'assemble') done();
    },
    { connection: workerConnection, prefix, concurrency: 2 * lessons },
  );
  try {
    await worker.waitUntilReady();
    t0 = performance.now();
    await queue.add('outline', {});
    await finished;
    return { wall: performance.now() - t0, firstLesson };
  } finally {
    await worker.close();
    await flows.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await connection.quit().catch(() => connection.disconnect());
    await workerConnection.quit().catch(() => workerConnection.disconnect());
  }
}

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

    async function generateOnce(concurrency: number): Promise<{ wall: number; firstLesson: number; path: string[] }> {
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
        const epoch0 = Date.now();
        const { runId, courseId } = await api.request<{ runId: string; courseId: string }>(
          'POST',
          '/aula/courses/generate',
          { topic: 'Benchmark', language: 'es', lessonCount: LESSONS },
        );
        const answered = Date.now();
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
        const seen = Date.now();
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
        // The last lines may still be on their way from the workers' process.
        await new Promise((r) => setTimeout(r, 200));
        const timings = timingsOf(workers.output(), runId);
        const path = describePath(timings, epoch0, { answered, seen });
        // Every step's moments, not only the critical path's (BENCH_STEPS=1).
        if (process.env.BENCH_STEPS)
          for (const t of timings)
            console.log(
              `${t.kind.padEnd(9)} ${(t.target ?? '').slice(0, 8).padEnd(8)} ${Object.entries(t.marks)
                .sort((a, b) => a[1] - b[1])
                .map(([label, ms]) => `${label} +${ms - epoch0}`)
                .join(' · ')}`,
            );
        return { wall, firstLesson, path };
      } finally {
        await workers.stop();
      }
    }

    const critical = 3 * LATENCY;
    const parallel = await generateOnce(2 * LESSONS);
    const sequential = await generateOnce(1);
    emu.reset();
    const floor = await floorOf(stack.redisUrl, emu, LESSONS, LATENCY);
    const line = (name: string, ms: number) => log(`${name.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
    log(`${LESSONS}-lesson course, ${LATENCY} ms per provider call, references off`);
    line('critical path (provider)', critical);
    line(`parallel wall (${2 * LESSONS} workers)`, parallel.wall);
    line('first lesson readable', parallel.firstLesson);
    line('sequential wall (1 worker)', sequential.wall);
    log(`${'speed-up parallel/sequential'.padEnd(28)} ${(sequential.wall / parallel.wall).toFixed(2).padStart(7)} ×`);
    line('limit: wall, nothing stored', floor.wall);
    line('limit: first lesson', floor.firstLesson);
    log("where the parallel run spent its time (from the request; the workers' step timing):");
    for (const l of parallel.path) log(`  ${l}`);
    const path = { label: `critical path, 3 calls of ${LATENCY} ms`, value: critical / 1000 };
    const [wall, first, one, floorWall, floorFirst] = GENERATION_FIGURES;
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
      {
        bench: 'generation',
        figure: floorWall,
        value: floor.wall / 1000,
        unit: 's',
        baseline: path,
        note: 'BullMQ and the emulator alone: the floor for the parallel wall time',
      },
      {
        bench: 'generation',
        figure: floorFirst,
        value: floor.firstLesson / 1000,
        unit: 's',
        baseline: { label: 'one provider call', value: LATENCY / 1000 },
        note: 'the floor for the first lesson readable',
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
