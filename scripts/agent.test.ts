import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bullPrefix, GENERATION_QUEUE, redisConnection } from '@aula/jobs';
import type { AuditEntry, BackupEntry, HostStatus, Operation, RestoreReport } from '@aula/ops';
import { backupLibrary, type RunningAgent, startAgent } from '@aula/ops/agent';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, supervise } from './supervise.ts';

/**
 * The host agent over a real supervisor: real child processes, the machine's Redis for the queue,
 * HTTP as the admin panel and the CLI speak it.
 */
const home = mkdtempSync(join(tmpdir(), 'aula-agent-'));
const token = randomBytes(24).toString('hex');
const prefix = `aula-agent-test-${randomBytes(4).toString('hex')}:`;
const REDIS_URL = process.env.AULA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const exits: number[] = [];
/** This run's databases on the machine's PostgreSQL, dropped after. */
const SERVER = process.env.AULA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const dbUrl = (name: string) => {
  const u = new URL(SERVER);
  u.pathname = `/${name}`;
  return u.toString();
};
const SOURCE_DB = `aula_test_agent_${run}`;
const FRESH_DB = `aula_test_agent_${run}_restored`;
async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}
const supervisor = supervise(() => {}, { exit: (code) => exits.push(code), forward: false });
let agent: RunningAgent;

/** A child that prints a numbered line every 20 ms, first its pid. */
function ticker(): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['-e', "console.log('started ' + process.pid); let i = 0; setInterval(() => console.log('tick ' + i++), 20)"],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise((r) => child.once('exit', r));
  return Promise.resolve({
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  });
}

