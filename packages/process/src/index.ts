import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export type ServiceProcess = {
  /** Its process id (its process group's too). */
  pid: number;
  /** The last part of what it printed (stdout and stderr), for a failure's message. */
  output: () => string;
  running: () => boolean;
  /** Resolves with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM to its whole process group (it and anything it started); SIGKILL if it is still there after the grace. */
  stop: () => Promise<void>;
  /** SIGKILL to its process group at once, the way a crash ends it; resolves once it is gone. */
  kill: () => Promise<void>;
};

export type ServiceOptions = {
  /** What it is called in messages ("the web server"). */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  /** Its whole environment (nothing is added from this process's). */
  env: Record<string, string | undefined>;
  /** How much of its output is kept (characters); 20,000 by default. */
  keep?: number;
  /** A file that receives its whole output as well. */
  logFile?: string;
  /** How long `stop` waits after SIGTERM before SIGKILL; 10 s by default. */
  graceMs?: number;
};

/** Starts `command` in a process group of its own, its output kept (not shown). */
export function spawnService(options: ServiceOptions): ServiceProcess {
  const keep = options.keep ?? 20_000;
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    // Its own process group, so stopping it also stops anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${options.name} could not be started (${options.command})`);
  const pid = child.pid;
  let output = '';
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-keep);
    if (options.logFile) appendFileSync(options.logFile, chunk);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // The group is already gone.
    }
  };
  // Its own process group does not get this process's Ctrl-C: it must not outlive this process either.
  const killOnExit = () => signal('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  return {
    pid,
    output: () => output,
    running,
    exited,
    async stop() {
      if (!running()) return;
      signal('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(options.graceMs ?? 10_000).then(() => false)]);
      if (!stopped) {
        signal('SIGKILL');
        await exited;
      }
    },
    async kill() {
      if (!running()) return;
      signal('SIGKILL');
      await exited;
    },
  };
}

/**
 * Polls `ready` until it says yes. When the process exits first, or `timeoutMs` passes, the process is
 * stopped and the error carries the end of its output.
 */
export async function waitUntilReady(
  service: ServiceProcess,
  options: { name: string; ready: () => Promise<boolean> | boolean; timeoutMs: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (!service.running()) {
      const code = await service.exited;
      throw new Error(`${options.name} exited early (code ${code}):\n${service.output().slice(-6_000)}`);
    }
    if (await options.ready()) return;
    await sleep(options.intervalMs ?? 200);
  }
  await service.stop();
  throw new Error(
    `${options.name} was not ready within ${options.timeoutMs / 1000} s:\n${service.output().slice(-6_000)}`,
  );
}

/** True once `url` answers at all (any status): the server is listening. */
export function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
}
