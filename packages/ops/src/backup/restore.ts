import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BackupManifest, OnStep, RestoreReport, TableCheck } from '../contract.ts';
import { RESTORE_WORK, TAR, verifyArchive, WRITER } from './archive.ts';
import {
  connect,
  databaseName,
  dropDatabase,
  ensureEmptyDatabase,
  programConnection,
  redactUrl,
  tableChecks,
  withDatabase,
} from './database.ts';
import { findPgTools, majorOf } from './pg-tools.ts';
import { abortError, isAbort, runProgram } from './run.ts';

export type RestoreOptions = {
  file: string;
  /** An empty database, or one that does not exist yet (it is created). */
  databaseUrl: string;
  /** Where the uploads part goes (an empty or missing folder); left out when not given. */
  uploadsDir?: string;
  /** Where the n8n part goes (an empty or missing folder); left out when not given. */
  n8nDir?: string;
  pgBin?: string;
  signal?: AbortSignal;
  onStep?: OnStep;
};

/** Compares the restored tables with the manifest's: the problems in plain words, none when equal. */
export function compareTables(expected: TableCheck[], actual: TableCheck[]) {
  const found = new Map(actual.map((t) => [t.table, t]));
  const problems: string[] = [];
  const tables: RestoreReport['tables'] = [];
  for (const want of expected) {
    const got = found.get(want.table);
    found.delete(want.table);
    tables.push({
      table: want.table,
      expectedRows: want.rows,
      rows: got?.rows ?? 0,
      expectedChecksum: want.checksum,
      checksum: got?.checksum ?? '',
    });
    if (!got) problems.push(`${want.table} is missing after the restore (the backup has ${want.rows} rows)`);
    else if (got.rows !== want.rows) problems.push(`${want.table} has ${got.rows} rows, the backup has ${want.rows}`);
    else if (got.checksum !== want.checksum)
      problems.push(
        `${want.table} has the same ${got.rows} rows count but different contents (checksum ${got.checksum}, the backup's ${want.checksum})`,
      );
  }
  for (const extra of found.values())
    problems.push(`${extra.table} is not in the backup but is in the restored database`);
  return { tables, problems };
}

function emptyOrMissing(dir: string, what: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new Error(`${what} ${dir} is not empty: restore only into an empty or new folder`);
  mkdirSync(dir, { recursive: true });
}

/** Streams one member of the archive (an inner tar) into `tar -x` in `dir`. */
function extractInner(file: string, member: string, dir: string, signal?: AbortSignal): Promise<void> {
  const outer = spawn(TAR, ['-xOf', file, '--occurrence=1', member], { stdio: ['ignore', 'pipe', 'pipe'] });
  outer.stderr.resume();
  return runProgram(TAR, ['-xf', '-', '--no-same-owner', '-C', dir], { stdin: outer.stdout, signal }).then(
    () => undefined,
    (error) => {
      outer.kill();
      throw error;
    },
  );
}

/**
 * Restores a backup into an empty database (created when missing), the uploads and n8n parts into
 * the folders given, then checks every table's row count and checksum against the manifest. A
 * difference is a problem in the report (ok false); a restore that cannot be done throws.
 */
