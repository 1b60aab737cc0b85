import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readManifest } from '@aula/ops';
import { freePort } from '@aula/test-stack';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';
import { embeddedDataDir, embeddedMajor, providePostgres } from './postgres.ts';

/**
 * `npm run aula -- backup` and `restore` end to end, as run.sh runs them, against the machine's
 * PostgreSQL (databases of this run's own, dropped after) and against the embedded one `npm start`
 * runs when DATABASE_URL is not set.
 */
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const SERVER = process.env.AULA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const databases: string[] = [];
const homes: string[] = [];
const urlOf = (name: string) => Object.assign(new URL(SERVER), { pathname: `/${name}` }).toString();
const newDatabase = () => {
  const name = `aula_test_cli_${run}_${databases.length}`;
  databases.push(name);
  return urlOf(name);
};
const newHome = () => {
  const home = mkdtempSync(join(tmpdir(), 'aula-backup-cli-'));
  chmodSync(home, 0o755); // reachable by the `postgres` user when tests run as root: the embedded data stays here
  homes.push(home);
  return home;
};

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function aula(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: '', DB_HOST: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

afterAll(async () => {
  for (const name of databases) await sql(SERVER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

describe('aula backup and aula restore', () => {
  it('back up DATABASE_URL and the uploads, print the path, and restore with equal counts and checksums', async () => {
    const source = newDatabase();
    await sql(SERVER, `CREATE DATABASE ${new URL(source).pathname.slice(1)}`);
    await sql(
      source,
      `CREATE TABLE directus_users (id uuid PRIMARY KEY, email text);
       CREATE TABLE courses (id serial PRIMARY KEY, title text, created timestamptz DEFAULT now());
       INSERT INTO directus_users VALUES ('8f1d4a3e-0000-4000-8000-000000000001', 'admin@example.com');
       INSERT INTO courses (title) SELECT 'Curso ' || i FROM generate_series(1, 50) i;`,
    );
    const home = newHome();
    mkdirSync(join(home, 'data', 'uploads'), { recursive: true });
    writeFileSync(join(home, 'data', 'uploads', 'a.png'), randomBytes(2_000));
    const secret = randomBytes(12).toString('hex');
    const env = { AULA_HOME: home, DATABASE_URL: source, DIRECTUS_SECRET: secret };

    const made = await aula(['backup'], env);
    expect(made.stderr).toMatch(/aula: dump database: done \(2 tables/);
    expect(made.status).toBe(0);
    const file = made.stdout.trim();
    expect(file).toMatch(new RegExp(`^${home}/backups/[\\w-]+-full-[0-9a-f]{4}\\.aula-backup$`));
    expect(readFileSync(file).includes(secret)).toBe(false);
    expect((await readManifest(file)).parts.map((p) => p.name)).toEqual(['db', 'uploads', 'config']);

    const target = newDatabase();
    const uploads = join(home, 'restored-uploads');
    const restored = await aula(['restore', file, '--database-url', target, '--uploads-dir', uploads], env);
    expect(restored.stdout).toMatch(
      /^restored [\w-]+ into .* in [\d.]+ s: 2 tables, row counts and checksums equal to the backup\n$/,
    );
    expect(restored.status).toBe(0);
    expect(readFileSync(join(uploads, 'a.png'))).toEqual(readFileSync(join(home, 'data', 'uploads', 'a.png')));

    // Again into the same (now full) database: refused, exit 1, in plain words.
    const again = await aula(['restore', file, '--database-url', target], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /aula: the restore failed while it was at "prepare the database": the database "\w+" is not empty/,
    );

    // One part: --only uploads, into --to.
    const to = join(home, 'elsewhere');
    const only = await aula(['backup', '--only', 'uploads', '--to', to], env);
    expect(only.status).toBe(0);
    expect(only.stdout.trim()).toMatch(new RegExp(`^${to}/[\\w-]+-uploads-[0-9a-f]{4}\\.aula-backup$`));
    expect((await readManifest(only.stdout.trim())).parts.map((p) => p.name)).toEqual(['uploads']);
    expect((await aula(['backup', '--only', 'everything'], env)).stderr).toMatch(/argument 'everything' is invalid/);
    // Retention: --keep 1 leaves the newest only.
    const kept = await aula(['backup', '--only', 'uploads', '--to', to, '--keep', '1'], env);
    expect(kept.stderr).toContain('removed 1 older backup(s), keeping the newest 1');
    expect(readdirSync(to).sort()).toEqual([basename(kept.stdout.trim()), `${basename(kept.stdout.trim())}.sha256`]);
    expect((await aula(['backup', '--keep', '0'], env)).stderr).toMatch(/a whole number, at least 1/);
  });

  it('exits 1 and lists the differences when a restored database does not match its backup', async () => {
    const source = newDatabase();
    await sql(SERVER, `CREATE DATABASE ${new URL(source).pathname.slice(1)}`);
    await sql(source, "CREATE TABLE t (id serial PRIMARY KEY, v text); INSERT INTO t (v) VALUES ('a'), ('b');");
    const home = newHome();
    const env = { AULA_HOME: home, DATABASE_URL: source };
    const made = await aula(['backup', '--only', 'db'], env);
    expect(made.status).toBe(0);
    // A backup whose manifest promises three rows where the dump holds two (the parts are intact).
    const file = made.stdout.trim();
    const unpacked = join(home, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xf', file, '-C', unpacked]);
    const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
    manifest.tables[0].rows = 3;
    writeFileSync(join(unpacked, 'manifest.json'), JSON.stringify(manifest));
    const altered = join(home, 'altered.aula-backup');
    execFileSync('tar', ['-cf', altered, '-C', unpacked, 'manifest.json', 'db.dump']);

    const restored = await aula(['restore', altered, '--database-url', newDatabase()], env);
    expect(restored.stderr).toContain(
      'but the database differs from the backup:\n  public.t has 2 rows, the backup has 3\n',
    );
    expect(restored.status).toBe(1);
  });

  it('backs up the embedded PostgreSQL of npm start (15, with unaccent and pg_trgm), starting it when it is not running', async () => {
    const home = newHome();
    const port = await freePort();
    const env = { AULA_HOME: home, AULA_EMBEDDED_PG_PORT: String(port) };
    // No local database yet: said plainly.
    const none = await aula(['backup', '--only', 'db'], env);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(
      /there is no local database to back up yet .*: run npm start first, or set DATABASE_URL/,
    );

    const db = await providePostgres(readEnv(fileURLToPath(new URL('..', import.meta.url)), env), () => {});
    try {
      await sql(
        db.url,
        `CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm;
         CREATE TABLE courses (id serial PRIMARY KEY, title text);
         INSERT INTO courses (title) VALUES ('Introducción a la programación');`,
      );
      const { rows } = await sql(
        db.url,
        "SELECT unaccent(title) AS t, similarity(title, 'introduccion') > 0 AS s, current_setting('server_version_num') AS v FROM courses",
      );
      expect(rows[0]).toMatchObject({ t: 'Introduccion a la programacion', s: true });
      expect(Math.floor(Number(rows[0].v) / 10_000)).toBe(15);
      // While it runs (npm start is up): backed up as it is.
      const running = await aula(['backup', '--only', 'db'], env);
      expect(running.status).toBe(0);
      expect(existsSync(running.stdout.trim())).toBe(true);
    } finally {
      await db.stop();
    }
    expect(existsSync(join(home, 'data', 'postgres-15', 'PG_VERSION'))).toBe(true);
    // Not running: started for the backup and stopped after.
    const stopped = await aula(['backup', '--only', 'db'], env);
    expect(stopped.stderr).toContain(
      `the embedded PostgreSQL is not running: starting it on port ${port} for the backup`,
    );
    expect(stopped.status).toBe(0);
    const restored = await aula(['restore', stopped.stdout.trim(), '--database-url', newDatabase()], env);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('1 tables, row counts and checksums equal to the backup');
    expect(readdirSync(join(home, 'backups')).filter((n) => n.endsWith('.aula-backup'))).toHaveLength(2);
    // The server it started is stopped again: nothing listens on the port.
    await expect(sql(`postgres://aula:x@127.0.0.1:${port}/aula`, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('keeps the embedded data per major: a PostgreSQL 17 data directory from before is left as it is, and said', () => {
    expect(embeddedMajor()).toBe(15);
    const data = join(newHome(), 'data');
    const notes: string[] = [];
    expect(embeddedDataDir(data, 15, (line) => notes.push(line))).toBe(join(data, 'postgres-15'));
    expect(notes).toEqual([]);
    mkdirSync(join(data, 'postgres'), { recursive: true });
    writeFileSync(join(data, 'postgres', 'PG_VERSION'), '17\n');
    writeFileSync(join(data, 'postgres', 'base'), 'old data');
    expect(embeddedDataDir(data, 15, (line) => notes.push(line))).toBe(join(data, 'postgres-15'));
    expect(notes).toEqual([
      `${join(data, 'postgres')} holds PostgreSQL 17 data, which the embedded PostgreSQL 15 cannot open: it is kept as it is, and this start uses ${join(data, 'postgres-15')}. Delete the old directory once you no longer need it (see docs/decisions/014-backups.md).`,
    ]);
    expect(readFileSync(join(data, 'postgres', 'base'), 'utf8')).toBe('old data');
    // A data/postgres of the same major (made by an earlier 15) is used where it is.
    writeFileSync(join(data, 'postgres', 'PG_VERSION'), '15\n');
    expect(embeddedDataDir(data, 15, () => {})).toBe(join(data, 'postgres'));
  });
});
