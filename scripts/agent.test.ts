import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bullPrefix, GENERATION_QUEUE, redisConnection } from '@aula/jobs';
import type { AuditEntry, HostStatus, Operation } from '@aula/ops';
import { type RunningAgent, startAgent } from '@aula/ops/agent';
import { Queue } from 'bullmq';
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
  });
});

afterAll(async () => {
  await agent?.stop();
  await supervisor.shutdown(0);
  const connection = redisConnection(REDIS_URL);
  const keys = await connection.keys(`${prefix}*`);
  if (keys.length) await connection.del(...keys);
  connection.disconnect();
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
    const { body } = await until('ten lines of output', async () => {
      const res = await call<{ lines: string[] }>('GET', '/services/ticker/log?lines=10');
      return res.body.lines.length === 10 ? res : undefined;
    });
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
});
