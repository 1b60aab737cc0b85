import pg from 'pg';
import type { TableCheck } from '../contract.ts';

/** The URL without its password, for showing and for a program's command line (the password goes in PGPASSWORD). */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '';
  return u.toString();
}

/** A program's connection: the URL without its password (visible in `ps`) and the password in its environment. */
export function programConnection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The settings under which a row's text form is the same on every server: time zone, date and
 * interval styles, float digits and bytea output all change `row::text`.
 */
const STABLE_TEXT = [
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  'SET extra_float_digits = 1',
  "SET bytea_output = 'hex'",
];

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: Error) => {
    throw new Error(`cannot connect to the database ${redactUrl(url)}: ${error.message}`);
  });
  for (const statement of STABLE_TEXT) await client.query(statement);
  return client;
}

/** "15.20" from the server. */
export async function serverVersion(client: pg.Client): Promise<{ version: string; major: number }> {
  const { rows } = await client.query<{ server_version: string; num: string }>(
    "SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS num",
  );
  const version = (rows[0]?.server_version ?? '').split(' ')[0] ?? '';
  return { version, major: Math.floor(Number(rows[0]?.num) / 10_000) };
}

/**
 * Every table of the public schema (Aula's and Directus's own) with its row count and a checksum:
 * the md5 of each row's text form, sorted bytewise, then hashed together. Equal data gives an equal
 * checksum whatever the physical order, the primary key or the database's collation.
 */
export async function tableChecks(client: pg.Client): Promise<TableCheck[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname COLLATE "C"`,
  );
  const checks: TableCheck[] = [];
  for (const { name } of tables) {
    const { rows } = await client.query<{ rows: string; checksum: string }>(
      `SELECT count(*)::bigint AS rows, md5(coalesce(string_agg(h, '' ORDER BY h COLLATE "C"), '')) AS checksum
       FROM (SELECT md5(t::text) AS h FROM public.${quoteIdent(name)} t) s`,
    );
    checks.push({ table: `public.${name}`, rows: Number(rows[0]?.rows), checksum: rows[0]?.checksum ?? '' });
  }
  return checks;
}

/** What a database already holds outside PostgreSQL's own schemas: empty means restorable. */
export async function userObjects(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
       AND n.nspname NOT LIKE 'pg_temp%'
     ORDER BY 1 LIMIT 5`,
  );
  return rows.map((r) => r.name);
}

/** Creates the database when it does not exist (from template0: nothing copied from template1). Returns whether it did. */
export async function ensureEmptyDatabase(url: string): Promise<'created' | 'empty'> {
  const name = databaseName(url);
  const server = await connect(withDatabase(url, 'postgres'));
  try {
    const { rowCount } = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await server.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8'`);
      return 'created';
    }
  } finally {
    await server.end();
  }
  const target = await connect(url);
  try {
    const objects = await userObjects(target);
    if (objects.length > 0)
      throw new Error(
        `the database "${name}" is not empty (it holds ${objects.join(', ')}${objects.length === 5 ? ', …' : ''}): ` +
          'restore only into an empty database, or name one that does not exist yet and it will be created',
      );
    return 'empty';
  } finally {
    await target.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const server = await connect(withDatabase(url, 'postgres'));
  try {
    await server.query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseName(url))} WITH (FORCE)`);
  } finally {
    await server.end();
  }
}
