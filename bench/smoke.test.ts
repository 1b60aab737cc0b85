/**
 * `npm test` checks that `npm run bench -- --smoke` runs: every benchmark, tiny, on one shared stack,
 * and the table printed with every row. It times nothing and judges no goal (a smoke run's load says
 * nothing about speed); a benchmark that throws, or a row that is missing or has no value, fails it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { BENCHES } from './all.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Runs a command to its end without blocking this process (vitest's worker must keep answering). */
function run(command: string, args: string[], cwd: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('npm run bench -- --smoke runs every benchmark and prints every row of the table', async () => {
  // What `npm run bench -- --smoke` runs once scripts/run.sh has provided Node and the build.
  const smoke = await run(process.execPath, [join(here, 'all.ts'), '--smoke'], join(here, '..'));
  const output = `${smoke.stdout}\n${smoke.stderr}`;
  expect(smoke.status, output.slice(-6_000)).toBe(0);
  const table = smoke.stdout.slice(smoke.stdout.lastIndexOf('Smoke run (nothing judged)'));
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
