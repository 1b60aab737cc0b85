import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  createWriteStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupEntry, BackupKind, BackupManifest, BackupPartName, OnStep, TableCheck } from '../contract.ts';
import { PARTIAL, removeStalePartials, SUFFIX, sha256File, stagingOf, TAR, WRITER, writeSidecar } from './archive.ts';
import { configPart } from './config.ts';
import { connect, programConnection, redactUrl, serverVersion, tableChecks } from './database.ts';
import { findPgTools } from './pg-tools.ts';
import { abortError, isAbort, isDiskFull, runProgram } from './run.ts';

export type BackupOptions = {
  kind: BackupKind;
  /** The database to dump (its password goes to pg_dump through PGPASSWORD, never its command line). */
  databaseUrl: string;
  /** Directus's local storage folder (STORAGE_LOCAL_ROOT). */
  uploadsDir?: string;
  /** n8n's user folder (N8N_USER_FOLDER): its database and workflows; its `config` file (the encryption key) is left out. */
  n8nDir?: string;
  /** The environment whose settings the full backup keeps, without its secrets. */
  config?: Record<string, string | undefined>;
  /** The directory the archive is written to. */
  to: string;
  host?: string;
  aulaVersion?: string;
  /** AULA_PG_BIN: the one directory to take pg_dump and pg_restore from. */
  pgBin?: string;
  signal?: AbortSignal;
  onStep?: OnStep;
};

/**
 * Files of n8n's user folder a backup leaves out: the config file holding the encryption key (a
 * secret: the restored n8n is given N8N_ENCRYPTION_KEY from its environment), caches and logs.
 */
export const N8N_EXCLUDES = ['./.n8n/config', './.n8n/crash.journal', './.cache', './.npm', './.n8n/n8nEventLog*.log'];

const PART_FILES: Record<BackupPartName, string> = {
  db: 'db.dump',
  uploads: 'uploads.tar',
  n8n: 'n8n.tar',
  config: 'config.json',
};

function partsOf(kind: BackupKind): BackupPartName[] {
  return kind === 'full' ? ['db', 'uploads', 'n8n', 'config'] : [kind];
}

