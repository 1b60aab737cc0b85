import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKUP_KINDS, type BackupKind, backup, type OnStep, pruneBackups, redactUrl, restore } from '@aula/ops';
import { type Command, InvalidArgumentError, Option } from 'commander';
import pg from 'pg';
import { readBackupEnv, type StartEnv } from '../env.ts';
import { layout, providePostgres } from '../postgres.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Progress on stderr (stdout carries only the result, e.g. the backup's path). */
const printStep: OnStep = (name, state, detail) => {
  if (state === 'pending') return;
  console.error(`aula: ${name}: ${state}${detail ? ` (${detail})` : ''}`);
};
const log = (line: string) => console.error(`aula: ${line}`);

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') return false;
    throw new Error(`the local database did not answer: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The database `npm start` uses: DATABASE_URL / DB_* when set; otherwise the embedded one, used as it
 * runs, or started for the backup and stopped after when `npm start` is not running.
 */
async function localDatabase(env: StartEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  if (env.databaseUrl) return { url: env.databaseUrl, stop: async () => {} };
  const url = `postgres://aula:${env.embeddedPgPassword}@127.0.0.1:${env.embeddedPgPort}/aula`;
  if (await answers(url)) return { url, stop: async () => {} };
  const { dataDir } = layout(env.home, () => {});
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    throw new Error(
      `there is no local database to back up yet (no embedded PostgreSQL data in ${dataDir}, and DATABASE_URL is not set): run npm start first, or set DATABASE_URL`,
    );
  log(`the embedded PostgreSQL is not running: starting it on port ${env.embeddedPgPort} for the backup`);
  const db = await providePostgres(env, log);
  return { url: db.url, stop: db.stop };
}

/**
 * `aula backup [--only db|n8n|uploads] [--to DIR]` and `aula restore FILE --database-url URL`: against
 * the local `npm start` stack with no servers file (its AULA_HOME, DATABASE_URL or embedded database,
 * uploads and n8n folders). The library is @aula/ops (decision 014).
 */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('back up this machine’s Aula (database, uploads, n8n data, settings without secrets); prints the path')
    .addOption(new Option('--only <part>', 'one part only').choices(BACKUP_KINDS.filter((kind) => kind !== 'full')))
    .option('--to <dir>', 'the folder to write the backup to (default AULA_HOME/backups)')
    .option('--keep <n>', 'then keep only the newest n backups in that folder', (value) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number, at least 1');
      return n;
    })
    .action(async (options: { only?: BackupKind; to?: string; keep?: number }) => {
      const env = readBackupEnv(root);
      const home = env.start.home;
      const kind: BackupKind = options.only ?? 'full';
      const needsDb = kind === 'full' || kind === 'db';
      const to = options.to ?? join(home, 'backups');
      const db = needsDb ? await localDatabase(env.start) : { url: '', stop: async () => {} };
      try {
        const entry = await backup({
          kind,
          databaseUrl: db.url,
          uploadsDir: join(home, 'data', 'uploads'),
          n8nDir: join(home, 'data', 'n8n'),
          config: env.config,
          to,
          aulaVersion: env.aulaVersion,
          ...(env.pgBin ? { pgBin: env.pgBin } : {}),
          onStep: printStep,
        });
        log(`backup ${entry.id}: ${entry.bytes} bytes, sha256 ${entry.sha256}`);
        if (options.keep) {
          const removed = await pruneBackups(to, { keep: options.keep });
          if (removed.length > 0) log(`removed ${removed.length} older backup(s), keeping the newest ${options.keep}`);
        }
        console.log(entry.path);
      } finally {
        await db.stop();
      }
    });

  program
    .command('restore')
    .description('restore a backup into an empty (or new) database, then check every table against the backup')
    .argument('<file>', 'the .aula-backup file')
    .requiredOption('--database-url <url>', 'the database to restore into: empty, or not existing yet (it is created)')
    .option('--uploads-dir <dir>', 'restore the uploads into this empty or new folder')
    .option('--n8n-dir <dir>', 'restore n8n’s data into this empty or new folder')
    .action(async (file: string, options: { databaseUrl: string; uploadsDir?: string; n8nDir?: string }) => {
      const env = readBackupEnv(root);
      const report = await restore({
        file,
        databaseUrl: options.databaseUrl,
        ...(options.uploadsDir ? { uploadsDir: options.uploadsDir } : {}),
        ...(options.n8nDir ? { n8nDir: options.n8nDir } : {}),
        ...(env.pgBin ? { pgBin: env.pgBin } : {}),
        onStep: printStep,
      });
      if (report.ok) {
        console.log(
          `restored ${report.backupId} into ${redactUrl(options.databaseUrl)} in ${report.seconds.toFixed(1)} s: ` +
            `${report.tables.length} tables, row counts and checksums equal to the backup`,
        );
        return;
      }
      console.error(`restored ${report.backupId}, but the database differs from the backup:`);
      for (const problem of report.problems) console.error(`  ${problem}`);
      process.exitCode = 1;
    });
}
