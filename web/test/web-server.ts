import { spawn } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '@aula/test-stack';

const webDir = fileURLToPath(new URL('..', import.meta.url));

export type RunningWeb = { url: string; stop: () => Promise<void> };

/** The tests run against the production build, which turbo makes before `test`. */
export function assertBuilt(): void {
  if (!existsSync(join(webDir, '.next', 'BUILD_ID'))) {
    throw new Error(
      '@aula/web: no production build in web/.next. Run `pnpm --filter @aula/web build` before the tests.',
    );
  }
}

/** The site's server (web/server.ts) on a free loopback port, talking to the given Directus; resolves once it answers. */
export async function startWeb({
  directusUrl,
  env = {},
}: {
  directusUrl: string;
  /** More environment (the tutor's providers and service key). */
  env?: Record<string, string | undefined>;
}): Promise<RunningWeb> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['server.ts', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: webDir,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DIRECTUS_URL: directusUrl,
    },
    // Its own process group, so stopping it also stops anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // AULA_WEB_LOG=<file> keeps the server's whole output, for when a browser test fails for a reason it does not show.
  const logFile = process.env.AULA_WEB_LOG;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const stop = async () => {
    if (!running() || child.pid === undefined) return;
    process.kill(-child.pid, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!stopped && running()) process.kill(-child.pid, 'SIGKILL');
  };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!running()) throw new Error(`the web server exited early:\n${output}`);
    // A path that touches no data: any answer means the server is up.
    const answered = await fetch(`${url}/__ready`).then(
      () => true,
      () => false,
    );
    if (answered) return { url, stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`the web server did not answer on ${url} within 60 s:\n${output}`);
}
