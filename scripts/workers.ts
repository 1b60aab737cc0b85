import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export type RunningWorkers = { process: ChildProcess; stop: () => Promise<void> };

/**
 * The generation workers as a child process (they drain their jobs on SIGTERM). `pipe`: their output
 * is the caller's to read (the supervisor keeps it for the host agent and passes it on).
 */
export function startWorkers(
  root: string,
  env: Record<string, string>,
  options: { pipe?: boolean } = {},
): RunningWorkers {
  const out = options.pipe ? 'pipe' : 'inherit';
  const child = spawn(process.execPath, [join(root, 'workers', 'src', 'main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  const exited = new Promise((r) => child.once('exit', r));
  return {
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
