import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorEnv } from '@aula/llm';
import { freePort } from '@aula/test-stack';
import { type Emulator, outlineOf, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `npm start` end to end: a fresh AULA_HOME, its own ports and Redis prefix, embedded PostgreSQL. */
const root = fileURLToPath(new URL('..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'aula-start-'));
// Reachable by the `postgres` user when the tests run as root, so the data stays in this folder.
chmodSync(home, 0o755);
let env: Record<string, string>;

type Run = { child: ChildProcess; output: () => string; exit: Promise<number | null> };
const started: ChildProcess[] = [];

async function start(extra: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env: { ...process.env, ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 240_000;
  while (!output.includes('Aula is running')) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start was not ready in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, output: () => output, exit };
}

async function stop(run: Run): Promise<number | null> {
  run.child.kill('SIGINT');
  return run.exit;
}

async function signIn(email: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await fetch(`http://127.0.0.1:${env.AULA_DIRECTUS_PORT}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { data?: { access_token: string } };
  return { status: res.status, token: body.data?.access_token };
}
const login = async (email: string, password: string) => (await signIn(email, password)).status;

const refused = (port: string) =>
  fetch(`http://127.0.0.1:${port}/`).then(
    () => false,
    () => true,
  );

let emu: Emulator;

beforeAll(async () => {
  emu = await startProviderEmulator();
  env = {
    ...(emulatorEnv(emu.url, { AULA_GENERATION_PROVIDER: 'openai', AULA_GENERATION_FALLBACKS: '' }) as Record<
      string,
      string
    >),
    AULA_HOME: home,
    AULA_DIRECTUS_PORT: String(await freePort()),
    AULA_WEB_PORT: String(await freePort()),
    AULA_EMBEDDED_PG_PORT: String(await freePort()),
    AULA_AGENT_PORT: String(await freePort()),
    AULA_REDIS_PREFIX: `aula-start-test-${randomBytes(4).toString('hex')}:`,
    AULA_ADMIN_EMAIL: 'ops@example.com',
    AULA_ADMIN_PASSWORD: 'first-password-1',
    AULA_DEMO_PASSWORD: 'demo-password-1',
  };
  for (const name of ['DATABASE_URL', 'DB_HOST', 'REDIS_URL']) env[name] = '';
});

afterAll(async () => {
  // A failed assertion must not leave a platform running on this test's ports.
  for (const child of started) if (child.exitCode === null) child.kill('SIGINT');
  await Promise.all(started.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await emu?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('npm start', () => {
  it('brings the platform up, prints where to go and stops everything on Ctrl-C; a second start keeps the data', async () => {
    const first = await start();
    const banner = first.output();
    expect(banner).toContain('LOCAL ONLY');
    expect(banner).toContain(`http://127.0.0.1:${env.AULA_DIRECTUS_PORT}`);
    expect(banner).toContain(`http://127.0.0.1:${env.AULA_WEB_PORT}`);
    expect(banner).toContain(`Agent      http://127.0.0.1:${env.AULA_AGENT_PORT}`);
    // The local agent answers with the token npm start wrote for `aula status`, and only with it.
    const local = JSON.parse(readFileSync(join(home, 'agent.json'), 'utf8')) as { url: string; token: string };
    const host = await fetch(`${local.url}/status`, { headers: { authorization: `Bearer ${local.token}` } });
    expect(host.status).toBe(200);
    expect(((await host.json()) as { services: { name: string; state: string }[] }).services).toEqual([
      expect.objectContaining({ name: 'directus', state: 'running' }),
      expect.objectContaining({ name: 'workers', state: 'running' }),
      expect.objectContaining({ name: 'web', state: 'running' }),
    ]);
    expect((await fetch(`${local.url}/status`)).status).toBe(401);
    expect(banner).toContain('ops@example.com');
    expect(banner).toContain('student@example.com');
    expect(banner).toMatch(/Workers +generation queue/);
    expect(await login('ops@example.com', 'first-password-1')).toBe(200);
    expect(await login('student@example.com', 'demo-password-1')).toBe(200);
    const page = await fetch(`http://127.0.0.1:${env.AULA_WEB_PORT}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Primeros pasos con Python');

    // Something a person made, to find again after a restart.
    const { token } = await signIn('ops@example.com', 'first-password-1');
    const created = await fetch(`http://127.0.0.1:${env.AULA_DIRECTUS_PORT}/items/topic_proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Sobrevive al reinicio', fingerprint: 'sobrevive-al-reinicio' }),
    });
    expect(created.status).toBe(200);

    // The workers npm start runs take a course request through to review (providers: the emulator).
    const editor = await signIn('editor@example.com', 'demo-password-1');
    emu.script({ model: /.*/, body: /instructional designer/ }, { json: outlineOf(1) });
    const generate = await fetch(`http://127.0.0.1:${env.AULA_DIRECTUS_PORT}/aula/courses/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor.token}` },
      body: JSON.stringify({ topic: 'Presupuesto familiar', language: 'es', lessonCount: 1 }),
    });
    expect(generate.status).toBe(202);
    const { runId } = (await generate.json()) as { runId: string };
    let status = 'queued';
    for (let i = 0; i < 200 && !['completed', 'failed'].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 150));
      const run = await fetch(`http://127.0.0.1:${env.AULA_DIRECTUS_PORT}/aula/runs/${runId}`, {
        headers: { authorization: `Bearer ${editor.token}` },
      });
      const body = (await run.json()) as { status: string; error: string | null };
      status = body.status;
      if (status === 'failed') throw new Error(`generation failed: ${body.error}`);
    }
    expect(status).toBe('completed');

    expect(await stop(first)).toBe(0);
    expect(await refused(env.AULA_DIRECTUS_PORT as string)).toBe(true);
    expect(await refused(env.AULA_WEB_PORT as string)).toBe(true);

    // Second start, with a new administrator password: set-up has nothing to do, data is kept,
    // and the administrator signs in with the password from the environment.
    const second = await start({ AULA_ADMIN_PASSWORD: 'second-password-2' });
    expect(second.output()).toContain('schema, permissions and demo content up to date');
    expect(await login('ops@example.com', 'second-password-2')).toBe(200);
    expect(await login('ops@example.com', 'first-password-1')).toBe(401);
    const { token: adminToken } = await signIn('ops@example.com', 'second-password-2');
    const kept = await fetch(
      `http://127.0.0.1:${env.AULA_DIRECTUS_PORT}/items/topic_proposals?filter[fingerprint][_eq]=sobrevive-al-reinicio`,
      { headers: { authorization: `Bearer ${adminToken}` } },
    );
    expect(((await kept.json()) as { data: unknown[] }).data).toHaveLength(1);
    expect(await stop(second)).toBe(0);
  }, 600_000);

  it.each([
    ['AULA_ENV=production', { AULA_ENV: 'production' }],
    ['a non-loopback AULA_HOST', { AULA_HOST: '0.0.0.0' }],
  ])(
    'in production mode (%s) refuses within seconds, naming every missing variable in one message',
    async (_, extra) => {
      const unset = ['DIRECTUS_KEY', 'DIRECTUS_SECRET', 'AULA_GENERATOR_TOKEN', 'AULA_PIPELINE_TOKEN'];
      const child = spawn(process.execPath, [join(root, 'scripts', 'start.ts')], {
        cwd: root,
        env: {
          ...process.env,
          ...env,
          ...Object.fromEntries(unset.map((name) => [name, ''])),
          AULA_TUTOR_SERVICE_KEY: '',
          AULA_ADMIN_PASSWORD: 'aula-admin-2026',
          ...extra,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.push(child);
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const began = Date.now();
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(Date.now() - began).toBeLessThan(10_000);
      expect(output.match(/refusing to start/g)).toHaveLength(1);
      for (const name of [...unset, 'AULA_TUTOR_SERVICE_KEY', 'DATABASE_URL (or DB_HOST)']) {
        expect(output).toContain(`${name}: not set`);
      }
      expect(output).toContain('AULA_ADMIN_PASSWORD: is the documented default');
      // Nothing was started or generated: no PostgreSQL, no secrets file.
      expect(output).not.toContain('PostgreSQL ready');
    },
    30_000,
  );

  it('refuses to start on a port that is taken, naming the variable to change', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer().listen(Number(env.AULA_DIRECTUS_PORT), '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      await expect(start()).rejects.toThrow(/AULA_DIRECTUS_PORT/);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