export async function restore(options: RestoreOptions): Promise<RestoreReport> {
  const started = Date.now();
  const step = options.onStep ?? (() => {});
  let current = 'check the backup';
  const begin = (name: string, detail?: string) => {
    if (options.signal?.aborted) throw abortError();
    current = name;
    step(name, 'running', detail);
  };
  let work: string | undefined;
  try {
    begin('check the backup', options.file);
    const check = await verifyArchive(options.file);
    if (!check.ok || !check.manifest)
      throw new Error(`the backup ${options.file} cannot be restored: ${check.problems.join('; ')}`);
    const manifest: BackupManifest = check.manifest;
    step('check the backup', 'done', `${manifest.id}: ${manifest.parts.map((p) => p.name).join(', ')}`);
    const db = manifest.parts.find((p) => p.name === 'db');
    const report: RestoreReport = {
      backupId: manifest.id,
      databaseUrl: redactUrl(options.databaseUrl),
      at: new Date().toISOString(),
      ok: true,
      seconds: 0,
      tables: [],
      problems: [],
    };
    if (db) {
      const dumpMajor = majorOf(manifest.pgDump ?? '') ?? 0;
      const tools = findPgTools(dumpMajor, `restore a backup made by ${manifest.pgDump ?? 'pg_dump'}`, {
        pgBin: options.pgBin,
      });
      begin('prepare the database', redactUrl(options.databaseUrl));
      const state = await ensureEmptyDatabase(options.databaseUrl);
      step('prepare the database', 'done', state === 'created' ? 'created' : 'empty');

      begin('restore the database');
      const base = dirname(options.file);
      try {
        work = mkdtempSync(join(base, RESTORE_WORK));
      } catch {
        work = mkdtempSync(join(tmpdir(), RESTORE_WORK));
      }
      writeFileSync(join(work, 'writer.pid'), WRITER);
      await runProgram(TAR, ['-xf', options.file, '-C', work, '--occurrence=1', db.file], { signal: options.signal });
      const connection = programConnection(options.databaseUrl);
      await runProgram(
        tools.pgRestore,
        [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          '--single-transaction',
          '--no-password',
          `--dbname=${connection.dbname}`,
          join(work, db.file),
        ],
        { env: connection.env, signal: options.signal },
      );
      step('restore the database', 'done');
    }
    for (const part of manifest.parts) {
      if (part.name !== 'uploads' && part.name !== 'n8n') continue;
      const dir = part.name === 'uploads' ? options.uploadsDir : options.n8nDir;
      const label = part.name === 'uploads' ? 'restore uploads' : 'restore n8n data';
      if (!dir) {
        step(label, 'skipped', 'no folder was given for it');
        continue;
      }
      begin(label, dir);
      emptyOrMissing(dir, part.name === 'uploads' ? 'the uploads folder' : "n8n's user folder");
      await extractInner(options.file, part.file, dir, options.signal);
      step(label, 'done');
    }
    if (db) {
      begin('verify tables');
      const client = await connect(options.databaseUrl);
      try {
        const compared = compareTables(manifest.tables, await tableChecks(client));
        report.tables = compared.tables;
        report.problems = compared.problems;
        report.ok = compared.problems.length === 0;
      } finally {
        await client.end();
      }
      step(
        'verify tables',
        report.ok ? 'done' : 'failed',
        report.ok ? `${report.tables.length} tables equal to the backup` : `${report.problems.length} differences`,
      );
    }
    report.seconds = (Date.now() - started) / 1000;
    return report;
  } catch (error) {
    const why = isAbort(error) ? 'it was stopped before it finished' : (error as Error).message;
    step(current, isAbort(error) ? 'cancelled' : 'failed', why);
    throw new Error(`the restore failed while it was at "${current}": ${why}`, { cause: error });
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

/** Checks the restored database again against a manifest (e.g. after someone changed a row). */
export async function verifyDatabase(databaseUrl: string, manifest: BackupManifest) {
  const client = await connect(databaseUrl);
  try {
    return compareTables(manifest.tables, await tableChecks(client));
  } finally {
    await client.end();
  }
}

/**
 * A restore drill: the backup restored into a fresh, uniquely named database on `serverUrl`'s
 * server, verified, and dropped again whatever happened. Returns the restore's report.
 */
export async function drill(options: {
  file: string;
  serverUrl: string;
  pgBin?: string;
  signal?: AbortSignal;
  onStep?: OnStep;
}): Promise<RestoreReport> {
  const name = `aula_drill_${new Date().toISOString().slice(0, 10).replaceAll('-', '')}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabase(options.serverUrl, name);
  try {
    return await restore({
      file: options.file,
      databaseUrl,
      ...(options.pgBin ? { pgBin: options.pgBin } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    });
  } finally {
    options.onStep?.('drop the drill database', 'running', name);
    await dropDatabase(databaseUrl).then(
      () => options.onStep?.('drop the drill database', 'done', name),
      (error: Error) => options.onStep?.('drop the drill database', 'failed', error.message),
    );
  }
}

export { databaseName };
