import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceState } from '@aula/ops';
import { type RunningAgent, type Services, startAgent } from '@aula/ops/agent';
import pg from 'pg';
import { IncidentStore } from '../src/store.ts';

const SERVER = process.env.AULA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the machine's PostgreSQL for one test file; dropped by `drop`. */
export async function freshStore(): Promise<{ store: IncidentStore; drop: () => Promise<void> }> {
  const name = `ops_agent_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const store = new IncidentStore(url.toString());
  await store.ensureSchema();
  return {
    store,
    drop: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: SERVER });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * A real HTTP server in a child process: `/ping` answers 200; with `needs`, it answers 200 only while
 * that URL answers (the web in front of Directus). It prints `lines` at start (its log).
 */
const CHILD = `
const http = require('node:http');
const [port, needs, lines] = [Number(process.argv[1]), process.argv[2], JSON.parse(process.argv[3] || '[]')];
for (const l of lines) console.log(l);
http.createServer(async (req, res) => {
  if (needs) {
    const ok = await fetch(needs, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (!ok) { console.log('upstream ' + needs + ' does not answer'); res.writeHead(502); return res.end('bad gateway'); }
  }
  res.writeHead(200); res.end('ok');
}).listen(port, '127.0.0.1', () => console.log('listening on ' + port));
`;

type Spec = { name: string; port: number; needs?: string; lines?: string[] };

/** Services as `aula serve`'s supervisor gives them to the host agent: real child processes here. */
export function childServices(specs: Spec[]): Services & { stopAll: () => Promise<void> } {
  const state = new Map<
    string,
    { spec: Spec; child?: ChildProcess; out: string[]; restarts: number; since?: string }
  >();
  for (const spec of specs) state.set(spec.name, { spec, out: [], restarts: 0 });
  const up = async (name: string) => {
    const e = state.get(name)!;
    const child = spawn(
      process.execPath,
      ['-e', CHILD, String(e.spec.port), e.spec.needs ?? '', JSON.stringify(e.spec.lines ?? [])],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    e.child = child;
    const keep = (d: Buffer) => e.out.push(...d.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => d.toString().includes('listening on') && resolve();
      child.stdout?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
    });
    e.since = new Date().toISOString();
  };
  const down = async (name: string) => {
    const e = state.get(name)!;
    const child = e.child;
    if (!child) return;
    e.child = undefined;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  };
  return {
    list: () =>
      [...state.values()].map(
        (e): ServiceState => ({
          name: e.spec.name,
          state: e.child ? 'running' : 'stopped',
          restarts: e.restarts,
          ...(e.since ? { since: e.since } : {}),
          ...(e.child?.pid ? { pid: e.child.pid } : {}),
        }),
      ),
    log: (name, lines) => (state.get(name)?.out ?? []).slice(-lines),
    restart: async (name) => {
      await down(name);
      await up(name);
      state.get(name)!.restarts++;
    },
    stop: async (names) => {
      for (const n of [...names].reverse()) await down(n);
    },
    start: async (names) => {
      for (const n of names) if (!state.get(n)?.child) await up(n);
    },
    stopAll: async () => {
      for (const n of [...state.keys()].reverse()) await down(n);
    },
  };
}

export async function hostAgent(
  name: string,
  services: Services,
  extra: { home?: string; scratchDirs?: Record<string, string> } = {},
): Promise<{ agent: RunningAgent; token: string; home: string }> {
  const token = randomBytes(24).toString('hex');
  const home = extra.home ?? mkdtempSync(join(tmpdir(), 'ops-agent-host-'));
  const agent = await startAgent({
    host: name,
    role: 'main',
    token,
    listen: { host: '127.0.0.1', port: 0 },
    home,
    dataDir: mkdtempSync(join(tmpdir(), 'ops-agent-data-')),
    services,
    backupsDir: join(home, 'backups'),
    aulaVersion: 'test',
    sampleIntervalMs: 60_000,
    ...(extra.scratchDirs ? { scratchDirs: extra.scratchDirs } : {}),
  });
  return { agent, token, home };
}
