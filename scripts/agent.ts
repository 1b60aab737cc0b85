import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupLibrary, type RunningAgent, startAgent } from '@aula/ops/agent';
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
    /** Directus's uploads (Main, Mirror) and n8n's user folder (Support): parts of a backup. */
    uploadsDir?: string;
    n8nDir?: string;
    /** The environment whose settings a full backup keeps (without secrets). */
    config: Record<string, string | undefined>;
    redisUrl?: string;
    redisPrefix?: string;
    apiUrl?: string;
    dataServices?: string[];
    afterOwnRestore?: () => Promise<void>;
    log: (line: string) => void;
  },
): Promise<RunningAgent> {
  const aulaVersion = env.aulaVersion || versionOf(join(root, 'scripts', 'package.json')) || 'unknown';
  const agent = await startAgent({
    host: env.name,
    role: env.role,
    token: env.token,
    listen: env.listen,
    home: o.home,
    services: o.supervisor.services,
    backupsDir: env.backupsDir,
    backupKeep: env.backupKeep,
    aulaVersion,
    backups: backupLibrary({
      host: env.name,
      aulaVersion,
      config: o.config,
      ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
      ...(o.uploadsDir ? { uploadsDir: o.uploadsDir } : {}),
      ...(o.n8nDir ? { n8nDir: o.n8nDir } : {}),
      ...(env.pgBin ? { pgBin: env.pgBin } : {}),
    }),
    sampleIntervalMs: env.sampleIntervalMs,
    // What the ops agent's disk runbook may empty: scratch files nothing keeps.
    scratchDirs: { scratch: join(o.home, 'data', 'tmp') },
    log: o.log,
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    ...(o.redisUrl ? { redisUrl: o.redisUrl, redisPrefix: o.redisPrefix ?? 'aula:' } : {}),
    ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}),
    ...(o.uploadsDir ? { uploadsDir: o.uploadsDir } : {}),
    ...(o.dataServices ? { dataServices: o.dataServices } : {}),
    ...(o.afterOwnRestore ? { afterOwnRestore: o.afterOwnRestore } : {}),
    ...(env.mirror ? { mirror: env.mirror } : {}),
  });
  o.supervisor.add(agent.stop);
  return agent;
}

/** The versions a service reports: from the package.json of what it runs. */
export const versions = (root: string) => ({
  directus: versionOf(join(root, 'packages', 'directus-server', 'node_modules', 'directus', 'package.json')),
  next: versionOf(join(root, 'web', 'node_modules', 'next', 'package.json')),
  aula: versionOf(join(root, 'scripts', 'package.json')),
  n8n: (() => {
    try {
      return (
        JSON.parse(readFileSync(join(root, 'n8n', 'runtime', 'package.json'), 'utf8')) as {
          dependencies: { n8n: string };
        }
      ).dependencies.n8n;
    } catch {
      return undefined;
    }
  })(),
});
export const withVersion = (version: string | undefined) => (version ? { version } : {});
