import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { N8N_VERSION, removeAbandonedInstalls } from './install.ts';
import { npmEnv, runNpm } from './npm.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** The bridge CLI as the bootstrap runs it, with this test's environment (turbo's task environment under `npm test`). */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.once('close', (code) => resolve({ code, output, ms: performance.now() - started }));
  });
}

/** A TCP server on loopback that accepts connections and never answers: a registry that hangs. */
async function silentServer(): Promise<{ port: number; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return { port: address.port, server, sockets };
}

const temps: string[] = [];
const emptyHome = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aula-n8n-home-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('n8n install from the test environment', () => {
  it('reaches the registry with an empty AULA_N8N_HOME (the TLS settings survive turbo and pnpm)', async () => {
    const home = emptyHome();
    const run = await cli(['install', '--check'], { ...process.env, AULA_N8N_HOME: home });
    expect(run.output).toContain(`the registry serves n8n ${N8N_VERSION}`);
    expect(run.code).toBe(0);
    expect(readdirSync(home)).toEqual([]);
  });

  it('fails in seconds, saying why, when the registry cannot be reached', async () => {
    const closed = await silentServer();
    const port = closed.port;
    await new Promise((resolve) => closed.server.close(resolve));
    const run = await cli(['install'], {
      ...process.env,
      AULA_N8N_HOME: emptyHome(),
      npm_config_registry: `http://127.0.0.1:${port}/`,
    });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/the npm registry cannot be reached to install n8n .*ECONNREFUSED/);
    expect(run.output).toMatch(/NODE_EXTRA_CA_CERTS/);
    expect(run.ms).toBeLessThan(30_000);
  });
});

describe('npmEnv', () => {
  it("keeps the machine's npm settings, drops the package manager's own, and reads the machine's global npmrc", () => {
    const source = {
      PATH: '/usr/bin',
      HOME: '/home/someone',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca.pem',
      HTTPS_PROXY: 'http://proxy:3128',
      npm_config_cafile: '/etc/ssl/certs/ca.pem',
      NPM_CONFIG_REGISTRY: 'https://registry.example/',
      npm_config_globalconfig: '/opt/node24/etc/npmrc',
      npm_config_user_agent: 'pnpm/10',
      npm_config_frozen_lockfile: 'true',
      pnpm_config_verify_deps_before_run: 'false',
      npm_lifecycle_event: 'test',
      AULA_NPM_GLOBALCONFIG: '/usr/etc/npmrc-that-does-not-exist',
    };
    const env = npmEnv(source);
    expect(env).toMatchObject({
      HOME: '/home/someone',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca.pem',
      HTTPS_PROXY: 'http://proxy:3128',
      npm_config_cafile: '/etc/ssl/certs/ca.pem',
      NPM_CONFIG_REGISTRY: 'https://registry.example/',
    });
    for (const dropped of [
      'npm_config_globalconfig',
      'npm_config_user_agent',
      'npm_config_frozen_lockfile',
      'pnpm_config_verify_deps_before_run',
      'npm_lifecycle_event',
    ])
      expect(env).not.toHaveProperty(dropped);
    expect(env.PATH?.split(':')[0]).toBe(join(process.execPath, '..'));

    const machine = join(emptyHome(), 'npmrc');
    writeFileSync(machine, 'cafile=/etc/ssl/certs/ca.pem\n');
    expect(npmEnv({ ...source, AULA_NPM_GLOBALCONFIG: machine }).npm_config_globalconfig).toBe(machine);
  });
});

describe('runNpm', () => {
  it('ends the whole process group when it times out: nothing it started outlives it', async () => {
    const hanging = await silentServer();
    try {
      const started = performance.now();
      const run = runNpm(['view', 'n8n', 'version', '--fetch-retries=0', '--fetch-timeout=120000'], {
        cwd: tmpdir(),
        env: npmEnv({ ...process.env, npm_config_registry: `http://127.0.0.1:${hanging.port}/` }),
        capture: true,
        timeoutMs: 2_000,
      });
      const result = await run;
      expect(result.how).toBe('killed after 2 s');
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(result.pid).toBeGreaterThan(0);
      expect(() => process.kill(-(result.pid ?? 0), 0)).toThrow(/ESRCH/);
    } finally {
      for (const socket of hanging.sockets) socket.destroy();
      await new Promise((resolve) => hanging.server.close(resolve));
    }
  });
});

describe('removeAbandonedInstalls', () => {
  it("removes an interrupted install's partial folder, keeps a running one's and anything else", () => {
    const root = emptyHome();
    const dir = join(root, 'n8n-abc');
    const gone = spawn(process.execPath, ['-e', '']);
    const names = [`n8n-abc.partial-${process.pid}`, 'n8n-abc.partial-notapid', 'n8n-other.partial-1', 'n8n-abc'];
    return new Promise<void>((resolve) => gone.once('exit', () => resolve())).then(() => {
      for (const name of [...names, `n8n-abc.partial-${gone.pid}`]) mkdirSync(join(root, name));
      removeAbandonedInstalls(dir);
      expect(readdirSync(root).sort()).toEqual(
        [`n8n-abc.partial-${process.pid}`, 'n8n-abc', 'n8n-other.partial-1'].sort(),
      );
    });
  });
});
