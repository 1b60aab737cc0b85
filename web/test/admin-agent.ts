import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupLibrary, type RunningAgent, startAgent } from '@aula/ops/agent';
import type { ServerEntry } from '@aula/ops/contract';
import { type Started, supervise } from '@aula/scripts/supervise';
import { inject } from 'vitest';

/** A service of the test's host: a real Node process that prints a numbered line every 100 ms. */
function ticker(): Promise<Started> {
  const child = spawn(process.execPath, ['-e', "let n = 0; setInterval(() => console.log('tick ' + ++n), 100);"], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return Promise.resolve({
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  });
}

/** A local port nothing listens on: the address of a host that does not answer. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type TestHost = { agent: RunningAgent; home: string; services: string[]; stop: () => Promise<void> };

/**
 * Main's real host agent (the one `aula serve main` runs), on the test stack's database (backups and
 * drills are real pg_dump / pg_restore), with two services; written into the site's servers file with
 * a Mirror that does not answer. `stop` empties the servers file and removes everything it made.
 */
export async function startTestHost(): Promise<TestHost> {
  const { serversFile, token } = inject('agents');
  const { databaseUrl } = inject('stack');
  const home = mkdtempSync(join(tmpdir(), 'aula-web-admin-'));
  const names = ['directus', 'workers'];
  const aulaVersion = '0.1.0-test';
  // `aula serve`'s own supervisor, as it runs web, workers and Directus (here two small processes).
  const supervisor = supervise(() => {}, { exit: () => {}, forward: false });
  let agent: RunningAgent;
  try {
    for (const name of names) await supervisor.service({ name, version: aulaVersion, start: ticker });
    agent = await startAgent({
      host: 'main',
      role: 'main',
      token,
      listen: { host: '127.0.0.1', port: 0 },
      home,
      services: supervisor.services,
      databaseUrl,
      backupsDir: join(home, 'backups'),
      backups: backupLibrary({ host: 'main', aulaVersion, databaseUrl }),
      aulaVersion,
      sampleIntervalMs: 200,
    });
  } catch (error) {
    await supervisor.shutdown(0);
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
  const servers: ServerEntry[] = [
    { name: 'main', role: 'main', agent: agent.url },
    { name: 'mirror', role: 'mirror', agent: `http://127.0.0.1:${await closedPort()}` },
  ];
  writeFileSync(serversFile, JSON.stringify(servers));
  return {
    agent,
    home,
    services: names,
    stop: async () => {
      writeFileSync(serversFile, '[]\n');
      await agent.stop();
      await supervisor.shutdown(0);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
