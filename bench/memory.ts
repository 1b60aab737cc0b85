/**
 * Idle memory (prints numbers, asserts nothing): Directus (test stack, demo course), the web server
 * (production build) and the generation workers are started as `npm start` starts them, each page
 * of the site asked for once, then left alone to settle; the resident memory (RSS) of each one's
 * process tree is read from /proc, three times a second apart, and the last reading reported.
 *   baseline: three Node processes that do nothing (the floor of three runnables on Node)
 * Run: `. scripts/dev-env.sh && pnpm --filter @aula/web build && node bench/memory.ts [settleSeconds] [--smoke]`.
 * `runMemory` returns the rows `npm run bench` puts in its table.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { emulatorEnv } from '@aula/llm';
import { assertWebBuilt, startWorkers } from '@aula/test-stack';
import { serversFor } from './stack.ts';
import { type BenchOptions, printAlone, type Row } from './table.ts';

export const MEMORY_FIGURES = [
  'idle memory: Directus + web + workers',
  'idle memory: Directus',
  'idle memory: web',
  'idle memory: workers',
] as const;

const MB = 1_000_000;

/** Every process on the machine: its parent and resident bytes (Linux /proc). */
function processes(): Map<number, { ppid: number; rss: number; cmd: string }> {
  const all = new Map<number, { ppid: number; rss: number; cmd: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      all.set(Number(entry), { ppid, rss, cmd });
    } catch {
      // The process ended while being read.
    }
  }
  return all;
}

/** RSS of each child of `root` with its descendants, keyed by the child's command line. */
export function childTrees(root: number): { pid: number; cmd: string; rss: number }[] {
  const all = processes();
  const children = (pid: number) => [...all].filter(([, p]) => p.ppid === pid).map(([child]) => child);
  const treeRss = (pid: number): number =>
    (all.get(pid)?.rss ?? 0) + children(pid).reduce((sum, c) => sum + treeRss(c), 0);
  return children(root).map((pid) => ({ pid, cmd: all.get(pid)?.cmd ?? '', rss: treeRss(pid) }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runMemory({
  smoke,
  log,
  shared,
  settleSeconds = smoke ? 1 : 30,
}: BenchOptions & { settleSeconds?: number }): Promise<Row[]> {
  assertWebBuilt();
  const servers = await serversFor(shared);
  const { stack, emu, web } = servers;
  const stops: (() => Promise<void>)[] = [];
  try {
    const workers = await startWorkers(stack, {
      ...emulatorEnv(emu.url, { AULA_GENERATION_PROVIDER: 'openai', AULA_GENERATION_MODEL: 'gpt-4o-mini' }),
      BROWSER_USE_API_KEY: '',
    });
    stops.push(workers.stop);
    // Idle after use: each kind of page served once (Next loads a route's code on its first request).
    for (const path of ['/', '/entrar', '/cursos', '/cursos/primeros-pasos-con-python']) {
      await fetch(new URL(path, web.url)).then((r) => r.arrayBuffer());
    }
    // Three processes that do nothing: what any three Node runnables weigh at least.
    const idle = Array.from({ length: 3 }, () =>
      spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' }),
    );
    stops.push(async () => {
      for (const child of idle) child.kill();
    });
    await sleep(settleSeconds * 1000);
    let trees: ReturnType<typeof childTrees> = [];
    for (let i = 0; i < 3; i++) {
      trees = childTrees(process.pid);
      if (i < 2) await sleep(smoke ? 100 : 1_000);
    }
    const idlePids = new Set(idle.map((c) => c.pid));
    const sum = (match: (t: { pid: number; cmd: string }) => boolean) =>
      trees.filter(match).reduce((n, t) => n + t.rss, 0) / MB;
    const webMb = sum((t) => / server\.ts\b/.test(t.cmd));
    const workersMb = sum((t) => /workers\/src\/main\.ts/.test(t.cmd));
    const directusMb = sum((t) => /directus/i.test(t.cmd) && !/ server\.ts\b|workers\/src\/main\.ts/.test(t.cmd));
    const floorMb = sum((t) => idlePids.has(t.pid));
    for (const t of trees) log(`${(t.rss / MB).toFixed(0).padStart(6)} MB  ${t.pid}  ${t.cmd.slice(0, 120)}`);
    if (!webMb || !workersMb || !directusMb)
      throw new Error('could not find the processes of Directus, web and workers');
    const [total, directus, webRow, workersRow] = MEMORY_FIGURES;
    const floor = { label: '3 idle Node processes', value: floorMb };
    const settled = `after ${settleSeconds} s idle`;
    return [
      {
        bench: 'memory',
        figure: total,
        value: directusMb + webMb + workersMb,
        unit: 'MB',
        goal: { op: '≤', value: 1200 },
        baseline: floor,
        note: settled,
      },
      {
        bench: 'memory',
        figure: directus,
        value: directusMb,
        unit: 'MB',
        baseline: { label: '1 idle Node process', value: floorMb / 3 },
      },
      {
        bench: 'memory',
        figure: webRow,
        value: webMb,
        unit: 'MB',
        baseline: { label: '1 idle Node process', value: floorMb / 3 },
      },
      {
        bench: 'memory',
        figure: workersRow,
        value: workersMb,
        unit: 'MB',
        baseline: { label: '1 idle Node process', value: floorMb / 3 },
      },
    ];
  } finally {
    for (const stop of stops.reverse()) await stop();
    await servers.stop();
  }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { smoke: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const smoke = values.smoke === true;
  const rows = await runMemory({
    smoke,
    log: console.log,
    ...(positionals[0] ? { settleSeconds: Number(positionals[0]) } : {}),
  });
  printAlone(rows, smoke);
}