const call = async <T>(method: string, path: string, init: { token?: string; actor?: string; body?: unknown } = {}) => {
  const res = await fetch(`${agent.url}${path}`, {
    method,
    headers: {
      ...(init.token === '' ? {} : { authorization: `Bearer ${init.token ?? token}` }),
      ...(init.actor === '' ? {} : { 'x-aula-actor': init.actor ?? 'ana@aula.example.org' }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const settled = (id: string) =>
  until('the operation to end', async () => {
    const { body } = await call<Operation>('GET', `/operations/${id}`);
    return body.state === 'running' ? undefined : body;
  });

beforeAll(async () => {
  await sql(SERVER, `CREATE DATABASE ${SOURCE_DB}`);
  await sql(
    dbUrl(SOURCE_DB),
    `CREATE TABLE courses (id serial PRIMARY KEY, title text NOT NULL);
     INSERT INTO courses (title) SELECT 'Curso ' || g FROM generate_series(1, 500) g;`,
  );
  mkdirSync(join(home, 'data', 'uploads'), { recursive: true });
  writeFileSync(join(home, 'data', 'uploads', 'cover.png'), randomBytes(2048));
  await supervisor.service({ name: 'ticker', version: '1.2.3', start: ticker });
  agent = await startAgent({
    host: 'test-host',
    role: 'main',
    token,
    listen: { host: '127.0.0.1', port: 0 },
    home,
    services: supervisor.services,
    backupsDir: join(home, 'backups'),
    redisUrl: REDIS_URL,
    redisPrefix: prefix,
    aulaVersion: '0.1.0',
    sampleIntervalMs: 200,
    databaseUrl: dbUrl(SOURCE_DB),
    backups: backupLibrary({
      host: 'test-host',
      aulaVersion: '0.1.0',
      databaseUrl: dbUrl(SOURCE_DB),
      uploadsDir: join(home, 'data', 'uploads'),
    }),
  });
});

afterAll(async () => {
  await agent?.stop();
  await supervisor.shutdown(0);
  const connection = redisConnection(REDIS_URL);
  const keys = await connection.keys(`${prefix}*`);
  if (keys.length) await connection.del(...keys);
  connection.disconnect();
  for (const name of [SOURCE_DB, FRESH_DB]) await sql(SERVER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(home, { recursive: true, force: true });
});

describe('the host agent', () => {
  it('answers 401 without its token or with a wrong one, and records the refused action', async () => {
    expect((await call('GET', '/status', { token: '' })).status).toBe(401);
    const wrong = await call<{ error: string }>('POST', '/services/ticker/restart', {
      token: `${token.slice(0, -1)}x`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/token/);
    // Same length as the real one and a different length: both refused (the comparison is of digests).
    expect((await call('GET', '/status', { token: 'short' })).status).toBe(401);
    const { body: audit } = await call<AuditEntry[]>('GET', '/audit?limit=5');
    expect(audit[0]).toMatchObject({ action: 'POST /services/ticker/restart', outcome: 'refused' });
    expect(exits).toEqual([]);
  });

  it('asks who acts before an action', async () => {
    const res = await call<{ error: string }>('POST', '/services/ticker/restart', { actor: '' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/X-Aula-Actor/);
  });

  it('reports the host from the operating system, with a history of samples', async () => {
    await until('two samples', async () => {
      const { body } = await call<HostStatus>('GET', '/status');
      return body.history.length >= 2 ? true : undefined;
    });
    const { status, body } = await call<HostStatus>('GET', '/status');
    expect(status).toBe(200);
    expect(body).toMatchObject({ host: 'test-host', role: 'main', aulaVersion: '0.1.0' });
    expect(body.cpus).toBeGreaterThan(0);
    expect(body.memory.totalBytes).toBeGreaterThan(body.memory.usedBytes);
    expect(body.memory.usedBytes).toBeGreaterThan(0);
    expect(body.disk.path).toBe(home);
    expect(body.disk.totalBytes).toBeGreaterThan(body.disk.usedBytes);
    expect(body.uptimeSeconds).toBeGreaterThan(0);
    expect(body.load).toHaveLength(3);
    const sample = body.history.at(-1)!;
    expect(sample.cpu).toBeGreaterThanOrEqual(0);
    expect(sample.cpu).toBeLessThanOrEqual(1);
    expect(sample.memTotalBytes).toBe(body.memory.totalBytes);
    expect(body.services).toEqual([
      expect.objectContaining({
        name: 'ticker',
        state: 'running',
        version: '1.2.3',
        restarts: 0,
        pid: expect.any(Number),
      }),
    ]);
  });

  it('tails a service’s log', async () => {
    // Past its twelfth tick, the last ten lines are ticks (its first line is its pid).
    await until('twelve ticks', async () => {
      const res = await call<{ lines: string[] }>('GET', '/services/ticker/log?lines=1');
      const n = /^tick (\d+)$/.exec(res.body.lines[0] ?? '')?.[1];
      return n !== undefined && Number(n) >= 12 ? true : undefined;
    });
    const { body } = await call<{ lines: string[] }>('GET', '/services/ticker/log?lines=10');
    expect(body.lines).toHaveLength(10);
    expect(body.lines.every((l) => /^tick \d+$/.test(l))).toBe(true);
    const numbers = body.lines.map((l) => Number(l.split(' ')[1]));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    expect((await call('GET', '/services/nothing/log')).status).toBe(404);
  });

  it('restarts a real child process: a new pid, a restart counted, no shutdown', async () => {
    const before = (await call<HostStatus>('GET', '/status')).body.services[0]!;
    const started = await call<Operation>('POST', '/services/ticker/restart', { actor: 'ana@aula.example.org' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'restart', actor: 'ana@aula.example.org', state: 'running' });
    const done = await settled(started.body.id);
    expect(done.state, done.error).toBe('done');
    expect(done.steps).toEqual([expect.objectContaining({ name: 'restart', state: 'done' })]);
    const after = (await call<HostStatus>('GET', '/status')).body.services[0]!;
    expect(after.state).toBe('running');
    expect(after.pid).not.toBe(before.pid);
    expect(after.restarts).toBe(1);
    expect(after.since! > before.since!).toBe(true);
    // The old process is gone; the new one prints its own pid.
    expect(() => process.kill(before.pid!, 0)).toThrow();
    await until('the new process’s first line', async () => {
      const { body } = await call<{ lines: string[] }>('GET', '/services/ticker/log?lines=500');
      return body.lines.includes(`started ${after.pid}`) ? true : undefined;
    });
    expect(exits).toEqual([]);
  });

  it('drains the generation queue’s waiting jobs, recorded with who did it', async () => {
    const connection = redisConnection(REDIS_URL);
    const queue = new Queue(GENERATION_QUEUE, { connection, prefix: bullPrefix(prefix) });
    await queue.add('write-lesson', { n: 1 });
    await queue.add('write-lesson', { n: 2 });
    await queue.add('write-lesson', { n: 3 }, { delay: 60_000 });
    expect(await queue.getWaitingCount()).toBe(2);
    const started = await call<Operation>('POST', '/queues/drain', { actor: 'luis@aula.example.org' });
    const done = await settled(started.body.id);
    expect(done.state, done.error).toBe('done');
    expect(done.steps[0]!.detail).toBe('3 waiting jobs removed');
    expect(await queue.getWaitingCount()).toBe(0);
    expect(await queue.getDelayedCount()).toBe(0);
    await queue.close();
    connection.disconnect();
    const { body: audit } = await call<AuditEntry[]>('GET', '/audit?limit=10');
    expect(audit.filter((a) => a.action === 'drain').map((a) => [a.actor, a.outcome])).toEqual([
      ['luis@aula.example.org', 'done'],
      ['luis@aula.example.org', 'started'],
    ]);
    expect(audit.find((a) => a.action === 'restart' && a.outcome === 'done')).toMatchObject({
      actor: 'ana@aula.example.org',
      target: 'ticker',
    });
  });

  it('stops an operation that is running: its steps say where it stopped', async () => {
    // Work that waits on its signal, as a backup waits on pg_dump.
    const op = agent.operations.start(
      'backup',
      'ana@aula.example.org',
      'test',
      ['prepare', 'dump', 'write'],
      async (ctx) => {
        await ctx.step('prepare', async () => {});
        await ctx.step(
          'dump',
          () =>
            new Promise((_, reject) =>
              ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
            ),
        );
        await ctx.step('write', async () => {});
      },
    );
    await until('the dump step to run', async () =>
      agent.operations.get(op.id)?.steps[1]?.state === 'running' ? true : undefined,
    );
    const res = await call<Operation>('DELETE', `/operations/${op.id}`, { actor: 'eva@aula.example.org' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('cancelled');
    expect(res.body.steps.map((s) => s.state)).toEqual(['done', 'cancelled', 'cancelled']);
    const { body: audit } = await call<AuditEntry[]>('GET', '/audit?limit=3');
    expect(audit.map((a) => [a.action, a.actor, a.outcome])).toEqual([
      ['backup', 'ana@aula.example.org', 'failed'],
      ['cancel', 'eva@aula.example.org', 'done'],
      ['backup', 'ana@aula.example.org', 'started'],
    ]);
    expect(audit[0]!.detail).toMatch(/stopped by request/);
  });

  it('answers plain words for what it does not do', async () => {
    expect((await call<{ error: string }>('POST', '/shell', { body: { command: 'id' } })).status).toBe(404);
    expect((await call<{ error: string }>('GET', '/operations/nope')).status).toBe(404);
    expect((await call<{ error: string }>('DELETE', '/status')).status).toBe(405);
  });

  let backupId = '';

  it('backs up its database: the operation’s steps, the list, the archive downloaded whole', async () => {
    const started = await call<Operation>('POST', '/backups', { body: { kind: 'db' } });
    expect(started.status).toBe(202);
    const done = await settled(started.body.id);
    expect(done.state, done.error).toBe('done');
    expect(done.steps.map((s) => s.name)).toContain('prepare');
    expect(done.steps.every((s) => ['done', 'skipped'].includes(s.state))).toBe(true);
    const entry = done.result as BackupEntry;
    backupId = entry.id;
    expect(entry.manifest.tables.find((t) => t.table === 'public.courses')?.rows).toBe(500);
    const { body: list } = await call<BackupEntry[]>('GET', '/backups');
    expect(list.map((b) => b.id)).toEqual([entry.id]);
    const res = await fetch(`${agent.url}/backups/${entry.id}/download`, {
      headers: { authorization: `Bearer ${token}`, 'x-aula-actor': 'ana@aula.example.org' },
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(entry.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    expect((await call<HostStatus>('GET', '/status')).body.lastBackup).toMatchObject({
      id: entry.id,
      bytes: entry.bytes,
    });
  });

  it('restores into a fresh database with equal counts and checksums, and drills', async () => {
    const started = await call<Operation>('POST', '/restore', {
      body: { backup: backupId, databaseUrl: dbUrl(FRESH_DB) },
    });
    const done = await settled(started.body.id);
    expect(done.state, done.error).toBe('done');
    const report = done.result as RestoreReport;
    expect(report.ok, report.problems.join('; ')).toBe(true);
    expect(report.tables.find((t) => t.table === 'public.courses')).toMatchObject({ rows: 500, expectedRows: 500 });
    expect((await sql(dbUrl(FRESH_DB), 'SELECT count(*)::int AS n FROM courses')).rows[0].n).toBe(500);
    // Not onto Main's own database.
    const refused = await call<{ error: string }>('POST', '/restore', { body: { backup: backupId } });
    expect(refused.status).toBe(409);
    const drill = await settled((await call<Operation>('POST', '/drills', { body: { backup: backupId } })).body.id);
    expect(drill.state, drill.error).toBe('done');
    expect((await call<RestoreReport>('GET', '/drills/last')).body).toMatchObject({ backupId, ok: true });
    expect((await call<HostStatus>('GET', '/status')).body.lastDrill?.ok).toBe(true);
  });

  it('a backup stopped mid-way leaves nothing that looks like a backup', async () => {
    const started = await call<Operation>('POST', '/backups', { body: { kind: 'full' } });
    const stopped = await call<Operation>('DELETE', `/operations/${started.body.id}`, {
      actor: 'eva@aula.example.org',
    });
    expect(stopped.body.state).toBe('cancelled');
    const names = readdirSync(join(home, 'backups'));
    expect(names.filter((n) => n.endsWith('.aula-backup'))).toEqual([`${backupId}.aula-backup`]);
    expect(names.filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('a failed backup says why and leaves nothing half-written', async () => {
    // A folder under a file: no one, root included, can write there.
    const file = join(home, 'not-a-folder');
    writeFileSync(file, 'x');
    const to = join(file, 'backups');
    const started = await call<Operation>('POST', '/backups', { body: { kind: 'db', to } });
    const done = await settled(started.body.id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/cannot write backups|not a directory/);
    expect(existsSync(to)).toBe(false);
    const audit = (await call<AuditEntry[]>('GET', '/audit?limit=1')).body[0]!;
    expect(audit).toMatchObject({ action: 'backup', outcome: 'failed' });
    expect(audit.detail).toMatch(/cannot write backups|not a directory/);
  });
});
