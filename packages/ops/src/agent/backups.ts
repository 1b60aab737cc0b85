import type { BackupEntry, BackupKind, OnStep, RestoreReport } from '../contract.ts';

/**
 * What the agent needs of the backup library (packages/ops/src/backup): one adapter, so the routes
 * read the same whatever the library's argument names are.
 */
export type BackupApi = {
  create: (input: {
    kind: BackupKind;
    dir: string;
    databaseUrl?: string;
    home: string;
    host: string;
    onStep: OnStep;
    signal: AbortSignal;
  }) => Promise<BackupEntry>;
  list: (dir: string) => Promise<BackupEntry[]>;
  /** Reads an archive's manifest and checks its parts: a received archive becomes an entry. */
  inspect: (path: string) => Promise<BackupEntry>;
  restore: (input: {
    path: string;
    databaseUrl: string;
    home?: string;
    onStep: OnStep;
    signal: AbortSignal;
  }) => Promise<RestoreReport>;
  drill: (input: { path: string; databaseUrl: string; onStep: OnStep; signal: AbortSignal }) => Promise<RestoreReport>;
  prune: (dir: string, keep: number) => Promise<unknown>;
};
