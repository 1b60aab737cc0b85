import type { ServiceState } from '../contract.ts';

/**
 * The services a host runs, as the agent sees them: the supervisor of `aula serve` implements this
 * over its child processes (scripts/supervise.ts). Restart, stop and start take effect before they
 * resolve; a failure rejects with plain words.
 */
export type Services = {
  list: () => ServiceState[];
  restart: (name: string) => Promise<void>;
  /** The last `lines` lines the service printed (oldest first). */
  log: (name: string, lines: number) => string[];
  /** Stops the named services (in reverse start order) without stopping the host. */
  stop: (names: string[]) => Promise<void>;
  /** Starts the named services again (in start order). */
  start: (names: string[]) => Promise<void>;
};