/** 2026-12-07T08-50-12Z-full-3f9a: sorts by time, readable, safe in file names and URLs. */
function newId(kind: BackupKind, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  return `${stamp}-${kind}-${randomBytes(2).toString('hex')}`;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes one backup archive `<to>/<id>.aula-backup`. Everything is written under `.partial` names
 * and renamed only when complete and on disk; on any failure those are removed and the error says
 * why in plain words. The row counts and checksums in the manifest are taken in the same snapshot
 * pg_dump dumps (an exported snapshot), so they describe exactly the dumped data.
 */
export async function backup(options: BackupOptions): Promise<BackupEntry> {
  const step = options.onStep ?? (() => {});
  const createdAt = new Date();
  const id = newId(options.kind, createdAt);
  const final = join(options.to, `${id}${SUFFIX}`);
  const partial = join(options.to, `${id}${PARTIAL}`);
  const staging = stagingOf(partial);
  let current = 'prepare';
  let out: Writable | undefined;
  const begin = (name: string, detail?: string) => {
    if (options.signal?.aborted) throw abortError();
    current = name;
    step(name, 'running', detail);
  };
  try {
    begin('prepare', options.to);
    checkBackupDir(options.to);
    const stale = removeStalePartials(options.to);
    mkdirSync(staging, { mode: 0o700 });
    writeFileSync(join(staging, 'writer.pid'), WRITER);
    step(
      'prepare',
      'done',
      stale.length ? `removed ${stale.length} unfinished backup file(s) left by a stopped backup` : undefined,
    );

    const manifest: BackupManifest = {
      format: 1,
      id,
      kind: options.kind,
      createdAt: createdAt.toISOString(),
      host: options.host ?? hostname(),
      aulaVersion: options.aulaVersion ?? 'unknown',
      parts: [],
      tables: [],
    };
    const present: BackupPartName[] = [];
    for (const part of partsOf(options.kind)) {
      const file = join(staging, PART_FILES[part]);
      if (part === 'db') {
        begin('dump database', redactUrl(options.databaseUrl));
        const dumped = await dumpDatabase(options, file);
        manifest.pgDump = dumped.pgDump;
        manifest.serverVersion = dumped.serverVersion;
        manifest.tables = dumped.tables;
        step('dump database', 'done', `${dumped.tables.length} tables, ${statSync(file).size} bytes`);
      } else if (part === 'uploads' || part === 'n8n') {
        const dir = part === 'uploads' ? options.uploadsDir : options.n8nDir;
        const label = part === 'uploads' ? 'copy uploads' : 'copy n8n data';
        if (!dir || !existsSync(dir)) {
          const why = `${part === 'uploads' ? 'the uploads folder' : "n8n's user folder"} ${dir ? `${dir} does not exist` : 'was not given'}`;
          if (options.kind !== 'full') throw new Error(`nothing to back up: ${why}`);
          step(label, 'skipped', why);
          continue;
        }
        begin(label, dir);
        const excludes = part === 'n8n' ? N8N_EXCLUDES.map((e) => `--exclude=${e}`) : [];
        await runProgram(TAR, ['-cf', file, '--sort=name', '-C', dir, ...excludes, '.'], { signal: options.signal });
        step(label, 'done', `${statSync(file).size} bytes`);
      } else {
        begin('write configuration');
        const config = configPart(options.config ?? {});
        writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
        step(
          'write configuration',
          'done',
          `${Object.keys(config.settings).length} settings, ${config.secrets.length} secrets left out`,
        );
      }
      present.push(part);
    }
    for (const part of present) {
      const file = join(staging, PART_FILES[part]);
      manifest.parts.push({
        name: part,
        file: PART_FILES[part],
        bytes: statSync(file).size,
        sha256: await sha256File(file),
      });
    }
    writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    begin('write archive', final);
    const hash = createHash('sha256');
    const hasher = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    // A write error (the disk full) destroys the hasher, which stops tar: nothing waits forever.
    const written = pipeline(hasher, out);
    written.catch(() => {});
    await runProgram(TAR, ['-cf', '-', '-C', staging, 'manifest.json', ...manifest.parts.map((p) => p.file)], {
      stdout: hasher,
      signal: options.signal,
    });
    await written;
    fsyncPath(partial);
    const sha256 = hash.digest('hex');
    if (options.signal?.aborted) throw abortError();
    renameSync(partial, final);
    fsyncPath(options.to);
    // After the rename: an archive without its .sha256 (killed right here) is listed, its sha256 computed.
    writeSidecar(final, sha256);
    fsyncPath(`${final}.sha256`);
    rmSync(staging, { recursive: true, force: true });
    step('write archive', 'done', `${statSync(final).size} bytes`);
    return {
      id,
      path: final,
      kind: options.kind,
      createdAt: manifest.createdAt,
      bytes: statSync(final).size,
      sha256,
      manifest,
    };
  } catch (error) {
    out?.destroy();
    // Removing must not hide the cause (below a file, removing answers ENOTDIR, not "nothing there").
    const remove = (path: string) => {
      try {
        rmSync(path, { recursive: true, force: true });
      } catch {}
    };
    remove(partial);
    remove(staging);
    // A failure after the rename (its .sha256 could not be written): not kept either, as the error says.
    remove(final);
    remove(`${final}.sha256`);
    const why = explain(error, options.to);
    step(current, isAbort(error) ? 'cancelled' : 'failed', why);
    throw new Error(`the backup failed while it was at "${current}": ${why}; nothing was kept`, { cause: error });
  }
}

/** Kernel file systems where a write never ends or means something else: never a backup folder. */
const PSEUDO = ['/proc', '/sys', '/dev'];
const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/**
 * The folder a backup goes to (a person may name it in the admin panel): created when missing, and
 * refused in plain words when it cannot hold files — under /proc, /sys or /dev (a write there can
 * block the process for good), below a file, read-only or not ours to write.
 */
export function checkBackupDir(to: string): void {
  let existing = resolve(to);
  while (!existsSync(existing) && existing !== dirname(existing)) existing = dirname(existing);
  const real = realpathSync(existing);
  if (PSEUDO.some((dir) => inside(real, dir) || inside(resolve(to), dir)))
    throw new Error(`cannot write backups to ${to}: it is a kernel file system (${real}), not a folder for files`);
  if (!statSync(real).isDirectory()) throw new Error(`cannot write backups to ${to}: ${real} is a file, not a folder`);
  try {
    mkdirSync(to, { recursive: true });
    accessSync(to, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'ENOTDIR'
            ? 'part of the path is a file, not a folder'
            : (error as Error).message;
    throw new Error(`cannot write backups to ${to}: ${why}`);
  }
}

function explain(error: unknown, to: string): string {
  if (isAbort(error)) return 'it was stopped before it finished';
  if (isDiskFull(error)) return `the disk holding ${to} is full (No space left on device)`;
  return error instanceof Error ? error.message : String(error);
}

async function dumpDatabase(
  options: BackupOptions,
  file: string,
): Promise<{ pgDump: string; serverVersion: string; tables: TableCheck[] }> {
  const client = await connect(options.databaseUrl);
  try {
    const server = await serverVersion(client);
    const tools = findPgTools(server.major, `dump a PostgreSQL ${server.major} server`, { pgBin: options.pgBin });
    // One snapshot for the checks and for pg_dump: the manifest describes exactly what was dumped.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const tables = await tableChecks(client);
    const connection = programConnection(options.databaseUrl);
    await runProgram(
      tools.pgDump,
      [
        '--format=custom',
        `--file=${file}`,
        `--snapshot=${rows[0]?.snapshot}`,
        '--no-password',
        `--dbname=${connection.dbname}`,
      ],
      { env: connection.env, signal: options.signal },
    );
    await client.query('COMMIT');
    return { pgDump: tools.version, serverVersion: server.version, tables };
  } finally {
    await client.end().catch(() => {});
  }
}
