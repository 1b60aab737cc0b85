import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireN8n } from './install.ts';

/** Environment that keeps n8n on loopback: no telemetry, version checks, templates, community nodes, MCP registry. */
export const OFFLINE_ENV: Record<string, string> = {
  N8N_DIAGNOSTICS_ENABLED: 'false',
  N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
  N8N_TEMPLATES_ENABLED: 'false',
  N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
  N8N_DISABLED_MODULES: 'mcp-registry',
  N8N_PERSONALIZATION_ENABLED: 'false',
  N8N_HIRING_BANNER_ENABLED: 'false',
  N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
  EXTERNAL_FRONTEND_HOOKS_URLS: '',
  N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
  N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
  DO_NOT_TRACK: '1',
};

export type RunningN8n = {
  url: string;
  owner: { email: string; password: string };
  /** What n8n printed so far (for a failing test's message). */
  output: () => string;
  stop: () => Promise<void>;
};

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * n8n (installed beforehand by the bootstrap, see install.ts) on 127.0.0.1 with a user folder of its own (SQLite),
 * free ports for the editor and the task-runner broker, an owner set up from the environment, and
 * `$env` readable by the workflows. `env` is the workflows' environment (Aula URL, tokens, sources).
 * Resolves once the owner can sign in; webhooks go live a few seconds later (poll them).
 */
export type N8nOptions = {
  env?: Record<string, string>;
  home?: string;
  /** Where the editor and webhooks listen (default 127.0.0.1 and a free port), and their public URL. */
  listen?: { host: string; port: number; publicUrl?: string };
  /** A user folder kept between starts (production); default a fresh one, removed on stop. */
  userFolder?: string;
  /** Encrypts the stored credentials: fixed in production, random by default. */
  encryptionKey?: string;
  owner?: { email: string; password: string };
};

export async function startN8n(options: N8nOptions = {}): Promise<RunningN8n> {
  const install = requireN8n(options.home);
  const host = options.listen?.host ?? '127.0.0.1';
  const port = options.listen?.port ?? (await freePort());
  const brokerPort = await freePort();
  const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'aula-n8n-'));
  mkdirSync(userFolder, { recursive: true });
  const owner = options.owner ?? { email: 'owner@example.test', password: randomBytes(12).toString('hex') };
  const local = host === '0.0.0.0' ? '127.0.0.1' : host;
  const publicUrl = (options.listen?.publicUrl ?? `http://${local}:${port}`).replace(/\/*$/, '/');
  const hash = spawnSync(
    process.execPath,
    ['-e', 'process.stdout.write(require("bcryptjs").hashSync(process.argv[1], 10))', owner.password],
    { cwd: join(install.dir, 'node_modules', 'n8n'), encoding: 'utf8' },
  );
  if (hash.status !== 0) throw new Error(`bcrypt hash for the n8n owner failed: ${hash.stderr}`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: userFolder,
    ...OFFLINE_ENV,
    N8N_USER_FOLDER: userFolder,
    N8N_HOST: new URL(publicUrl).hostname,
    N8N_LISTEN_ADDRESS: host,
    N8N_PORT: String(port),
    N8N_PROTOCOL: new URL(publicUrl).protocol.replace(':', ''),
    N8N_WEBHOOK_URL: publicUrl,
    WEBHOOK_URL: publicUrl,
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    N8N_ENCRYPTION_KEY: options.encryptionKey ?? randomBytes(24).toString('hex'),
    N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
    N8N_SECURE_COOKIE: 'false',
    N8N_LOG_LEVEL: 'warn',
    N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
    N8N_INSTANCE_OWNER_EMAIL: owner.email,
    N8N_INSTANCE_OWNER_PASSWORD_HASH: hash.stdout,
    GENERIC_TIMEZONE: 'Europe/Madrid',
    ...options.env,
  };
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [install.bin, 'start'], {
    env,
    cwd: userFolder,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.userFolder) rmSync(userFolder, { recursive: true, force: true });
  };
  const url = `http://${local}:${port}`;
  const deadline = Date.now() + 120_000;
  while (true) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`n8n exited (${child.exitCode}) while starting:\n${output.slice(-4_000)}`);
    }
    // Ready means the database is migrated and the owner from the environment can sign in.
    const ok =
      (await fetch(`${url}/healthz/readiness`).then(
        (r) => r.ok,
        () => false,
      )) &&
      (await fetch(`${url}/rest/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
      }).then(
        (r) => r.ok,
        () => false,
      ));
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`n8n did not answer within 120 s:\n${output.slice(-4_000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, owner, output: () => output, stop };
}
