import type { Operation } from '@aula/ops';
import { type AgentClient, agentClient } from '@aula/ops/agent';
import type { WatchedHost } from './watch.ts';

/** A service somewhere: the host the servers file names and the service's name there. */
export type Target = { host: string; service: string };

/**
 * Where actions happen. Two implementations: the host agents of `aula serve` (decision 015) and
 * Dokploy's REST API. Each action resolves with plain words on success and rejects with plain words.
 */
export type Platform = {
  name: string;
  /** Whether this platform runs the service (Dokploy: an application is mapped to it). */
  owns: (t: Target) => boolean;
  restart: (t: Target, actor: string) => Promise<string>;
  logs: (t: Target, lines: number) => Promise<string[]>;
  redeploy: (t: Target, actor: string) => Promise<string>;
  /** Back to the last deployment that worked. */
  rollback: (t: Target, actor: string) => Promise<string>;
  cleanup: (t: Target, dir: string, actor: string) => Promise<string>;
  drain: (t: Target, actor: string) => Promise<string>;
  backup: (t: Target, actor: string) => Promise<string>;
  /** Deployments, newest first, when the platform has them. */
  deployments?: (t: Target) => Promise<{ id: string; status: string; createdAt: string; title: string }[]>;
};

const describeOp = (op: Operation) =>
  op.state === 'done'
    ? `${op.kind} done${op.steps.map((s) => (s.detail ? `: ${s.detail}` : '')).join('')}`
    : `${op.kind} ${op.state}: ${op.error ?? op.steps.find((s) => s.state === 'failed')?.detail ?? ''}`;

/** The host agents: restart and logs of the supervisor's services, cleanup, drain, backup. */
export function hostAgentPlatform(hosts: WatchedHost[], timeoutMs = 10 * 60_000): Platform {
  const client = (host: string, actor: string): AgentClient => {
    const h = hosts.find((x) => x.name === host);
    if (!h) throw new Error(`there is no host ${host} in the servers file`);
    return agentClient(h.agent, h.token, actor, timeoutMs);
  };
  const run = async (host: string, actor: string, path: string, body?: unknown) => {
    const c = client(host, actor);
    const started = await c.call<Operation>('POST', path, body ?? {});
    const ended = await c.follow(started.id, () => {}, AbortSignal.timeout(timeoutMs));
    if (ended.state !== 'done') throw new Error(describeOp(ended));
    return describeOp(ended);
  };
  const none = (what: string) => async () => {
    throw new Error(`${what}: the hosts run the release they were given; use Dokploy (DOKPLOY_URL) for deployments`);
  };
  return {
    name: 'host agent',
    owns: (t) => hosts.some((h) => h.name === t.host),
    restart: (t, actor) => run(t.host, actor, `/services/${encodeURIComponent(t.service)}/restart`),
    logs: async (t, lines) =>
      (
        await client(t.host, 'ops-agent').call<{ lines: string[] }>(
          'GET',
          `/services/${encodeURIComponent(t.service)}/log?lines=${lines}`,
        )
      ).lines,
    redeploy: none('redeploy'),
    rollback: none('rollback'),
    cleanup: (t, dir, actor) => run(t.host, actor, '/cleanup', { dir }),
    drain: (t, actor) => run(t.host, actor, '/queues/drain'),
    backup: (t, actor) => run(t.host, actor, '/backups', { kind: 'full' }),
  };
}

export type DokployDeploymentRow = {
  deploymentId: string;
  title: string;
  status: string;
  createdAt: string;
  rollbackId?: string | null;
};

/**
 * Dokploy's REST API (`/api/<router>.<procedure>`, `x-api-key`): applications mapped by service
 * (`apps["main/web"] = applicationId`). Restart is stop then start; a rollback goes to the newest
 * deployment before the current one that finished (`done`) and kept a rollback image.
 */
export function dokployPlatform(o: {
  url: string;
  apiKey: string;
  apps: Record<string, string>;
  /** A deployment is "good" when its health check answered after it; the agent records those it verified. */
  good?: Set<string>;
  timeoutMs?: number;
}): Platform {
  const base = o.url.replace(/\/+$/, '');
  const call = async <T>(method: 'GET' | 'POST', procedure: string, input: Record<string, string>): Promise<T> => {
    const url =
      method === 'GET' ? `${base}/api/${procedure}?${new URLSearchParams(input)}` : `${base}/api/${procedure}`;
    const res = await fetch(url, {
      method,
      headers: { 'x-api-key': o.apiKey, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
      signal: AbortSignal.timeout(o.timeoutMs ?? 60_000),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // not JSON
      }
      throw new Error(`Dokploy ${procedure}: ${res.status} ${message}`);
    }
    return (text ? JSON.parse(text) : null) as T;
  };
  const app = (t: Target) => {
    const id = o.apps[`${t.host}/${t.service}`];
    if (!id) throw new Error(`no Dokploy application is mapped to ${t.host}/${t.service}`);
    return id;
  };
  const deployments = async (t: Target) =>
    call<DokployDeploymentRow[]>('GET', 'deployment.all', { applicationId: app(t) });
  return {
    name: 'Dokploy',
    owns: (t) => Boolean(o.apps[`${t.host}/${t.service}`]),
    restart: async (t) => {
      const applicationId = app(t);
      await call('POST', 'application.stop', { applicationId });
      await call('POST', 'application.start', { applicationId });
      return `application ${applicationId} stopped and started`;
    },
    logs: async () => {
      throw new Error('Dokploy streams container logs over a WebSocket only; read them in Dokploy');
    },
    redeploy: async (t) => {
      await call('POST', 'application.redeploy', { applicationId: app(t) });
      return `application ${app(t)} redeployed`;
    },
    rollback: async (t) => {
      const list = await deployments(t);
      const [current, ...earlier] = list;
      const target = earlier.find(
        (d) => d.status === 'done' && d.rollbackId && (!o.good || o.good.has(d.deploymentId)),
      );
      if (!target?.rollbackId)
        throw new Error(`no earlier deployment of ${t.service} to roll back to (current ${current?.deploymentId})`);
      await call('POST', 'rollback.rollback', { rollbackId: target.rollbackId });
      return `rolled back from ${current?.deploymentId} to ${target.deploymentId} (${target.title})`;
    },
    cleanup: async () => {
      throw new Error('cleanup runs on the host agent');
    },
    drain: async () => {
      throw new Error('drain runs on the host agent');
    },
    backup: async () => {
      throw new Error('backups run on the host agent');
    },
    deployments: async (t) =>
      (await deployments(t)).map((d) => ({
        id: d.deploymentId,
        status: d.status,
        createdAt: d.createdAt,
        title: d.title,
      })),
  };
}
