import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sources = [
  'web/src',
  'web/app',
  'web/public',
  'web/next.config.ts',
  'web/package.json',
  'packages/domain/src',
  'packages/llm/src',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

function nextBin(root: string): string {
  return join(root, 'web', 'node_modules', 'next', 'dist', 'bin', 'next');
}

/** True when the production build is missing or older than any source it was built from. */
export function webNeedsBuild(root: string): boolean {
  const buildId = join(root, 'web', '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return sources.some((s) => newestMtime(join(root, s)) > built);
}

export function buildWeb(root: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin(root), 'build'], {
      cwd: join(root, 'web'),
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}

export type RunningWeb = {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
  /** With `pipe`: what it printed before it answered. */
  output: () => string;
};

export async function startWeb(
  root: string,
  host: string,
  port: number,
  env: Record<string, string>,
  options: { pipe?: boolean } = {},
): Promise<RunningWeb> {
  // web/server.ts, not `next start`: it decides who is calling (AULA_TRUSTED_PROXIES) before Next sees a request.
  const out = options.pipe ? 'pipe' : 'inherit';
  const child = spawn(process.execPath, ['server.ts', '-H', host, '-p', String(port)], {
    cwd: join(root, 'web'),
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', out, out],
  });
  // Until the caller reads it, what the server prints is kept (a full pipe would stop the server).
  let early = '';
  const keepEarly = (d: Buffer) => (early = (early + d).slice(-20_000));
  child.stdout?.on('data', keepEarly);
  child.stderr?.on('data', keepEarly);
  const exited = new Promise((r) => child.once('exit', r));
  const url = `http://${host}:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      child.stdout?.off('data', keepEarly);
      child.stderr?.off('data', keepEarly);
      return { url, process: child, stop, output: () => early };
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await stop();
  throw new Error(`the web server did not answer on ${url}`);
}
