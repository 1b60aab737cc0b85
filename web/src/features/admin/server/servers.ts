import 'server-only';
import { readFile } from 'node:fs/promises';
import { HOST_ROLES, type ServerEntry } from '@aula/ops/contract';
import { z } from 'zod';
import { env } from '../../../env.ts';

const ServerEntrySchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/, 'letters, digits, dots, dashes and underscores'),
  role: z.enum(HOST_ROLES),
  agent: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  ssh: z.object({ host: z.string(), user: z.string(), port: z.number().optional() }).partial().optional(),
});
const ServersFile = z.array(ServerEntrySchema);

export type Servers =
  | { configured: true; servers: ServerEntry[] }
  /** Why there are none: not configured at all, or a servers file that cannot be used (in plain words). */
  | { configured: false; problem: string | null };

/**
 * The hosts the panel looks after: the servers file named by AULA_SERVERS (read on every call, so an
 * edit needs no restart), else the single host at AULA_AGENT_URL, called "main".
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
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { configured: false, problem: `${env.AULA_SERVERS} is not valid JSON` };
    }
    const parsed = ServersFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { configured: false, problem: `${env.AULA_SERVERS}: ${issue?.path.join('.')} ${issue?.message}` };
    }
    const servers = parsed.data.map(({ ssh: _ssh, ...server }) => server);
    return servers.length ? { configured: true, servers } : { configured: false, problem: null };
  }
  if (env.AULA_AGENT_URL)
    return { configured: true, servers: [{ name: 'main', role: 'main', agent: env.AULA_AGENT_URL }] };
  return { configured: false, problem: null };
}

/** The server the panel's backups, drills and clone run on: Main (the first one with that role). */
export function mainServer(servers: ServerEntry[]): ServerEntry | undefined {
  return servers.find((server) => server.role === 'main') ?? servers[0];
}
