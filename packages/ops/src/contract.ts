/**
 * The shapes shared by the backup library, the host agent each server runs, the `aula` command line
 * and the admin panel (`/admin` in the web site). One file so that each side builds against the same
 * words: what a host reports, what a backup is, how a long operation shows its progress.
 *
 * The host agent's HTTP API (every request carries `Authorization: Bearer <AULA_AGENT_TOKEN>`, and
 * `X-Aula-Actor: <email>` naming the person the panel acts for, written to the agent's audit log):
 *
 *   GET    /status                         → HostStatus
 *   GET    /services/:name/log?lines=200   → { lines: string[] }
 *   POST   /services/:name/restart         → Operation
 *   POST   /services/:name/stop            → Operation      (kind restart; the ops agent's tests, a person)
 *   POST   /services/:name/start           → Operation
 *   POST   /cleanup       { dir }          → Operation      (empties a named scratch folder; result { freed })
 *   POST   /queues/drain                   → Operation      (Main: the generation queue)
 *   GET    /backups                        → BackupEntry[]
 *   POST   /backups       { kind, to? }    → Operation      (result: BackupEntry)
 *   GET    /backups/:id/download           → the archive (application/octet-stream)
 *   PUT    /backups/:id   (the archive)    → BackupEntry    (receives a backup, e.g. Main's on the Mirror)
 *   POST   /restore       { backup, databaseUrl? } → Operation (result: RestoreReport)
 *   POST   /drills        { backup }       → Operation      (restore into a fresh database, verify, drop it)
 *   GET    /drills/last                    → RestoreReport | null
 *   POST   /clone         { to: "mirror" } → Operation      (Main only: backup, send, restore, start, compare)
 *   GET    /operations                     → Operation[]    (the latest first)
 *   GET    /operations/:id                 → Operation
 *   DELETE /operations/:id                 → Operation      (stops it; its steps say where it stopped)
 *   GET    /audit?limit=100                → AuditEntry[]
 *
 * Errors are `{ error: string }` in plain words with a 4xx/5xx status; 401 without the token.
 */

export const HOST_ROLES = ['main', 'support', 'mirror'] as const;
export type HostRole = (typeof HOST_ROLES)[number];

export type ServiceState = {
  name: string;
  state: 'running' | 'starting' | 'stopped' | 'failed' | 'unknown';
  version?: string;
  pid?: number;
  /** ISO time the service last (re)started. */
  since?: string;
  restarts?: number;
};

/** One reading of a host; the agent keeps the last hour of them (one every 15 s). */
export type HostSample = {
  at: string;
  /** CPU busy share over the last interval, 0..1. */
  cpu: number;
  load1: number;
  memUsedBytes: number;
  memTotalBytes: number;
  diskUsedBytes: number;
  diskTotalBytes: number;
};

export type HostStatus = {
  host: string;
  role: HostRole;
  at: string;
  aulaVersion: string;
  uptimeSeconds: number;
  cpus: number;
  load: [number, number, number];
  memory: { totalBytes: number; usedBytes: number };
  /** The file system holding Aula's data (AULA_HOME). */
  disk: { path: string; totalBytes: number; usedBytes: number };
  services: ServiceState[];
  history: HostSample[];
  lastBackup?: { id: string; at: string; bytes: number };
  lastDrill?: { at: string; ok: boolean };
};

/** What the panel shows for a host: its status, or why it did not answer. */
export type HostView =
  | { name: string; role: HostRole; reachable: true; status: HostStatus }
  | { name: string; role: HostRole; reachable: false; error: string; checkedAt: string };

export const BACKUP_KINDS = ['full', 'db', 'n8n', 'uploads'] as const;
/** `full`: database, uploads, n8n data and workflows, configuration without secrets. The rest: one part. */
export type BackupKind = (typeof BACKUP_KINDS)[number];
export type BackupPartName = 'db' | 'uploads' | 'n8n' | 'config';

export type TableCheck = {
  /** schema-qualified, e.g. public.courses */
  table: string;
  rows: number;
  /**
   * md5 over the md5s of the table's rows (text form, under fixed time zone and styles) sorted bytewise,
   * so equal data gives an equal checksum whatever the physical order, primary key or collation.
   */
  checksum: string;
};

export type BackupManifest = {
  format: 1;
  id: string;
  kind: BackupKind;
  createdAt: string;
  host: string;
  aulaVersion: string;
  /** e.g. "pg_dump (PostgreSQL) 15.20" and the server's "15.20". */
  pgDump?: string;
  serverVersion?: string;
  parts: { name: BackupPartName; file: string; bytes: number; sha256: string }[];
  tables: TableCheck[];
};

/** A complete backup on disk: `<dir>/<id>.aula-backup` (a tar holding manifest.json and the parts). */
export type BackupEntry = {
  id: string;
  path: string;
  kind: BackupKind;
  createdAt: string;
  bytes: number;
  sha256: string;
  manifest: BackupManifest;
};

export type RestoreReport = {
  backupId: string;
  databaseUrl: string;
  at: string;
  ok: boolean;
  seconds: number;
  tables: { table: string; expectedRows: number; rows: number; expectedChecksum: string; checksum: string }[];
  /** Plain words: what differed, or why it failed. */
  problems: string[];
};

export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'cancelled';
export type OperationKind = 'backup' | 'restore' | 'drill' | 'clone' | 'restart' | 'drain' | 'cleanup';

/** A long piece of work, shown as it happens: the panel polls it, the CLI prints its steps. */
export type Operation = {
  id: string;
  kind: OperationKind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  actor: string;
  startedAt: string;
  endedAt?: string;
  steps: { name: string; state: StepState; startedAt?: string; endedAt?: string; detail?: string }[];
  /** 0..1 when known */
  progress?: number;
  error?: string;
  result?: unknown;
};

export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  target?: string;
  outcome: 'started' | 'done' | 'failed' | 'refused';
  detail?: string;
};

/** One server in the servers file (`infra/servers.example.json`), read by the CLI and the panel. */
export type ServerEntry = {
  name: string;
  role: HostRole;
  /** The host agent's base URL, e.g. http://10.0.0.3:8070 */
  agent: string;
  ssh?: { host: string; user: string; port?: number; identityFile?: string };
};

/** A step reporter the library calls as it goes (backup, restore, clone). */
export type OnStep = (name: string, state: StepState, detail?: string) => void;
