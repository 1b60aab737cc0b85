/**
 * Backup benchmark (prints numbers; exits 1 only if the restore does not verify): a full backup of
 * Directus with Aula's schema and the demo course (a test stack on a fresh database, an image uploaded
 * through Directus so the uploads part is not empty), restored into a fresh database and checked
 * table by table, then a drill. Times, sizes, tables and rows.
 * Run: `. scripts/dev-env.sh && node bench/backup.ts [--smoke]`.
 * `runBackup` returns the rows `npm run bench` puts in its table (no goals: issue 16 sets none).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backup, drill, dropDatabase, redactUrl, restore } from '@aula/ops';
import { accessToken, startTestStack } from '@aula/test-stack';
import { type BenchOptions, printAlone, type Row } from './table.ts';

export const BACKUP_FIGURES = ['full backup', 'restore and verify', 'drill', 'archive size'] as const;

export async function runBackup({ log, shared }: BenchOptions): Promise<Row[]> {
  const stack = shared?.stack ?? (await startTestStack());
  const work = mkdtempSync(join(tmpdir(), 'aula-bench-backup-'));
  const target = Object.assign(new URL(stack.databaseUrl), {
    pathname: `/aula_test_bench_restore_${randomBytes(4).toString('hex')}`,
  }).toString();
  const seconds = (since: number) => (performance.now() - since) / 1000;
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

  try {
    const token = await accessToken(stack.url, stack.admin);
    const form = new FormData();
    form.append('file', new Blob([randomBytes(200_000)], { type: 'application/octet-stream' }), 'notes.bin');
    const uploaded = await fetch(`${stack.url}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (!uploaded.ok) throw new Error(`uploading a file: ${uploaded.status} ${await uploaded.text()}`);

    let t = performance.now();
    const entry = await backup({
      kind: 'full',
      databaseUrl: stack.databaseUrl,
      uploadsDir: stack.config.uploadsDir,
      to: work,
      config: { AULA_HOST: '127.0.0.1' },
    });
    const backupSeconds = seconds(t);
    t = performance.now();
    const report = await restore({ file: entry.path, databaseUrl: target, uploadsDir: join(work, 'uploads') });
    const restoreSeconds = seconds(t);
    t = performance.now();
    const drilled = await drill({ file: entry.path, serverUrl: stack.databaseUrl });
    const drillSeconds = seconds(t);

    const rows = entry.manifest.tables.reduce((sum, table) => sum + table.rows, 0);
    const nonEmpty = entry.manifest.tables.filter((table) => table.rows > 0).length;
    log(`backup of ${redactUrl(stack.databaseUrl)} (Directus + Aula schema + demo course, 1 upload)`);
    log(`  tables ${entry.manifest.tables.length} (${nonEmpty} with rows), rows ${rows}`);
    for (const part of entry.manifest.parts) log(`  part ${part.name.padEnd(8)} ${kib(part.bytes)}`);
    log(`  archive  ${kib(entry.bytes)}  ${entry.manifest.pgDump}, server ${entry.manifest.serverVersion}`);
    log(`  backup   ${backupSeconds.toFixed(2)} s`);
    log(
      `  restore  ${restoreSeconds.toFixed(2)} s (pg_restore + verify every table): ${report.ok ? 'equal' : report.problems.join('; ')}`,
    );
    log(`  drill    ${drillSeconds.toFixed(2)} s: ${drilled.ok ? 'equal' : drilled.problems.join('; ')}`);
    if (!report.ok || !drilled.ok)
      throw new Error(`the restore does not verify: ${[...report.problems, ...drilled.problems].join('; ')}`);
    const [full, restored, drill_, size] = BACKUP_FIGURES;
    return [
      {
        bench: 'backup',
        figure: full,
        value: backupSeconds,
        unit: 's',
        note: `${entry.manifest.tables.length} tables, ${rows} rows`,
      },
      {
        bench: 'backup',
        figure: restored,
        value: restoreSeconds,
        unit: 's',
        note: 'pg_restore into a fresh database, every table checked',
      },
      { bench: 'backup', figure: drill_, value: drillSeconds, unit: 's' },
      { bench: 'backup', figure: size, value: entry.bytes / 1024, unit: 'KiB' },
    ];
  } finally {
    await dropDatabase(target);
    rmSync(work, { recursive: true, force: true });
    if (!shared) await stack.stop();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false } } });
  const smoke = values.smoke === true;
  printAlone(await runBackup({ smoke, log: console.log }), smoke);
}
