/**
 * `npm test` checks that `npm run bench -- --smoke` runs: every benchmark, tiny, on one shared stack,
 * and the table printed with every row. It times nothing and judges no goal (a smoke run's load says
 * nothing about speed); a benchmark that throws, or a row that is missing or has no value, fails it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { BENCHES } from './all.ts';

const here = dirname(fileURLToPath(import.meta.url));

test('npm run bench -- --smoke runs every benchmark and prints every row of the table', () => {
  // What `npm run bench -- --smoke` runs once scripts/run.sh has provided Node and the build.
  const run = spawnSync(process.execPath, [join(here, 'all.ts'), '--smoke'], {
    cwd: join(here, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.status, output.slice(-6_000)).toBe(0);
  const table = run.stdout.slice(run.stdout.lastIndexOf('Smoke run (nothing judged)'));
  expect(table).toMatch(/bench\s+figure\s+measured\s+goal\s+baseline \(same run\)\s+ratio\s+status/);
  const report = JSON.parse(readFileSync(join(here, 'results', 'smoke.json'), 'utf8')) as {
    rows: { bench: string; figure: string; value: number | null; status: string }[];
  };
  for (const bench of BENCHES) {
    for (const figure of bench.figures) {
      const line = table.split('\n').find((l) => l.startsWith(`${bench.name} `) && l.includes(figure));
      expect(line, `${bench.name}: ${figure}`).toBeDefined();
      const row = report.rows.find((r) => r.bench === bench.name && r.figure === figure);
      expect(row?.value, `${bench.name}: ${figure} has a value`).toEqual(expect.any(Number));
      expect(['smoke', '—']).toContain(row?.status);
    }
  }
});
