import 'server-only';
import { type AuditEntry, BACKUP_KINDS, type ServerEntry } from '@aula/ops/contract';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { apiError } from '../../../shared/api-error.ts';
import { clientIp } from '../../../shared/edge/client-ip.ts';
import { requestToken } from '../../../shared/session/request-auth.ts';
import type { AuditAnswer } from '../panel-types.ts';
import { adminAccess } from './admin-access.ts';
import { AgentError, agentJson, agentRequest, hostView } from './agent-client.ts';
import { listServers } from './servers.ts';

type Method = 'GET' | 'POST' | 'DELETE';
/** A host name, service name, backup or operation id: nothing that could change the agent's path. */
const SEGMENT = /^[A-Za-z0-9._-]{1,120}$/;

const BackupRequest = z.object({
  kind: z.enum(BACKUP_KINDS),
  to: z
    .string()
    .trim()
    .max(500)
    .refine((path) => path === '' || path.startsWith('/'), 'must be an absolute path on the server')
    .optional(),
});
const DrillRequest = z.object({ backup: z.string().regex(SEGMENT) });
const CloneRequest = z.object({ to: z.literal('mirror') });

type Call = { server: ServerEntry; params: string[]; actor: string; body: unknown };
type Route = {
  method: Method;
  /** Under `/api/admin/hosts/:host/`; `:p` is a checked path segment. */
  path: string;
  body?: z.ZodType;
  /** What the web route asks the agent, or (download) the response to stream back. */
  agent: (call: Call) => Promise<Response>;
};

const pass =
  (method: Method, path: (params: string[]) => string, body = false) =>
  async (call: Call) => {
    const res = await agentRequest(call.server, {
      method,
      path: path(call.params.map(encodeURIComponent)),
      actor: call.actor,
      ...(body ? { body: call.body } : {}),
    });
    return Response.json(await res.json(), { headers: { 'cache-control': 'no-store' } });
  };

/**
 * What the browser may ask a host's agent, and nothing else: no free shell, no path the agent did not
 * publish. Every call is made for the signed-in administrator, named to the agent in X-Aula-Actor.
 */
const ROUTES: Route[] = [
  { method: 'GET', path: 'services/:p/log', agent: pass('GET', ([s]) => `/services/${s}/log?lines=200`) },
  { method: 'POST', path: 'services/:p/restart', agent: pass('POST', ([s]) => `/services/${s}/restart`) },
  { method: 'POST', path: 'queues/drain', agent: pass('POST', () => '/queues/drain') },
  { method: 'GET', path: 'backups', agent: pass('GET', () => '/backups') },
  { method: 'POST', path: 'backups', body: BackupRequest, agent: pass('POST', () => '/backups', true) },
  { method: 'GET', path: 'backups/:p/download', agent: download },
  { method: 'POST', path: 'drills', body: DrillRequest, agent: pass('POST', () => '/drills', true) },
  { method: 'GET', path: 'drills/last', agent: pass('GET', () => '/drills/last') },
  { method: 'POST', path: 'clone', body: CloneRequest, agent: pass('POST', () => '/clone', true) },
  { method: 'GET', path: 'operations', agent: pass('GET', () => '/operations') },
  { method: 'GET', path: 'operations/:p', agent: pass('GET', ([id]) => `/operations/${id}`) },
  { method: 'DELETE', path: 'operations/:p', agent: pass('DELETE', ([id]) => `/operations/${id}`) },
];

/** The archive, streamed from the agent to the browser as it comes (never held whole in memory). */
async function download({ server, params, actor }: Call): Promise<Response> {
  const [id = ''] = params;
  const res = await agentRequest(server, {
    path: `/backups/${encodeURIComponent(id)}/download`,
    actor,
    timeoutMs: 60 * 60_000,
  });
  const headers = new Headers({
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename="${id}.aula-backup"`,
    'cache-control': 'no-store',
  });
  const length = res.headers.get('content-length');
  if (length) headers.set('content-length', length);
  return new Response(res.body, { headers });
}

function match(method: string, rest: string[]): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    const parts = route.path.split('/');
    if (route.method !== method || parts.length !== rest.length) continue;
    const params: string[] = [];
    const fits = parts.every((part, i) => {
      const value = rest[i] ?? '';
      if (part !== ':p') return part === value;
      params.push(value);
      return SEGMENT.test(value);
    });
    if (fits) return { route, params };
  }
  return null;
}

/** `/api/admin/…`: administrators only (403 to everyone else, signed out included), then the table above. */
export function adminHandler(method: Method) {
  return async (request: NextRequest, { params }: { params: Promise<{ path: string[] }> }) => {
    const access = await adminAccess(requestToken(request), clientIp(request.headers));
    if (!access.admin) return apiError('forbidden', 'The admin panel is for administrators.');
    const { path } = await params;
    const servers = await listServers();
    try {
      if (method === 'GET' && path.length === 1 && path[0] === 'hosts') {
        if (!servers.configured) return Response.json({ configured: false, problem: servers.problem, hosts: [] });
        const hosts = await Promise.all(servers.servers.map((server) => hostView(server, access.email)));
        return Response.json({ configured: true, hosts }, { headers: { 'cache-control': 'no-store' } });
      }
      if (method === 'GET' && path.length === 1 && path[0] === 'audit')
        return Response.json(await auditOfAll(servers.configured ? servers.servers : [], access.email));
      const [section, name, ...rest] = path;
      const found = section === 'hosts' ? match(method, rest) : null;
      if (!found) return apiError('not_found', 'There is no such admin action.');
      const server = servers.configured ? servers.servers.find((s) => s.name === name) : undefined;
      if (!server) return apiError('not_found', `There is no server called ${name} in the servers list.`);
      let body: unknown;
      if (found.route.body) {
        const parsed = found.route.body.safeParse(await request.json().catch(() => undefined));
        if (!parsed.success)
          return apiError('invalid', `The request was not understood: ${parsed.error.issues[0]?.message}.`);
        body = parsed.data;
      }
      return await found.route.agent({ server, params: found.params, actor: access.email, body });
    } catch (error) {
      if (!(error instanceof AgentError)) throw error;
      const code =
        error.status === 404
          ? 'not_found'
          : error.status === 409
            ? 'conflict'
            : error.status < 500
              ? 'invalid'
              : 'unavailable';
      return apiError(code, error.message);
    }
  };
}

/** The audit logs of every host that answers, newest first, and which hosts did not. */
async function auditOfAll(servers: ServerEntry[], actor: string): Promise<AuditAnswer> {
  const answers = await Promise.all(
    servers.map(async (server) => {
      try {
        const entries = await agentJson<AuditEntry[]>(server, { path: '/audit?limit=100', actor, timeoutMs: 4_000 });
        return { entries: entries.map((entry, i) => ({ ...entry, host: server.name, key: `${server.name}-${i}` })) };
      } catch (error) {
        const known = error instanceof AgentError;
        const problem = {
          host: server.name,
          failure: known ? error.failure : ('answer' as const),
          detail: known ? error.message : `The answer of ${server.name}'s agent could not be read.`,
        };
        return { entries: [], problem };
      }
    }),
  );
  const entries = answers
    .flatMap((a) => a.entries)
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 200);
  return { entries, problems: answers.flatMap((a) => ('problem' in a && a.problem ? [a.problem] : [])) };
}
