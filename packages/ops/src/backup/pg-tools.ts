import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finding pg_dump and pg_restore of a major version at least the server's (pg_dump refuses a newer
 * server; pg_restore reads archives of its own major and older). Decision 014.
 *
 * Where: `pgBin` (AULA_PG_BIN) alone when given, since a directory someone named must not be
 * silently passed over; otherwise /usr/lib/postgresql/<N>/bin from the highest N down (Debian's
 * layout, several majors side by side), then the PATH.
 */
export type PgTools = { dir: string; pgDump: string; pgRestore: string; major: number; version: string };

export type FindOptions = { pgBin?: string | undefined; path?: string | undefined; debianRoot?: string };

/** "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" → 15 */
export function majorOf(version: string): number | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.\d+)?/.exec(version) ?? /^(\d+)(?:\.\d+)?/.exec(version.trim());
  return m?.[1] ? Number(m[1]) : undefined;
}

function candidates(options: FindOptions): string[] {
  if (options.pgBin) return [options.pgBin];
  const debian = options.debianRoot ?? '/usr/lib/postgresql';
  const versioned = existsSync(debian)
    ? readdirSync(debian)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
        .map((name) => join(debian, name, 'bin'))
    : [];
  const path = (options.path ?? process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...versioned, ...path];
}

function versionOf(program: string): string | undefined {
  try {
    return execFileSync(program, ['--version'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The first directory holding both pg_dump and pg_restore whose major is at least `atLeast`.
 * Throws in plain words when there is none: none at all, or only older ones.
 */
export function findPgTools(atLeast: number, purpose: string, options: FindOptions = {}): PgTools {
  const seen: { dir: string; major: number }[] = [];
  for (const dir of candidates(options)) {
    const pgDump = join(dir, 'pg_dump');
    const pgRestore = join(dir, 'pg_restore');
    if (!existsSync(pgDump) || !existsSync(pgRestore)) continue;
    const version = versionOf(pgDump);
    const major = version ? majorOf(version) : undefined;
    if (major === undefined || !version) continue;
    if (major >= atLeast) return { dir, pgDump, pgRestore, major, version };
    seen.push({ dir, major });
  }
  const where = options.pgBin
    ? `AULA_PG_BIN (${options.pgBin})`
    : `${options.debianRoot ?? '/usr/lib/postgresql'}/<N>/bin or the PATH`;
  const fix = `install postgresql-client-${atLeast} or set AULA_PG_BIN to the bin directory of PostgreSQL ${atLeast} or newer`;
  if (seen.length === 0) throw new Error(`pg_dump and pg_restore were not found in ${where}: ${fix}`);
  const newest = Math.max(...seen.map((s) => s.major));
  throw new Error(`pg_dump ${newest} cannot ${purpose} (found in ${where}): ${fix}`);
}
