import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export type RunningWorkers = { process: ChildProcess; stop: () => Promise<void> };

/** The generation workers as a child process (they drain their jobs on SIGTERM). */
export function startWorkers(root: string, env: Record<string, string>): RunningWorkers {
  const child = spawn(process.execPath, [join(root, 'workers', 'src', 'main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
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
