import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * Installs the pinned n8n once (npm install with the lockfile, no install scripts: the Kafka node's
 * native module cannot build offline and would roll everything back; then only sqlite3 is rebuilt).
 * A finished install is marked by `install.json`; a second call costs a stat.
 */
export async function ensureN8n(options: { dir?: string; log?: (line: string) => void } = {}): Promise<N8nInstall> {
  const dir = options.dir ?? installDir();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const bin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
  const marker = join(dir, 'install.json');
  if (existsSync(marker)) {
    const record = JSON.parse(readFileSync(marker, 'utf8')) as N8nInstall['record'];
    return { dir, bin, record: { ...record, cached: true } };
  }
  log(`aula: installing n8n ${N8N_VERSION} into ${dir} (a few minutes, once per lockfile)`);
  const started = Date.now();
  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(RUNTIME_DIR, 'package.json'), join(work, 'package.json'));
  cpSync(join(RUNTIME_DIR, 'package-lock.json'), join(work, 'package-lock.json'));
  // npm runs under this Node (24), and node-gyp builds sqlite3 against its headers.
  const nodeDir = dirname(dirname(process.execPath));
  const env = {
    ...process.env,
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    ...(existsSync(join(nodeDir, 'include', 'node')) ? { npm_config_nodedir: nodeDir } : {}),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  // Asynchronous, so a test runner waiting on it stays responsive for the minutes it takes.
  const npm = (...args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn('npm', args, { cwd: work, env, stdio: ['ignore', 'inherit', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`aula: \`npm ${args.join(' ')}\` failed in ${work} (exit ${code})`)),
      );
    });
  await npm('install', '--ignore-scripts', '--no-save', '--loglevel=error');
  await npm('rebuild', 'sqlite3', '--loglevel=error');
  const check = spawnSync(process.execPath, ['-e', "require('sqlite3')"], { cwd: work, env });
  if (check.status !== 0) throw new Error(`aula: sqlite3 does not load after the build:\n${check.stderr}`);
  const record = {
    seconds: Math.round((Date.now() - started) / 1000),
    megabytes: Math.round(directorySize(join(work, 'node_modules')) / 1_000_000),
    installedAt: new Date().toISOString(),
    cached: false,
  };
  writeFileSync(join(work, 'install.json'), `${JSON.stringify(record, null, 2)}\n`);
  if (existsSync(marker)) rmSync(work, { recursive: true, force: true });
  else {
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  }
  log(`aula: n8n ${N8N_VERSION} installed in ${record.seconds} s, ${record.megabytes} MB`);
  return { dir, bin, record };
}

function directorySize(path: string): number {
  const du = spawnSync('du', ['-sb', path], { encoding: 'utf8' });
  const bytes = Number(du.stdout.split('\t')[0]);
  return Number.isFinite(bytes) ? bytes : statSync(path).size;
}
