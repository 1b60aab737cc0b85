import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BACKUP_KINDS, type BackupEntry, type BackupManifest } from '../contract.ts';
import { runProgram } from './run.ts';

/**
 * A backup on disk is one tar file, `<id>.aula-backup`, holding manifest.json first and then the
 * parts (db.dump, uploads.tar, n8n.tar, config.json). Beside it, `<id>.aula-backup.sha256` in
 * sha256sum's format (`sha256sum -c` checks it). While a backup is being written its files end in
 * `.partial` (the archive) and `.partial.d` (the parts, with the writer's pid): never listed, and
 * removed by the next backup in that directory once their writer is gone.
 */
export const SUFFIX = '.aula-backup';
export const PARTIAL = `${SUFFIX}.partial`;
/** A restore's working folder beside the archive (the database part, extracted for pg_restore). */
export const RESTORE_WORK = '.aula-restore-';
export const TAR = 'tar';

/** Who writes a partial backup: this process's pid and start time (a pid alone is reused, e.g. in containers). */
export const WRITER = `${process.pid} ${Math.round(Date.now() - process.uptime() * 1000)}`;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One member of the archive, streamed: its sha256 and size, without extracting it to disk. */
export async function memberDigest(file: string, member: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  await runProgram(TAR, ['-xOf', file, '--occurrence=1', member], { stdout: sink });
  return { sha256: hash.digest('hex'), bytes };
}

function parseManifest(text: string, file: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new Error(`${file} is not an Aula backup: its manifest.json is not JSON`);
  }
  if (manifest?.format !== 1 || !BACKUP_KINDS.includes(manifest.kind) || !Array.isArray(manifest.parts))
    throw new Error(`${file} is not an Aula backup this version can read (format ${String(manifest?.format)})`);
  return manifest;
}

/** The manifest, read from the archive (it is the first member, so this reads little). */
export async function readManifest(file: string): Promise<BackupManifest> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const text = await runProgram(TAR, ['-xOf', file, '--occurrence=1', 'manifest.json']).catch((error: Error) => {
    throw new Error(`${file} is not an Aula backup (no readable manifest.json): ${error.message}`);
  });
  return parseManifest(text, file);
}

export type ArchiveCheck = { ok: boolean; problems: string[]; manifest?: BackupManifest };

