import 'server-only';
import { readFile } from 'node:fs/promises';
import type { ServerEntry } from '@aula/ops/contract';
import { parseServers } from '@aula/ops/servers';
import { env } from '../../../env.ts';

export type Servers =
  | { configured: true; servers: ServerEntry[] }
  /** Why there are none: not configured at all, or a servers file that cannot be used (in plain words). */
  | { configured: false; problem: string | null };

/**
 * The hosts the panel looks after: the servers file named by AULA_SERVERS (the `aula` CLI's, read with
 * its parser on every call, so an edit needs no restart), else the single host at AULA_AGENT_URL,
 * called "main".
 */
export async function listServers(): Promise<Servers> {
  if (env.AULA_SERVERS) {
    let text: string;
    try {
      text = await readFile(env.AULA_SERVERS, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { configured: false, problem: `${env.AULA_SERVERS}: ${code === 'ENOENT' ? 'no such file' : code}` };
    }
    try {
      const servers = parseServers(text, env.AULA_SERVERS).map(({ ssh: _ssh, ...server }) => ({
        ...server,
        agent: server.agent.replace(/\/+$/, ''),
      }));
      return servers.length ? { configured: true, servers } : { configured: false, problem: null };
    } catch (error) {
      return { configured: false, problem: (error as Error).message };
    }
  }
  if (env.AULA_AGENT_URL)
    return { configured: true, servers: [{ name: 'main', role: 'main', agent: env.AULA_AGENT_URL }] };
  return { configured: false, problem: null };
}

/** The server the panel's backups, drills and clone run on: Main (the first one with that role). */
export function mainServer(servers: ServerEntry[]): ServerEntry | undefined {
  return servers.find((server) => server.role === 'main') ?? servers[0];
}
