import { entryOf } from '../backup/archive.ts';
import { backup, drill, listBackups, pruneBackups, restore, verifyArchive } from '../backup/index.ts';
import type { BackupEntry, BackupKind, BackupManifest, OnStep, RestoreReport } from '../contract.ts';

/**
 * What the agent's routes need of the backup library (packages/ops/src/backup), with this host's
 * folders and settings bound in once: the routes only say what and where.
 */
export type BackupApi = {
  create: (input: { kind: BackupKind; dir: string; onStep: OnStep; signal: AbortSignal }) => Promise<BackupEntry>;
  list: (dir: string) => Promise<BackupEntry[]>;
  /** Checks an archive's parts against its manifest (a received archive, before it is kept). */
  check: (path: string) => Promise<BackupManifest>;
  /** A kept archive as an entry. */
  inspect: (path: string) => Promise<BackupEntry>;
  /** Into an empty or new database; `uploadsDir`: an empty or missing folder for the uploads part. */
  restore: (input: {
    path: string;
    databaseUrl: string;
    uploadsDir?: string;
    onStep: OnStep;
    signal: AbortSignal;
  }) => Promise<RestoreReport>;
  /** Into a fresh database on this host's server, verified, dropped. */
  drill: (input: { path: string; onStep: OnStep; signal: AbortSignal }) => Promise<RestoreReport>;
  prune: (dir: string, keep: number) => Promise<string[]>;
};

export type BackupSettings = {
  host: string;
  aulaVersion: string;
  /** This host's database (Main, Mirror); a host without one backs up its other parts only. */
  databaseUrl?: string;
  uploadsDir?: string;
  n8nDir?: string;
  /** The environment whose settings a full backup keeps (the library leaves secrets out). */
  config?: Record<string, string | undefined>;
  /** AULA_PG_BIN */
  pgBin?: string;
};

export function backupLibrary(s: BackupSettings): BackupApi {
  const pgBin = s.pgBin ? { pgBin: s.pgBin } : {};
  return {
    create: ({ kind, dir, onStep, signal }) => {
      if ((kind === 'full' || kind === 'db') && !s.databaseUrl)
        throw new Error('this host has no database to back up: ask for n8n or uploads');
      return backup({
        kind,
        databaseUrl: s.databaseUrl ?? '',
        ...(s.uploadsDir ? { uploadsDir: s.uploadsDir } : {}),
        ...(s.n8nDir ? { n8nDir: s.n8nDir } : {}),
        ...(s.config ? { config: s.config } : {}),
        to: dir,
        host: s.host,
        aulaVersion: s.aulaVersion,
        ...pgBin,
        onStep,
        signal,
      });
    },
    list: listBackups,
    check: async (path) => {
      const check = await verifyArchive(path);
      if (!check.ok || !check.manifest) throw new Error(check.problems.join('; '));
      return check.manifest;
    },
    inspect: (path) => entryOf(path),
    restore: ({ path, databaseUrl, uploadsDir, onStep, signal }) =>
      restore({ file: path, databaseUrl, ...(uploadsDir ? { uploadsDir } : {}), ...pgBin, onStep, signal }),
    drill: ({ path, onStep, signal }) => {
      if (!s.databaseUrl) throw new Error('this host has no database server to drill on');
      return drill({ file: path, serverUrl: s.databaseUrl, ...pgBin, onStep, signal });
    },
    prune: (dir, keep) => pruneBackups(dir, { keep }),
  };
}