/** Checks each part's sha256 and size against the manifest, and the archive against its .sha256 file when there is one. */
export async function verifyArchive(file: string): Promise<ArchiveCheck> {
  let manifest: BackupManifest;
  try {
    manifest = await readManifest(file);
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  const problems: string[] = [];
  const sidecar = `${file}.sha256`;
  if (existsSync(sidecar)) {
    const expected = readFileSync(sidecar, 'utf8').split(/\s+/)[0];
    const actual = await sha256File(file);
    if (expected !== actual)
      problems.push(`the archive's sha256 is ${actual}, but ${basename(sidecar)} says ${expected}`);
  }
  for (const part of manifest.parts) {
    try {
      const { sha256, bytes } = await memberDigest(file, part.file);
      if (sha256 !== part.sha256 || bytes !== part.bytes)
        problems.push(
          `the ${part.name} part (${part.file}) is damaged: ${bytes} bytes with sha256 ${sha256}, the manifest says ${part.bytes} bytes with ${part.sha256}`,
        );
    } catch {
      problems.push(`the ${part.name} part (${part.file}) is missing from the archive`);
    }
  }
  return { ok: problems.length === 0, problems, manifest };
}

export function writeSidecar(file: string, sha256: string): void {
  writeFileSync(`${file}.sha256`, `${sha256}  ${basename(file)}\n`);
}

/** The archive's sha256: from its .sha256 file when that matches the file's size and time, else computed (and written). */
async function archiveSha256(file: string): Promise<string> {
  const sidecar = `${file}.sha256`;
  if (existsSync(sidecar) && statSync(sidecar).mtimeMs >= statSync(file).mtimeMs) {
    const value = readFileSync(sidecar, 'utf8').split(/\s+/)[0];
    if (value && /^[0-9a-f]{64}$/.test(value)) return value;
  }
  const sha256 = await sha256File(file);
  try {
    writeSidecar(file, sha256);
  } catch {
    // a read-only directory: computed each time
  }
  return sha256;
}

export async function entryOf(file: string, manifest?: BackupManifest): Promise<BackupEntry> {
  const m = manifest ?? (await readManifest(file));
  return {
    id: m.id,
    path: file,
    kind: m.kind,
    createdAt: m.createdAt,
    bytes: statSync(file).size,
    sha256: await archiveSha256(file),
    manifest: m,
  };
}

/** The complete backups in `dir`, newest first. Partial files and archives that cannot be read are left out. */
export async function listBackups(dir: string): Promise<BackupEntry[]> {
  if (!existsSync(dir)) return [];
  const entries: BackupEntry[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(SUFFIX)) continue;
    try {
      entries.push(await entryOf(join(dir, name)));
    } catch {
      // not an Aula backup (or damaged): verifyArchive says why when asked about it
    }
  }
  return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/**
 * Retention: keeps the newest `keep` backups (and, with maxAgeDays, drops older ones beyond that age
 * even within `keep`, never the newest one). Returns the paths removed.
 */
export async function pruneBackups(
  dir: string,
  policy: { keep: number; maxAgeDays?: number; now?: Date },
): Promise<string[]> {
  if (!Number.isInteger(policy.keep) || policy.keep < 1)
    throw new Error(`keep must be a whole number of backups, at least 1 (got ${policy.keep})`);
  const now = (policy.now ?? new Date()).getTime();
  const removed: string[] = [];
  const backups = await listBackups(dir);
  backups.forEach((entry, index) => {
    const old = policy.maxAgeDays !== undefined && now - Date.parse(entry.createdAt) > policy.maxAgeDays * 86_400_000;
    if (index >= policy.keep || (index > 0 && old)) {
      rmSync(entry.path, { force: true });
      rmSync(`${entry.path}.sha256`, { force: true });
      removed.push(entry.path);
    }
  });
  return removed;
}

/** Removes what backups (and restores) killed mid-way left in `dir`: their writer's pid no longer runs. */
export function removeStalePartials(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(RESTORE_WORK)) {
      if (writerRuns(join(dir, name))) continue;
    } else if (name.endsWith(PARTIAL) || name.endsWith(`${PARTIAL}.d`)) {
      const archive = join(dir, name.endsWith('.d') ? name.slice(0, -2) : name);
      if (writerRuns(`${archive}.d`)) continue;
    } else continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

export function writerRuns(staging: string): boolean {
  const pidFile = join(staging, 'writer.pid');
  if (!existsSync(pidFile)) return false;
  const [pidText, started] = readFileSync(pidFile, 'utf8').trim().split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return `${pid} ${started}` === WRITER;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const stagingOf = (partial: string) => `${partial}.d`;
export const dirOf = dirname;

/**
 * Takes in a backup sent from elsewhere (the agent's `PUT /backups/:id`, e.g. Main's backup on the
 * Mirror): written as `.partial`, fsynced, checked (a readable manifest whose id is `id`, every part's
 * sha256), then renamed. A body that is cut short or damaged leaves nothing and says why.
 */
export async function receiveBackup(options: {
  dir: string;
  id: string;
  body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream;
  signal?: AbortSignal;
}): Promise<BackupEntry> {
  if (!/^[\w.-]+$/.test(options.id) || options.id.startsWith('.'))
    throw new Error(`"${options.id}" is not a backup id (letters, digits, dots, dashes and underscores)`);
  mkdirSync(options.dir, { recursive: true });
  const final = join(options.dir, `${options.id}${SUFFIX}`);
  if (existsSync(final)) throw new Error(`the backup ${options.id} is already here (${final})`);
  const partial = join(options.dir, `${options.id}${PARTIAL}`);
  const hash = createHash('sha256');
  try {
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    await pipeline(
      options.body as AsyncIterable<Uint8Array>,
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          hash.update(chunk);
          yield chunk;
        }
      },
      out,
      ...(options.signal ? [{ signal: options.signal }] : []),
    );
    const fd = openSync(partial, 'r');
    fsyncSync(fd);
    closeSync(fd);
    const check = await verifyArchive(partial);
    if (!check.ok || !check.manifest)
      throw new Error(`the received file is not a whole backup: ${check.problems.join('; ')}`);
    if (check.manifest.id !== options.id)
      throw new Error(`the received backup is ${check.manifest.id}, not ${options.id}`);
    const sha256 = hash.digest('hex');
    writeSidecar(final, sha256);
    renameSync(partial, final);
    return await entryOf(final, check.manifest);
  } catch (error) {
    rmSync(partial, { force: true });
    if (!existsSync(final)) rmSync(`${final}.sha256`, { force: true });
    throw error;
  }
}
