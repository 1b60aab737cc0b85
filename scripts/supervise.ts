import type { ChildProcess } from 'node:child_process';

/**
 * What `npm start` and `aula serve` do with the servers they start: stop them in reverse order on
 * Ctrl-C or SIGTERM (a container's stop), and stop everything when one of them dies on its own, so a
 * container or a service manager sees the failure and restarts the role.
 */
export type Supervisor = {
  /** Stopped in reverse order of registration. */
  add: (stop: () => Promise<void>) => void;
  /** A child whose unexpected exit stops everything with exit code 1. */
  watch: (name: string, child: ChildProcess | undefined) => void;
  shutdown: (code: number) => Promise<never>;
  readonly stopping: boolean;
};

export function supervise(log: (line: string) => void): Supervisor {
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      log('stopping…');
      for (const stop of stops.reverse()) await stop().catch((e: Error) => log(`while stopping: ${e.message}`));
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  return {
    add: (stop) => stops.push(stop),
    watch: (name, child) =>
      child?.once('exit', (code, signal) => {
        if (stopping) return;
        log(`${name} exited unexpectedly (${code ?? signal}); stopping everything`);
        void shutdown(1);
      }),
    shutdown,
    get stopping() {
      return stopping;
    },
  };
}
