import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HOST_ROLES, type ServerEntry } from '../contract.ts';

/**
 * The servers file (infra/servers.example.json; AULA_SERVERS names it): a JSON array of servers with
 * their agent's URL and, for `aula connect`, how to reach them by SSH. Tokens are not in it: each
 * server's comes from AULA_AGENT_TOKEN_<NAME> (the name in capitals, other characters as _), else
 * AULA_AGENT_TOKEN.
 */
const ServerEntrySchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a lower-case name: letters, digits, -'),
  role: z.enum(HOST_ROLES),
  agent: z.url({ protocol: /^https?$/ }),
  ssh: z
    .object({
      host: z.string().min(1),
      user: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a Unix user name'),
      port: z.number().int().min(1).max(65_535).optional(),
      identityFile: z.string().min(1).optional(),
    })
    .optional(),
});

export function parseServers(text: string, file = 'the servers file'): ServerEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = z.array(ServerEntrySchema).safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'the list'}: ${i.message}`).join('; ')}`,
    );
  const names = new Set<string>();
  for (const server of parsed.data) {
    if (names.has(server.name)) throw new Error(`${file}: the name ${server.name} is used twice`);
    names.add(server.name);
  }
  return parsed.data as ServerEntry[];
}

export function readServers(file: string): ServerEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the servers file ${file}: ${(error as Error).message}`);
  }
  return parseServers(text, file);
}

export const tokenVariable = (name: string) => `AULA_AGENT_TOKEN_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** The agent token for a server of the servers file, from the environment given. */
export function tokenFor(name: string, env: Record<string, string | undefined>): string {
  const token = env[tokenVariable(name)] || env.AULA_AGENT_TOKEN;
  if (!token) throw new Error(`no agent token for ${name}: set ${tokenVariable(name)} (or AULA_AGENT_TOKEN)`);
  return token;
}

/** `ssh` and its arguments for a server of the servers file. */
export function sshCommand(server: ServerEntry): string[] {
  if (!server.ssh) throw new Error(`${server.name} has no ssh entry in the servers file`);
  const { host, user, port, identityFile } = server.ssh;
  return [
    'ssh',
    ...(port ? ['-p', String(port)] : []),
    ...(identityFile ? ['-i', identityFile, '-o', 'IdentitiesOnly=yes'] : []),
    '--',
    `${user}@${host}`,
  ];
}
