/**
 * `npm run bench`: every benchmark in turn, then one table of every figure beside its goal and beside
 * a baseline measured in the same run, with their ratio and met/missed (bench/README.md). The table
 * is printed and written to bench/results/latest.md and latest.json (smoke.md / smoke.json for
 * --smoke, so a test run never overwrites a measurement).
 *
 *   node bench/all.ts [--smoke] [--scale 0.5] [--only web,tutor]
 *
 * --smoke runs each benchmark tiny (seconds each) and judges nothing: `npm test` runs it to check that
 * every benchmark still runs and gives every row. --scale is the learners' think-time factor.
 * A benchmark that fails gives its rows with no value (status "failed") and the exit code is 1;
 * a missed goal is a line of the table, not a failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BACKUP_FIGURES, runBackup } from './backup.ts';
import { GENERATION_FIGURES, runGeneration } from './generation.ts';
import { LEARNERS_FIGURES, runLearners } from './learners.ts';
import { MEMORY_FIGURES, runMemory } from './memory.ts';
import { startShared } from './stack.ts';
import { type BenchOptions, failedRows, judge, markdownTable, type Row, textTable } from './table.ts';
import { runTutor, TUTOR_FIGURES } from './tutor.ts';
import { runWeb, WEB_FIGURES } from './web.ts';

type Bench = {
  name: string;
  figures: readonly string[];
  run: (options: BenchOptions & { scale?: number }) => Promise<Row[]>;
};

/** In the order they run: the quiet ones (idle memory) first, the longest (the class) last. */
export const BENCHES: Bench[] = [
  { name: 'memory', figures: MEMORY_FIGURES, run: runMemory },
  { name: 'web', figures: WEB_FIGURES, run: runWeb },
  { name: 'tutor', figures: TUTOR_FIGURES, run: runTutor },
  { name: 'generation', figures: GENERATION_FIGURES, run: runGeneration },
  { name: 'backup', figures: BACKUP_FIGURES, run: runBackup },
  {
    name: 'learners',
    figures: LEARNERS_FIGURES,
    run: ({ scale, ...o }) => runLearners({ ...o, ...(scale ? { scale } : {}) }),
  },
];

export async function runAll({
  smoke,
  scale,
  only,
  log = (line: string) => console.log(line),
}: {
  smoke: boolean;
  scale?: number;
  only?: string[];
  log?: (line: string) => void;
}): Promise<{ rows: Row[]; failed: string[] }> {
  const rows: Row[] = [];
  const failed: string[] = [];
  // A smoke run starts Directus, the web server and the emulator once for every benchmark.
  const shared = smoke ? await startShared() : undefined;
  try {
    for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
      const started = performance.now();
      log(`\n── ${bench.name}${smoke ? ' (smoke)' : ''} ──`);
      try {
        const got = await bench.run({
          smoke,
          log: (line) => log(`  ${line}`),
          ...(scale ? { scale } : {}),
          ...(shared ? { shared } : {}),
        });
        // Every promised figure appears once, in the promised order; a missing one is a failure.
        for (const figure of bench.figures) {
          const row = got.find((r) => r.figure === figure);
          rows.push(row ?? { bench: bench.name, figure, value: Number.NaN, unit: '', note: 'not returned' });
          if (!row) failed.push(bench.name);
        }
      } catch (error) {
        log(`  ${bench.name} failed: ${(error as Error)?.stack ?? String(error)}`);
        rows.push(...failedRows(bench.name, bench.figures, error));
        failed.push(bench.name);
      }
      log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await shared?.stop();
  }
  return { rows, failed: [...new Set(failed)] };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      scale: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const smoke = values.smoke === true;
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((name) => !BENCHES.some((b) => b.name === name)) ?? [];
  if (unknown.length) throw new Error(`no benchmark ${unknown.join(', ')} (${BENCHES.map((b) => b.name).join(', ')})`);
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  const startedAt = new Date();
  const { rows, failed } = await runAll({ smoke, ...(scale ? { scale } : {}), ...(only ? { only } : {}) });
  const judged = rows.map((r) => judge(r, smoke));
  const machine = `${cpus().length} cores, ${(totalmem() / 1e9).toFixed(1)} GB, Node ${process.versions.node}`;
  const title = `${smoke ? 'Smoke run (nothing judged)' : 'Benchmarks'}, ${startedAt.toISOString()}, ${machine}`;
  console.log(`\n${title}\n\n${textTable(judged)}\n`);
  const met = judged.filter((r) => r.status === 'met').length;
  const goals = judged.filter((r) => r.goal).length;
  if (!smoke) console.log(`${met} of ${goals} goals met`);
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, smoke ? 'smoke' : 'latest');
  writeFileSync(`${base}.md`, `# ${title}\n\n${markdownTable(judged)}\n`);
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), machine, smoke, rows: judged }, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`,
  );
  console.log(`written: ${base}.md, ${base}.json`);
  if (failed.length) {
    console.error(`failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}
