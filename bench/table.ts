/**
 * The shape every benchmark returns and the one table `npm run bench` prints: each figure beside its
 * goal and beside a baseline measured in the same run, with their ratio and whether the goal is met.
 * Benchmarks never assert timings: a missed goal is a line of the table, not a failure.
 */
import type { Shared } from './stack.ts';

/** A goal on the measured value, or on its ratio to the baseline (generation: wall ÷ critical path). */
export type Goal = { op: '≤' | '≥'; value: number; on?: 'value' | 'ratio' };

export type Row = {
  /** The benchmark it comes from (`web`, `tutor`, …). */
  bench: string;
  /** What was measured, unique within its benchmark (the smoke test looks rows up by it). */
  figure: string;
  value: number;
  unit: string;
  goal?: Goal;
  /** Measured in the same run, in the same unit: the floor this machine sets for the figure. */
  baseline?: { label: string; value: number };
  note?: string;
};

export type Status = 'met' | 'missed' | '—' | 'smoke' | 'failed';

export type Judged = Row & { ratio: number | null; status: Status };

export function judge(row: Row, smoke = false): Judged {
  const ratio = row.baseline && row.baseline.value !== 0 ? row.value / row.baseline.value : null;
  if (!Number.isFinite(row.value)) return { ...row, ratio, status: 'failed' };
  if (!row.goal) return { ...row, ratio, status: '—' };
  // A smoke run proves the benchmark runs; its tiny load says nothing about the goal.
  if (smoke) return { ...row, ratio, status: 'smoke' };
  const subject = row.goal.on === 'ratio' ? ratio : row.value;
  if (subject === null) return { ...row, ratio, status: 'failed' };
  const met = row.goal.op === '≤' ? subject <= row.goal.value : subject >= row.goal.value;
  return { ...row, ratio, status: met ? 'met' : 'missed' };
}

/** A failed benchmark still gives its rows: every figure it promised, with no value. */
export function failedRows(bench: string, figures: readonly string[], error: unknown): Row[] {
  const note = `failed: ${(error as Error)?.message ?? String(error)}`.replace(/\s+/g, ' ').slice(0, 160);
  return figures.map((figure) => ({ bench, figure, value: Number.NaN, unit: '', note }));
}

const number = (n: number) =>
  !Number.isFinite(n)
    ? '–'
    : Number.isInteger(n) || Math.abs(n) >= 100
      ? n.toFixed(0)
      : Math.abs(n) >= 10
        ? n.toFixed(1)
        : Math.abs(n) >= 1
          ? n.toFixed(2)
          : n.toFixed(3);
const withUnit = (n: number, unit: string) => (Number.isFinite(n) ? `${number(n)}${unit ? ` ${unit}` : ''}` : '–');

function cells(row: Judged): string[] {
  const goal = row.goal
    ? row.goal.on === 'ratio'
      ? `ratio ${row.goal.op} ${number(row.goal.value)}`
      : `${row.goal.op} ${withUnit(row.goal.value, row.unit)}`
    : '';
  const baseline = row.baseline ? `${withUnit(row.baseline.value, row.unit)} (${row.baseline.label})` : '';
  return [
    row.bench,
    row.figure,
    withUnit(row.value, row.unit),
    goal,
    baseline,
    row.ratio === null ? '' : `${number(row.ratio)}×`,
    row.status,
    row.note ?? '',
  ];
}

const HEADER = ['bench', 'figure', 'measured', 'goal', 'baseline (same run)', 'ratio', 'status', 'note'];

/** The table as plain text, columns padded, for the terminal. */
export function textTable(rows: Judged[]): string {
  const lines = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const format = (l: string[]) =>
    l
      .map((c, i) => (i === 2 || i === 5 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [format(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => format(cells(r)))].join('\n');
}

/** The table as Markdown (bench/results/latest.md, the README). */
export function markdownTable(rows: Judged[]): string {
  const pipe = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cells(r).map(pipe).join(' | ')} |`),
  ].join('\n');
}

/** What a benchmark module exports: its name, the figures it always returns, and the run itself. */
export type BenchOptions = {
  smoke: boolean;
  log: (line: string) => void;
  /** Servers started once for every benchmark of a smoke run (bench/stack.ts). */
  shared?: Shared;
};

/** Prints one benchmark's rows as the table, for a benchmark run alone (`node bench/web.ts`). */
export function printAlone(rows: Row[], smoke: boolean): void {
  console.log(`\n${textTable(rows.map((r) => judge(r, smoke)))}`);
}
