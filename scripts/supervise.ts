import type { ChildProcess } from 'node:child_process';
import type { ServiceState } from '@aula/ops';
import type { Services } from '@aula/ops/agent';

/**
 * What `npm start` and `aula serve` do with the servers they start: stop them in reverse order on
 * Ctrl-C or SIGTERM (a container's stop), and stop everything when one of them dies on its own, so a
 * container or a service manager sees the failure and restarts the role.
 *
 * A server registered with `service` is also known by name to the host agent: its state, pid, version,
 * start time, restarts and the last lines it printed (`services`), and it can be restarted, stopped
 * and started again on its own without stopping the rest.
 */
/** A started server: its process when it is one child (n8n runs several: then its output is read from `output`). */
export type Started = { process?: ChildProcess; stop: () => Promise<void>; output?: () => string };
export type ServiceSpec = { name: string; version?: string; start: () => Promise<Started> };

export type Supervisor = {
  /** Stopped in reverse order of registration. */
  add: (stop: () => Promise<void>) => void;
  /** A child whose unexpected exit stops everything with exit code 1. */
  watch: (name: string, child: ChildProcess | undefined) => void;
  /** Starts a named service and keeps it: watched, its output kept, restartable. */
  service: (spec: ServiceSpec) => Promise<Started>;
  /** The services, for the host agent. */
  services: Services;
  shutdown: (code: number) => Promise<never>;
  readonly stopping: boolean;
};

const KEEP_LINES = 500;

type Entry = {
  spec: ServiceSpec;
  running?: Started;
  state: ServiceState['state'];
  since?: string;
  restarts: number;
  lines: string[];
  /** True while the supervisor itself stops it (a restart, a restore): its exit is expected. */
  stoppingOnPurpose: boolean;
};

export function supervise(
  log: (line: string) => void,
  options: { exit?: (code: number) => void; forward?: boolean } = {},
): Supervisor {
  const forward = options.forward ?? true;
  const stops: (() => Promise<void>)[] = [];
  const entries = new Map<string, Entry>();
  let stopping = false;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      log('stopping…');
      for (const stop of stops.reverse()) await stop().catch((e: Error) => log(`while stopping: ${e.message}`));
    }
    exit(code);
    return undefined as never;
  };
  if (!options.exit) {
    process.on('SIGINT', () => void shutdown(0));
    process.on('SIGTERM', () => void shutdown(0));
  }
  const watch = (name: string, child: ChildProcess | undefined, expected?: () => boolean) =>
    child?.once('exit', (code, signal) => {
      if (stopping || expected?.()) return;
      const entry = entries.get(name);
      if (entry) entry.state = 'failed';
      log(`${name} exited unexpectedly (${code ?? signal}); stopping everything`);
      void shutdown(1);
    });

  const keep = (entry: Entry, text: string) => {
    // The last element is the line being written ('' after a newline): a chunk continues it.
    const parts = text.split('\n');
    if (entry.lines.length > 0) entry.lines[entry.lines.length - 1] += parts.shift() ?? '';
    entry.lines.push(...parts);
    if (entry.lines.length > KEEP_LINES + 1) entry.lines.splice(0, entry.lines.length - KEEP_LINES - 1);
  };
  const tap = (entry: Entry, started: Started) => {
    const seed = started.process ? started.output?.() : undefined;
    if (seed) {
      keep(entry, seed);
      if (forward) process.stdout.write(seed);
    }
    started.process?.stdout?.on('data', (d: Buffer) => {
      keep(entry, d.toString());
      if (forward) process.stdout.write(d);
    });
    started.process?.stderr?.on('data', (d: Buffer) => {
      keep(entry, d.toString());
      if (forward) process.stderr.write(d);
    });
  };
  const run = async (entry: Entry) => {
    entry.state = 'starting';
    entry.stoppingOnPurpose = false;
    try {
      const started = await entry.spec.start();
      entry.running = started;
      entry.state = 'running';
      entry.since = new Date().toISOString();
      tap(entry, started);
      watch(entry.spec.name, started.process, () => entry.stoppingOnPurpose);
      return started;
    } catch (error) {
      entry.state = 'failed';
      keep(entry, `${(error as Error).message}\n`);
      throw error;
    }
  };
  const halt = async (entry: Entry) => {
    if (!entry.running) return;
    entry.stoppingOnPurpose = true;
    await entry.running.stop();
    entry.running = undefined;
    entry.state = 'stopped';
  };
  const named = (name: string): Entry => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`there is no service ${name} here`);
    return entry;
  };
  const inOrder = (names: string[]) => [...entries.keys()].filter((n) => names.includes(n)).map(named);

  const services: Services = {
    list: () =>
      [...entries.values()].map((e) => {
        const pid = e.running?.process?.pid;
        return {
          name: e.spec.name,
          state: e.state,
          ...(e.spec.version ? { version: e.spec.version } : {}),
          ...(pid && e.state === 'running' ? { pid } : {}),
          ...(e.since ? { since: e.since } : {}),
          restarts: e.restarts,
        };
      }),
    log: (name, lines) => {
      const entry = named(name);
      // A service that is not one child keeps its own output.
      const all =
        entry.running && !entry.running.process && entry.running.output
          ? entry.running.output().split('\n')
          : entry.lines;
      const complete = all.at(-1) === '' ? all.slice(0, -1) : all;
      return complete.slice(-lines);
    },
    restart: async (name) => {
      const entry = named(name);
      log(`restarting ${name}`);
      await halt(entry);
      await run(entry);
      entry.restarts++;
      log(`${name} restarted`);
    },
    stop: async (names) => {
      for (const entry of inOrder(names).reverse()) await halt(entry);
    },
    start: async (names) => {
      for (const entry of inOrder(names)) if (!entry.running) await run(entry);
    },
  };

  return {
    add: (stop) => stops.push(stop),
    watch: (name, child) => watch(name, child),
    service: async (spec) => {
      const entry: Entry = { spec, state: 'starting', restarts: 0, lines: [], stoppingOnPurpose: false };
      entries.set(spec.name, entry);
      stops.push(() => halt(entry));
      return run(entry);
    },
    services,
    shutdown,
    get stopping() {
      return stopping;
    },
  };
}
