import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmEnv, runNpm } from './npm.ts';

/** `n8n/runtime`: package.json pinning n8n and its npm lockfile (outside the pnpm workspace). */
export const RUNTIME_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../runtime');
export const N8N_VERSION = (
  JSON.parse(readFileSync(join(RUNTIME_DIR, 'package.json'), 'utf8')) as { dependencies: { n8n: string } }
).dependencies.n8n;

export type N8nInstall = {
  dir: string;
  /** The n8n entry point, to run with this Node: `node <bin> start`. */
  bin: string;
  /** What the install took, as recorded when it was made. */
  record: { seconds: number; megabytes: number; installedAt: string; cached: boolean };
};

type Log = (line: string) => void;
const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);

/**
 * Where this lockfile's install lives: `AULA_N8N_HOME`, else `~/.cache/aula/n8n-<hash>`, the hash
 * covering the lockfile and Node's ABI (sqlite3 is compiled for it). A changed lockfile gets a new directory.
 */
export function installDir(cacheRoot?: string): string {
  const hash = createHash('sha256')
    .update(readFileSync(join(RUNTIME_DIR, 'package.json')))
    .update(readFileSync(join(RUNTIME_DIR, 'package-lock.json')))
    .update(process.versions.modules)
    .digest('hex')
    .slice(0, 12);
  return join(cacheRoot ?? join(homedir(), '.cache', 'aula'), `n8n-${hash}`);
}

/** The finished install in `dir`, or undefined. A finished install is marked by `install.json`. */
export function findN8n(dir: string = installDir()): N8nInstall | undefined {
  const marker = join(dir, 'install.json');
  if (!existsSync(marker)) return undefined;
  const record = JSON.parse(readFileSync(marker, 'utf8')) as N8nInstall['record'];
  return { dir, bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), record: { ...record, cached: true } };
}

/**
 * The install in `dir`, or an error that says at once why there is none and how to make it: tests
 * and servers never install (that is the bootstrap's step, `npm run aula -- n8n install`).
 */
export function requireN8n(dir: string = installDir()): N8nInstall {
  const install = findN8n(dir);
  if (install) return install;
  throw new Error(
    `n8n ${N8N_VERSION} is not installed in ${dir}. \`npm test\` installs it before the tests start; ` +
      'to install it by hand: `npm run aula -- n8n install` (a few minutes, once per lockfile).',
  );
}

/**
 * Asks the registry for the pinned n8n with no retries, so a registry that cannot be reached (a
 * certificate the environment lost, a proxy, no network) fails in seconds with npm's own reason,
 * not after minutes of silent retries inside `npm install`.
 */
export async function checkRegistry(options: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  // An empty cache of its own: with a warm one, npm answers from the cache when the network fails.
  const cache = mkdtempSync(join(tmpdir(), 'aula-npm-check-'));
  const result = await runNpm(
    ['view', `n8n@${N8N_VERSION}`, 'version', '--fetch-retries=0', `--fetch-timeout=${timeoutMs}`, `--cache=${cache}`],
    { cwd: RUNTIME_DIR, env: npmEnv(), capture: true, timeoutMs: timeoutMs + 10_000 },
  ).finally(() => rmSync(cache, { recursive: true, force: true }));
  if (result.code === 0 && result.stdout.trim() === N8N_VERSION) return;
  const reason =
    result.output
      .split('\n')
      .filter((line) => /^npm (error|ERR!)/.test(line) && !/complete log of this run/.test(line))
      .map((line) => line.replace(/^npm (error|ERR!)\s*/, ''))
      .join('; ') || `npm answered "${result.stdout.trim()}" (exit ${result.code})`;
  throw new Error(
    `the npm registry cannot be reached to install n8n ${N8N_VERSION}: ${reason}. ` +
      'Check the network and the TLS settings npm runs with (NODE_EXTRA_CA_CERTS, the cafile of the ' +
      "machine's npmrc, HTTPS_PROXY): `npm view n8n version` must answer.",
  );
}

/**
 * Installs the pinned n8n once (npm install with the lockfile, no install scripts: the Kafka node's
 * native module cannot build offline and would roll everything back; then only sqlite3 is rebuilt),
 * printing its progress. A second call costs a stat.
 */
export async function ensureN8n(options: { dir?: string; log?: Log } = {}): Promise<N8nInstall> {
  const dir = options.dir ?? installDir();
  const log = options.log ?? stderrLog;
  const found = findN8n(dir);
  if (found) return found;
  log(`aula: installing n8n ${N8N_VERSION} into ${dir} (a few minutes, once per lockfile)`);
  const started = Date.now();
  await checkRegistry();
  removeAbandonedInstalls(dir);
  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(RUNTIME_DIR, 'package.json'), join(work, 'package.json'));
  cpSync(join(RUNTIME_DIR, 'package-lock.json'), join(work, 'package-lock.json'));
  const env = npmEnv();
  const progress = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    log(`aula: n8n install: ${seconds} s, ${Math.round(directorySize(work) / 1_000_000)} MB so far`);
  }, 30_000);
  try {
    for (const args of [
      ['install', '--ignore-scripts', '--no-save', '--loglevel=error'],
      ['rebuild', 'sqlite3', '--loglevel=error'],
    ]) {
      const result = await runNpm(args, { cwd: work, env });
      if (result.code !== 0) throw new Error(`aula: \`npm ${args.join(' ')}\` failed in ${work} (${result.how})`);
    }
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  } finally {
    clearInterval(progress);
  }
  const check = spawnSync(process.execPath, ['-e', "require('sqlite3')"], { cwd: work, env });
  if (check.status !== 0) throw new Error(`aula: sqlite3 does not load after the build:\n${check.stderr}`);
  const record = {
    seconds: Math.round((Date.now() - started) / 1000),
    megabytes: Math.round(directorySize(join(work, 'node_modules')) / 1_000_000),
    installedAt: new Date().toISOString(),
    cached: false,
  };
  writeFileSync(join(work, 'install.json'), `${JSON.stringify(record, null, 2)}\n`);
  if (existsSync(join(dir, 'install.json'))) rmSync(work, { recursive: true, force: true });
  else {
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  }
  log(`aula: n8n ${N8N_VERSION} installed in ${record.seconds} s, ${record.megabytes} MB`);
  return { dir, bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), record };
}

/**
 * Removes `<dir>.partial-<pid>` folders whose install was interrupted (its process is gone): each
 * holds up to 2 GB, and a Ctrl-C or a killed test run would otherwise leave them behind for good.
 */
export function removeAbandonedInstalls(dir: string): void {
  const prefix = `${basename(dir)}.partial-`;
  if (!existsSync(dirname(dir))) return;
  for (const name of readdirSync(dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) continue;
    rmSync(join(dirname(dir), name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function directorySize(path: string): number {
  const du = spawnSync('du', ['-sb', path], { encoding: 'utf8' });
  const bytes = Number(du.stdout.split('\t')[0]);
  return Number.isFinite(bytes) ? bytes : existsSync(path) ? statSync(path).size : 0;
}
