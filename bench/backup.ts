/**
 * Backup benchmark (prints numbers; exits 1 only if the restore does not verify): a full backup of
 * Directus with Aula's schema and the demo course (a test stack on a fresh database, an image uploaded
 * through Directus so the uploads part is not empty), restored into a fresh database and checked
 * table by table, then a drill. Times, sizes, tables and rows.
 * Run: `. scripts/dev-env.sh && node bench/backup.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backup, drill, dropDatabase, redactUrl, restore } from '@aula/ops';
import { accessToken, startTestStack } from '@aula/test-stack';

const stack = await startTestStack();
const work = mkdtempSync(join(tmpdir(), 'aula-bench-backup-'));
const target = Object.assign(new URL(stack.databaseUrl), {
  pathname: `/aula_test_bench_restore_${randomBytes(4).toString('hex')}`,
}).toString();
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);
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
  console.log(`backup of ${redactUrl(stack.databaseUrl)} (Directus + Aula schema + demo course, 1 upload)`);
  console.log(`  tables ${entry.manifest.tables.length} (${nonEmpty} with rows), rows ${rows}`);
  for (const part of entry.manifest.parts) console.log(`  part ${part.name.padEnd(8)} ${kib(part.bytes)}`);
  console.log(`  archive  ${kib(entry.bytes)}  ${entry.manifest.pgDump}, server ${entry.manifest.serverVersion}`);
  console.log(`  backup   ${backupSeconds} s`);
  console.log(
    `  restore  ${restoreSeconds} s (pg_restore + verify every table): ${report.ok ? 'equal' : report.problems.join('; ')}`,
  );
  console.log(`  drill    ${drillSeconds} s: ${drilled.ok ? 'equal' : drilled.problems.join('; ')}`);
  if (!report.ok || !drilled.ok) process.exitCode = 1;
} finally {
  await dropDatabase(target);
  rmSync(work, { recursive: true, force: true });
  await stack.stop();
}
