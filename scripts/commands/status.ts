import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostStatus, Operation, ServerEntry } from '@aula/ops';
import { type AgentClient, agentClient, readServers, tokenFor } from '@aula/ops/agent';
import type { Command } from 'commander';
import { readOpsCliEnv } from '../env.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The file `npm start` writes for its local agent (and removes when it stops). */
export const localAgentFile = (home: string) => join(home, 'agent.json');

/** A server and a client for its agent; without a token, `client` throws why when used. */
export type Target = { server: ServerEntry; client: AgentClient };

const clientFor = (server: ServerEntry, tokens: Record<string, string | undefined>, actor: string): AgentClient => {
  try {
    return agentClient(server.agent, tokenFor(server.name, tokens), actor, 10_000);
  } catch (error) {
    const missing = error as Error;
    return new Proxy({} as AgentClient, {
      get: () => () => Promise.reject(missing),
    });
  }
};

/** Every server of the servers file with a client for its agent, or the local `npm start` stack's agent. */
export function targets(): Target[] {
  const env = readOpsCliEnv(root);
  if (env.serversFile) {
    return readServers(env.serversFile).map((server) => ({ server, client: clientFor(server, env.tokens, env.actor) }));
  }
  const file = localAgentFile(env.home);
  if (!existsSync(file))
    throw new Error(
      `no servers file (AULA_SERVERS) and no local stack running (${file} is missing: start it with npm start)`,
    );
  const local = JSON.parse(readFileSync(file, 'utf8')) as { url: string; token: string };
  return [
    {
      server: { name: 'local', role: 'main', agent: local.url },
      client: agentClient(local.url, local.token, env.actor, 10_000),
    },
  ];
}

export function target(name: string): Target {
  const all = targets();
  const found = all.find((t) => t.server.name === name) ?? all.find((t) => t.server.role === name);
  if (!found) throw new Error(`no server called ${name} (the servers: ${all.map((t) => t.server.name).join(', ')})`);
  return found;
}

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
const percent = (part: number, whole: number) => `${whole > 0 ? Math.round((part / whole) * 100) : 0} %`;
const duration = (seconds: number) => {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  return d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`;
};

export function formatStatus(name: string, s: HostStatus): string {
  const cpu = s.history.at(-1)?.cpu;
  const lines = [
    `${name} (${s.role}, Aula ${s.aulaVersion}) up ${duration(s.uptimeSeconds)}`,
    `  CPU ${cpu === undefined ? '–' : `${Math.round(cpu * 100)} %`} of ${s.cpus}, load ${s.load.map((l) => l.toFixed(2)).join(' ')}`,
    `  memory ${gib(s.memory.usedBytes)} of ${gib(s.memory.totalBytes)} (${percent(s.memory.usedBytes, s.memory.totalBytes)})`,
    `  disk ${gib(s.disk.usedBytes)} of ${gib(s.disk.totalBytes)} (${percent(s.disk.usedBytes, s.disk.totalBytes)}) at ${s.disk.path}`,
    ...s.services.map(
      (v) =>
        `  ${v.name.padEnd(10)} ${v.state.padEnd(8)} ${v.version ?? ''}${v.pid ? ` pid ${v.pid}` : ''}${v.restarts ? `, ${v.restarts} restarts` : ''}`,
    ),
    `  last backup ${s.lastBackup ? `${s.lastBackup.at} (${(s.lastBackup.bytes / 1024 ** 2).toFixed(1)} MiB)` : 'none'}; last drill ${s.lastDrill ? `${s.lastDrill.at} ${s.lastDrill.ok ? 'ok' : 'FAILED'}` : 'none'}`,
  ];
  return lines.join('\n');
}

/** Prints an operation's steps as they change, until it ends; resolves with it. */
export async function followOperation(client: AgentClient, started: Operation, print: (line: string) => void) {
  const seen = new Map<string, string>();
  return client.follow(started.id, (op) => {
    for (const step of op.steps) {
      const now = `${step.state}${step.detail ? ` (${step.detail})` : ''}`;
      if (step.state === 'pending' || seen.get(step.name) === now) continue;
      seen.set(step.name, now);
      print(`  ${step.name}: ${now}`);
    }
  });
}

/** `aula status`: every server of the servers file (or the local stack): figures and services. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'each server’s CPU, memory, disk, load and services (the servers file AULA_SERVERS, or the local stack)',
    )
    .option('--json', 'print the hosts as JSON (HostView[])')
    .action(async (options: { json?: boolean }) => {
      const views = await Promise.all(
        targets().map(async ({ server, client }) => {
          try {
            return { name: server.name, role: server.role, reachable: true as const, status: await client.status() };
          } catch (error) {
            return {
              name: server.name,
              role: server.role,
              reachable: false as const,
              error: (error as Error).message,
              checkedAt: new Date().toISOString(),
            };
          }
        }),
      );
      if (options.json) console.log(JSON.stringify(views, null, 2));
      else
        console.log(
          views
            .map((v) =>
              v.reachable ? formatStatus(v.name, v.status) : `${v.name} (${v.role}) does not answer: ${v.error}`,
            )
            .join('\n\n'),
        );
      if (views.some((v) => !v.reachable)) process.exitCode = 1;
    });
}
