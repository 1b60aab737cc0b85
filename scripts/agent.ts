import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningAgent, startAgent } from '@aula/ops/agent';
import type { readAgentEnv } from './env.ts';
import type { Supervisor } from './supervise.ts';

/**
 * The host agent inside `aula serve main|support` and `npm start`: the supervisor's services, this
 * host's database and queue, and the backup library, behind the agent's authenticated HTTP API.
 */
export type AgentEnv = NonNullable<ReturnType<typeof readAgentEnv>>;

export function versionOf(packageJson: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export async function startHostAgent(
  root: string,
  env: AgentEnv,
  o: {
    supervisor: Supervisor;
    home: string;
    databaseUrl?: string;
    redisUrl?: string;
    redisPrefix?: string;
    apiUrl?: string;
    dataServices?: string[];
    log: (line: string) => void;
  },
): Promise<RunningAgent> {
  const agent = await startAgent({
    host: env.name,
    role: env.role,
    token: env.token,
    listen: env.listen,
    home: o.home,
    services: o.supervisor.services,
    backupsDir: env.backupsDir,
    backupKeep: env.backupKeep,
    aulaVersion: env.aulaVersion || versionOf(join(root, 'scripts', 'package.json')) || 'unknown',
    sampleIntervalMs: env.sampleIntervalMs,
    log: o.log,
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    ...(o.redisUrl ? { redisUrl: o.redisUrl, redisPrefix: o.redisPrefix ?? 'aula:' } : {}),
    ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}),
    ...(o.dataServices ? { dataServices: o.dataServices } : {}),
    ...(env.mirror ? { mirror: env.mirror } : {}),
  });
  o.supervisor.add(agent.stop);
  return agent;
}
