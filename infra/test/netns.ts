import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Hosts on one machine: a network namespace each, joined by two Linux bridges that live in a namespace
 * of their own — a public network (everyone) and a private one (the servers). Nothing is added to the
 * machine's own namespace: the hosts see only each other, and the machine's services never see them.
 * Every name carries a per-run prefix, so parallel runs and leftovers of a killed run never collide.
 */
export type HostSpec = { name: string; public?: string; private?: string };
export type Host = HostSpec & { ns: string };
export type Network = {
  prefix: string;
  hosts: Record<string, Host>;
  /** Runs `command` inside a host; killed with its whole process group at teardown. */
  spawn: (host: string, command: string[], options?: { env?: Record<string, string>; cwd?: string }) => Proc;
  /** Resident memory (now, and the peak of each process) of everything running in a host, MiB. */
  memory: (host: string) => { rssMiB: number; peakMiB: number };
  pids: (host: string) => number[];
  /** The processes of a host that still run (zombies left out). */
  livePids: (host: string) => number[];
  /** SIGKILL to every process of a host (what a crashed server looks like to the others). */
  killAll: (host: string) => void;
  teardown: () => Promise<string[]>;
};
export type Proc = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

export function canMakeNamespaces(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (ip netns)';
  try {
    ip('-V');
  } catch {
    return 'needs iproute2 (apt-get install iproute2)';
  }
  return undefined;
}

export function createNetwork(specs: HostSpec[]): Network {
  const prefix = `a${randomBytes(3).toString('hex')}`;
  const bridgeNs = `${prefix}-net`;
  const made: string[] = [];
  const procs: Proc[] = [];
  const hosts: Record<string, Host> = {};
  const netns = (name: string) => {
    ip('netns', 'add', name);
    made.push(name);
    ip('-n', name, 'link', 'set', 'lo', 'up');
  };
  try {
    netns(bridgeNs);
    for (const bridge of ['brpub', 'brpriv']) {
      ip('-n', bridgeNs, 'link', 'add', bridge, 'type', 'bridge');
      ip('-n', bridgeNs, 'link', 'set', bridge, 'up');
    }
    specs.forEach((spec, index) => {
      const ns = `${prefix}-${spec.name}`;
      netns(ns);
      hosts[spec.name] = { ...spec, ns };
      for (const [kind, address, bridge] of [
        ['p', spec.public, 'brpub'],
        ['q', spec.private, 'brpriv'],
      ] as const) {
        if (!address) continue;
        // Interface names fit in 15 characters: a1b2c3p4 inside the host, a1b2c3p4b on the bridge.
        const inside = `${prefix}${kind}${index}`;
        const outside = `${inside}b`;
        ip('link', 'add', inside, 'type', 'veth', 'peer', 'name', outside);
        ip('link', 'set', inside, 'netns', ns);
        ip('link', 'set', outside, 'netns', bridgeNs);
        ip('-n', bridgeNs, 'link', 'set', outside, 'master', bridge);
        ip('-n', bridgeNs, 'link', 'set', outside, 'up');
        ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', inside);
        ip('-n', ns, 'link', 'set', inside, 'up');
      }
    });
  } catch (error) {
    for (const name of made.reverse()) ip('netns', 'del', name);
    throw error;
  }

  const pids = (host: string) => ip('netns', 'pids', hosts[host]!.ns).split('\n').filter(Boolean).map(Number);
  /**
   * What still runs in a host: its processes less the ones already dead and waiting to be reaped (a
   * zombie holds no socket and runs no code; init reaps it when it gets to it).
   */
  const livePids = (host: string) =>
    pids(host).filter((pid) => {
      try {
        // /proc/<pid>/stat: "pid (comm) STATE …"; comm may hold spaces and parentheses.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
      } catch {
        return false; // gone meanwhile
      }
    });
  const killAll = (host: string) => {
    // Again until nothing is left: a process started while the list was read is killed in the next round.
    for (let round = 0; round < 5 && livePids(host).length > 0; round++) {
      for (const pid of livePids(host)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  };

  return {
    prefix,
    hosts,
    pids,
    livePids,
    killAll,
    spawn: (host, command, options = {}) => {
      const child = spawn('ip', ['netns', 'exec', hosts[host]!.ns, ...command], {
        env: { ...process.env, ...options.env },
        cwd: options.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
      let output = '';
      child.stdout?.on('data', (d) => (output = (output + d).slice(-200_000)));
      child.stderr?.on('data', (d) => (output = (output + d).slice(-200_000)));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const proc = { child, output: () => output, exited };
      procs.push(proc);
      return proc;
    },
    memory: (host) => {
      let rss = 0;
      let peak = 0;
      for (const pid of pids(host)) {
        try {
          const status = readFileSync(`/proc/${pid}/status`, 'utf8');
          rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
          peak += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        } catch {
          // exited meanwhile
        }
      }
      return { rssMiB: Math.round(rss / 1024), peakMiB: Math.round(peak / 1024) };
    },
    /** SIGTERM to what runs in each host, SIGKILL after 20 s, then the namespaces go. Returns what was left. */
    teardown: async () => {
      const left: string[] = [];
      for (const proc of procs)
        if (proc.child.exitCode === null && proc.child.pid) {
          try {
            process.kill(-proc.child.pid, 'SIGTERM');
          } catch {
            // gone
          }
        }
      const deadline = Date.now() + 20_000;
      for (const name of Object.keys(hosts)) {
        while (pids(name).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        if (pids(name).length > 0) {
          left.push(`${name}: ${pids(name).length} processes needed SIGKILL`);
          killAll(name);
          while (pids(name).length > 0) await new Promise((r) => setTimeout(r, 100));
        }
      }
      for (const name of made.reverse()) ip('netns', 'del', name);
      const remaining = ip('netns', 'list')
        .split('\n')
        .filter((line) => line.startsWith(`${prefix}-`));
      if (remaining.length > 0) left.push(`namespaces left: ${remaining.join(', ')}`);
      return left;
    },
  };
}
