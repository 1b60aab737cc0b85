import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { COURSE_SEARCH_SETUP } from '@aula/data/search';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backup,
  drill,
  findPgTools,
  listBackups,
  pruneBackups,
  readManifest,
  receiveBackup,
  restore,
  verifyArchive,
  verifyDatabase,
} from '../index.ts';

/** Each run has its own databases on the machine's PostgreSQL (dropped after) and its own folders. */
const SERVER = process.env.AULA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const databases: string[] = [];
const urlOf = (name: string) => {
  const u = new URL(SERVER);
  u.pathname = `/${name}`;
  return u.toString();
};
const newName = () => {
  const name = `aula_test_ops_${run}_${databases.length}`;
  databases.push(name);
  return name;
};
async function sql(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
const work = mkdtempSync(join(tmpdir(), 'aula-ops-backup-'));
const SECRET = `s3cr3t-${randomBytes(8).toString('hex')}`;
const N8N_KEY = `n8n-key-${randomBytes(8).toString('hex')}`;

let source: string;
const uploads = join(work, 'uploads');
const n8n = join(work, 'n8n');

/** A database shaped like Aula's: Directus's own tables and the course tables, with awkward types. */
async function seed(url: string, extraRows = 0) {
  await sql(
    url,
    `CREATE EXTENSION IF NOT EXISTS pg_trgm;
     CREATE TABLE directus_users (id uuid PRIMARY KEY, email text UNIQUE, token text, preferences json);
     CREATE TABLE directus_files (id uuid PRIMARY KEY, filename_disk text, uploaded_on timestamptz, filesize bigint);
     CREATE TABLE directus_activity (id serial PRIMARY KEY, action text, "timestamp" timestamptz DEFAULT now());
     CREATE TABLE courses (id serial PRIMARY KEY, slug text UNIQUE, title text, summary text, audience text,
       price numeric(8,2), tags text[],
       score double precision, cover uuid REFERENCES directus_files(id), data jsonb, raw bytea);
     CREATE TABLE lessons (id serial PRIMARY KEY, course integer REFERENCES courses(id) ON DELETE CASCADE, body text,
       "Order" integer, length interval);
     CREATE TABLE event_log (at timestamptz, what text);
     CREATE INDEX courses_title_trgm ON courses USING gin (title gin_trgm_ops);
     INSERT INTO directus_users VALUES
       ('8f1d4a3e-0000-4000-8000-000000000001', 'admin@example.com', NULL, '{"lang":"es"}'),
       ('8f1d4a3e-0000-4000-8000-000000000002', 'sofía@example.com', 'tok', NULL);
     INSERT INTO directus_files VALUES ('5a7c0000-0000-4000-8000-000000000001', 'cover.png', '2026-12-01 10:00:00+01', 12);
     INSERT INTO courses (slug, title, price, tags, score, cover, data, raw) VALUES
       ('python', 'Python desde cero', 19.90, '{a,b}', 0.1, '5a7c0000-0000-4000-8000-000000000001', '{"x": [1, 2]}', '\\x00ff'),
       ('ñandú', 'Aves: el ñandú «común»', NULL, '{}', 1e-300, NULL, NULL, NULL);
     INSERT INTO lessons (course, body, "Order", length) VALUES (1, 'Hola', 1, '1 hour'), (1, E'línea\\ncon salto', 2, NULL),
       (2, 'x', 1, '2 days 3 minutes');
     INSERT INTO event_log VALUES ('2026-12-07 08:00:00+00', 'b'), ('2026-12-07 08:00:00+00', 'a'), (NULL, NULL);
     INSERT INTO directus_activity (action) SELECT 'read ' || i FROM generate_series(1, ${100 + extraRows}) i;`,
  );
  // The course search's extensions, functions and expression index, exactly as the set-up makes them:
  // pg_restore must rebuild that index with its empty search_path.
  for (const statement of COURSE_SEARCH_SETUP) await sql(url, statement);
}

beforeAll(async () => {
  source = urlOf(newName());
  await sql(SERVER, `CREATE DATABASE ${new URL(source).pathname.slice(1)}`);
  await seed(source);
  mkdirSync(join(uploads, 'sub'), { recursive: true });
  writeFileSync(join(uploads, 'cover.png'), randomBytes(5_000));
  writeFileSync(join(uploads, 'sub', 'notes.txt'), 'apuntes');
  mkdirSync(join(n8n, '.n8n'), { recursive: true });
  writeFileSync(join(n8n, '.n8n', 'config'), JSON.stringify({ encryptionKey: N8N_KEY }));
  writeFileSync(join(n8n, '.n8n', 'database.sqlite'), 'workflows and executions');
});

afterAll(async () => {
  for (const name of databases) await sql(SERVER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

const config = {
  AULA_HOST: '0.0.0.0',
  AULA_PUBLIC_URL: 'https://aula.example.org',
  DIRECTUS_SECRET: SECRET,
  AULA_PIPELINE_TOKEN: SECRET,
  N8N_ENCRYPTION_KEY: N8N_KEY,
  DATABASE_URL: `postgres://aula:${SECRET}@db.internal:5432/aula`,
  REDIS_URL: `redis://:${SECRET}@redis:6379`,
  AULA_TREND_FEED_URL: `https://feeds.example.org/x?token=${SECRET}&lang=es`,
  PATH: '/usr/bin',
};

describe('backup and restore', () => {
  let full: Awaited<ReturnType<typeof backup>>;
  const steps: string[] = [];

  it('writes one complete archive with a manifest of parts and per-table checks', async () => {
    const to = join(work, 'full');
    full = await backup({
      kind: 'full',
      databaseUrl: source,
      uploadsDir: uploads,
      n8nDir: n8n,
      config,
      to,
      host: 'main',
      aulaVersion: 'test',
      onStep: (name, state) => steps.push(`${name}:${state}`),
    });
    expect(full.path).toBe(join(to, `${full.id}.aula-backup`));
    expect(readdirSync(to).sort()).toEqual([`${full.id}.aula-backup`, `${full.id}.aula-backup.sha256`]);
    expect(full.manifest.parts.map((p) => p.name)).toEqual(['db', 'uploads', 'n8n', 'config']);
    expect(full.manifest.pgDump).toMatch(/^pg_dump \(PostgreSQL\) \d+/);
    expect(full.manifest.tables.map((t) => t.table)).toEqual([
      'public.courses',
      'public.directus_activity',
      'public.directus_files',
      'public.directus_users',
      'public.event_log',
      'public.lessons',
    ]);
    expect(full.manifest.tables.find((t) => t.table === 'public.directus_activity')?.rows).toBe(100);
    expect(steps).toContain('dump database:done');
    expect(steps).toContain('write archive:done');
    // The archive's checksum file is in sha256sum's format.
    execFileSync('sha256sum', ['-c', `${full.id}.aula-backup.sha256`], { cwd: to });
    expect(await readManifest(full.path)).toEqual(full.manifest);
    expect(await verifyArchive(full.path)).toMatchObject({ ok: true, problems: [] });
    expect(await listBackups(to)).toEqual([full]);
  });

  it('keeps no secret: not the environment’s, not n8n’s encryption key', async () => {
    const bytes = readFileSync(full.path);
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes(N8N_KEY)).toBe(false);
    const part = JSON.parse(execFileSync('tar', ['-xOf', full.path, 'config.json'], { encoding: 'utf8' })) as {
      settings: Record<string, string>;
      secrets: string[];
    };
    expect(part.settings).toEqual({
      AULA_HOST: '0.0.0.0',
      AULA_PUBLIC_URL: 'https://aula.example.org',
      AULA_TREND_FEED_URL: 'https://feeds.example.org/x?token=REDACTED&lang=es',
      DATABASE_URL: 'postgres://db.internal:5432/aula',
      REDIS_URL: 'redis://redis:6379',
    });
    expect(part.secrets).toEqual(['AULA_PIPELINE_TOKEN', 'DIRECTUS_SECRET', 'N8N_ENCRYPTION_KEY']);
  });

  it('takes in a backup sent from elsewhere only when it arrives whole and is the one named', async () => {
    const mirror = join(work, 'mirror');
    const received = await receiveBackup({ dir: mirror, id: full.id, body: createReadStream(full.path) });
    expect(received).toMatchObject({
      id: full.id,
      sha256: full.sha256,
      bytes: full.bytes,
      path: join(mirror, `${full.id}.aula-backup`),
    });
    execFileSync('sha256sum', ['-c', `${full.id}.aula-backup.sha256`], { cwd: mirror });
    await expect(receiveBackup({ dir: mirror, id: full.id, body: createReadStream(full.path) })).rejects.toThrow(
      /is already here/,
    );
    const other = join(work, 'mirror-cut');
    const cut = readFileSync(full.path).subarray(0, Math.floor(full.bytes / 2));
    await expect(receiveBackup({ dir: other, id: full.id, body: Readable.from([cut]) })).rejects.toThrow(
      /^the received file is not a whole backup: /,
    );
    await expect(receiveBackup({ dir: other, id: 'another', body: createReadStream(full.path) })).rejects.toThrow(
      `the received backup is ${full.id}, not another`,
    );
    await expect(receiveBackup({ dir: other, id: '../x', body: Readable.from([cut]) })).rejects.toThrow(
      /is not a backup id/,
    );
    expect(readdirSync(other)).toEqual([]);
  });

  it('restores into a new database and folders, with equal counts and checksums', async () => {
    const target = urlOf(newName());
    const restoredUploads = join(work, 'restored-uploads');
    const restoredN8n = join(work, 'restored-n8n');
    const report = await restore({
      file: full.path,
      databaseUrl: target,
      uploadsDir: restoredUploads,
      n8nDir: restoredN8n,
    });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.backupId).toBe(full.id);
    expect(report.tables).toHaveLength(6);
    for (const t of report.tables) {
      expect(t.rows).toBe(t.expectedRows);
      expect(t.checksum).toBe(t.expectedChecksum);
    }
    expect(readFileSync(join(restoredUploads, 'cover.png'))).toEqual(readFileSync(join(uploads, 'cover.png')));
    expect(readFileSync(join(restoredUploads, 'sub', 'notes.txt'), 'utf8')).toBe('apuntes');
    expect(readFileSync(join(restoredN8n, '.n8n', 'database.sqlite'), 'utf8')).toBe('workflows and executions');
    expect(existsSync(join(restoredN8n, '.n8n', 'config'))).toBe(false);
    // The restored database works as the source did: its sequences, constraints and indexes came along.
    await sql(target, "INSERT INTO lessons (course, body) VALUES (2, 'nueva')");
    const { rows } = await sql(target, 'SELECT max(id) AS id FROM lessons');
    expect(rows[0].id).toBe(4);

    // A row changed after the restore is found by the verification, by table and in plain words.
    await sql(target, "UPDATE courses SET title = 'Python' WHERE slug = 'python'");
    const after = await verifyDatabase(target, full.manifest);
    expect(after.problems).toEqual([
      expect.stringMatching(/^public\.courses has the same 2 rows count but different contents/),
      'public.lessons has 4 rows, the backup has 3',
    ]);
  });

  it('restores as a role that is no superuser (the database owner on the Mirror), extensions included', async () => {
    const role = `aula_test_ops_role_${run}`;
    await sql(SERVER, `CREATE ROLE ${role} LOGIN CREATEDB`);
    const name = newName();
    const asRole = Object.assign(new URL(urlOf(name)), { username: role }).toString();
    try {
      const report = await restore({ file: full.path, databaseUrl: asRole });
      expect(report.problems).toEqual([]);
      const { rows } = await sql(
        asRole,
        "SELECT similarity(title, 'python') > 0 AS s, current_user AS u FROM courses WHERE slug = 'python'",
      );
      expect(rows[0]).toEqual({ s: true, u: role });
    } finally {
      await sql(SERVER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql(SERVER, `DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('refuses a database that is not empty, and folders that are not', async () => {
    await expect(restore({ file: full.path, databaseUrl: source })).rejects.toThrow(
      /the database "aula_test_ops_\w+" is not empty \(it holds public\.courses, .*\): restore only into an empty database/,
    );
    const target = urlOf(newName());
    await sql(SERVER, `CREATE DATABASE ${new URL(target).pathname.slice(1)}`);
    await expect(restore({ file: full.path, databaseUrl: target, uploadsDir: uploads })).rejects.toThrow(
      /the uploads folder .* is not empty/,
    );
  });

  it('finds a damaged archive before restoring it', async () => {
    const damaged = join(work, 'damaged.aula-backup');
    const bytes = readFileSync(full.path);
    const at = bytes.indexOf(Buffer.from('PGDMP')) + 2_000;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(damaged, bytes);
    const check = await verifyArchive(damaged);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([expect.stringMatching(/^the db part \(db\.dump\) is damaged/)]);
    await expect(restore({ file: damaged, databaseUrl: urlOf(newName()) })).rejects.toThrow(/cannot be restored/);
  });

  it('drills: restores into a fresh database, verifies, and drops it', async () => {
    const names: string[] = [];
    const report = await drill({
      file: full.path,
      serverUrl: SERVER,
      onStep: (name, _state, detail) => name === 'drop the drill database' && detail && names.push(detail),
    });
    expect(report.ok).toBe(true);
    expect(names[0]).toMatch(/^aula_drill_\d{8}_[0-9a-f]{8}$/);
    const { rowCount } = await sql(SERVER, 'SELECT 1 FROM pg_database WHERE datname = $1', [names[0]]);
    expect(rowCount).toBe(0);
  });
});

describe('a backup that fails leaves nothing that looks whole', () => {
  it('says plainly that pg_dump is missing (AULA_PG_BIN an empty folder)', async () => {
    const to = join(work, 'missing-tool');
    const empty = mkdtempSync(join(work, 'empty-bin-'));
    await expect(backup({ kind: 'db', databaseUrl: source, to, pgBin: empty })).rejects.toThrow(
      `the backup failed while it was at "dump database": pg_dump and pg_restore were not found in AULA_PG_BIN (${empty}): install postgresql-client-15 or set AULA_PG_BIN`,
    );
    expect(readdirSync(to)).toEqual([]);
  });

  it('refuses a folder that cannot hold files in plain words, before anything is written', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    await expect(backup({ kind: 'db', databaseUrl: source, to: join(file, 'below') })).rejects.toThrow(
      `cannot write backups to ${join(file, 'below')}: ${file} is a file, not a folder`,
    );
    // A write under /proc can block the process for good: refused by name, quickly.
    await expect(backup({ kind: 'db', databaseUrl: source, to: '/proc/self/aula' })).rejects.toThrow(
      /cannot write backups to \/proc\/self\/aula: it is a kernel file system/,
    );
    await expect(backup({ kind: 'db', databaseUrl: source, to: '/dev/shm/../null-dir' })).rejects.toThrow(
      /kernel file system/,
    );
  });

  it('refuses a pg_dump older than the server in plain words', async () => {
    const old = mkdtempSync(join(work, 'old-bin-'));
    for (const tool of ['pg_dump', 'pg_restore']) {
      writeFileSync(join(old, tool), `#!/bin/sh\necho "${tool} (PostgreSQL) 14.12"\n`);
      chmodSync(join(old, tool), 0o755);
    }
    const to = join(work, 'old-tool');
    await expect(backup({ kind: 'db', databaseUrl: source, to, pgBin: old })).rejects.toThrow(
      /pg_dump 14 cannot dump a PostgreSQL 15 server .*: install postgresql-client-15 or set AULA_PG_BIN/,
    );
    expect(readdirSync(to)).toEqual([]);
    // Debian's layout: the machine's own client is found for its server, and a newer server is refused.
    expect(findPgTools(15, 'dump a PostgreSQL 15 server').major).toBeGreaterThanOrEqual(15);
    expect(() => findPgTools(99, 'dump a PostgreSQL 99 server', { path: '' })).toThrow(
      /^pg_dump 1\d cannot dump a PostgreSQL 99 server \(found in .*\): install postgresql-client-99 or set AULA_PG_BIN/,
    );
  });

  it('stops when aborted, at the dump and at the archive, and removes what it wrote', async () => {
    for (const at of ['dump database', 'write archive']) {
      const to = join(work, `aborted-${at.replace(' ', '-')}`);
      const controller = new AbortController();
      const backingUp = backup({
        kind: 'full',
        databaseUrl: source,
        uploadsDir: uploads,
        to,
        signal: controller.signal,
        onStep: (name, state) => name === at && state === 'running' && controller.abort(),
      });
      await expect(backingUp).rejects.toThrow(
        `the backup failed while it was at "${at}": it was stopped before it finished; nothing was kept`,
      );
      expect(readdirSync(to)).toEqual([]);
    }
  });

  it('ignores what a backup killed with SIGKILL left, and the next backup removes it', async () => {
    const to = join(work, 'killed');
    // A bigger database so that the dump takes long enough to be killed in the middle.
    const big = urlOf(newName());
    await sql(SERVER, `CREATE DATABASE ${new URL(big).pathname.slice(1)}`);
    await sql(
      big,
      "CREATE TABLE t AS SELECT i, md5(i::text) || repeat('x', 200) AS v FROM generate_series(1, 300000) i",
    );
    const script = `import { backup } from ${JSON.stringify(new URL('../index.ts', import.meta.url).pathname)};
      await backup({ kind: 'db', databaseUrl: ${JSON.stringify(big)}, to: ${JSON.stringify(to)} });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { detached: true, stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    while (!(existsSync(to) && readdirSync(to).some((n) => n.endsWith('.partial.d')))) {
      if (Date.now() > deadline) throw new Error('the backup never started writing');
      await new Promise((r) => setTimeout(r, 20));
    }
    process.kill(-(child.pid as number), 'SIGKILL'); // the whole group: node and its pg_dump
    await new Promise((r) => child.once('exit', r));
    expect(readdirSync(to).every((n) => /\.aula-backup\.partial(\.d)?$/.test(n))).toBe(true);
    expect(await listBackups(to)).toEqual([]);
    // And what a restore killed the same way leaves beside the archives: its working folder.
    mkdirSync(join(to, '.aula-restore-k1ll3d'));
    writeFileSync(join(to, '.aula-restore-k1ll3d', 'writer.pid'), `${child.pid} 0`);
    const next = await backup({ kind: 'db', databaseUrl: source, to });
    expect(readdirSync(to).sort()).toEqual([`${next.id}.aula-backup`, `${next.id}.aula-backup.sha256`]);
  });

  it.skipIf(process.getuid?.() !== 0)(
    'says the disk is full when it is, at the dump and at the archive (tmpfs)',
    async () => {
      const big = urlOf(newName());
      await sql(SERVER, `CREATE DATABASE ${new URL(big).pathname.slice(1)}`);
      await sql(
        big,
        'CREATE TABLE t AS SELECT i, md5(random()::text) || md5(random()::text) AS v FROM generate_series(1, 60000) i',
      );
      const probe = await backup({ kind: 'db', databaseUrl: big, to: join(work, 'probe') });
      const dump = probe.manifest.parts[0]?.bytes ?? 0;
      // Too small for the dump; then room for the dump but not for the archive beside it.
      for (const [bytes, at] of [
        [Math.floor(dump / 2), 'dump database'],
        [Math.ceil((dump * 1.5) / 4096) * 4096, 'write archive'],
      ] as const) {
        const small = mkdtempSync(join(work, 'small-'));
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', small]);
        try {
          await expect(backup({ kind: 'db', databaseUrl: big, to: small })).rejects.toThrow(
            new RegExp(
              `^the backup failed while it was at "${at}": the disk holding .* is full \\(No space left on device\\); nothing was kept$`,
            ),
          );
          expect(readdirSync(small)).toEqual([]);
        } finally {
          execFileSync('umount', [small]);
        }
      }
    },
  );
});

describe('retention', () => {
  it('keeps the newest N and, with an age limit, drops older ones but never the newest', async () => {
    const to = join(work, 'retention');
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await backup({ kind: 'db', databaseUrl: source, to }));
    const removed = await pruneBackups(to, { keep: 2 });
    expect(removed).toEqual([made[0]?.path]);
    expect((await listBackups(to)).map((b) => b.id)).toEqual([made[2]?.id, made[1]?.id]);
    expect(readdirSync(to)).toHaveLength(4);
    const later = new Date(Date.now() + 10 * 86_400_000);
    expect(await pruneBackups(to, { keep: 5, maxAgeDays: 7, now: later })).toEqual([made[1]?.path]);
    expect((await listBackups(to)).map((b) => b.id)).toEqual([made[2]?.id]);
    await expect(pruneBackups(to, { keep: 0 })).rejects.toThrow(/at least 1/);
  });
});
