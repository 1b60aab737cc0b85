import { connect } from 'node:net';
import type { HostRole, HostStatus } from '@aula/ops';
import { agentClient } from '@aula/ops/agent';
import { type Dependencies, rootCauses } from './graph.ts';

/** A host the agent watches: its host agent (packages/ops, decision 015). */
export type WatchedHost = { name: string; role: HostRole; agent: string; token: string };

/**
 * A health check of one service: `http(s)://…` answers 2xx/3xx, `tcp://host:port` accepts a
 * connection (PostgreSQL, Redis). `metrics` reads `aula_queue_oldest_waiting_seconds` from a /metrics page.
 */
export type Probe = { host: string; service: string; url: string; metrics?: boolean; bearer?: string };

export type Thresholds = {
  /** Used share of the data disk above which it is "nearly full" (default 0.9). */
  diskRatio: number;
  memoryRatio: number;
  /** A response slower than this is a finding (ms). */
  slowMs: number;
  /** The newest backup older than this (hours) is a finding; hosts with a database only. */
  backupMaxAgeHours: number;
  /** The oldest waiting job older than this (seconds) means a stuck queue. */
  queueStuckSeconds: number;
  /** Restarts since the agent first saw the service above which it is "restarting" (a crash loop). */
  restartsLimit: number;
};

export const DEFAULT_THRESHOLDS: Thresholds = {
  diskRatio: 0.9,
  memoryRatio: 0.95,
  slowMs: 5_000,
  backupMaxAgeHours: 26,
  queueStuckSeconds: 30 * 60,
  restartsLimit: 5,
};

export type ProbeResult = {
  probe: Probe;
  ok: boolean;
  ms: number;
  detail: string;
  oldestWaiting?: Record<string, number>;
};

export type HostObservation =
  | { host: WatchedHost; reachable: true; status: HostStatus }
  | { host: WatchedHost; reachable: false; error: string };

/** One look at everything: every host agent's status and every probe. */
export type Observation = { at: string; hosts: HostObservation[]; probes: ProbeResult[] };

export const FINDING_KINDS = [
  'down',
  'slow',
  'memory',
  'disk',
  'backup',
  'queue',
  'restarts',
  'unreachable',
  'deploy-failed',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export type Severity = 'critical' | 'major' | 'minor';

export type Finding = { kind: FindingKind; host: string; service?: string; severity: Severity; detail: string };

/** What one incident is about: a root cause and the symptoms it explains. */
export type Problem = {
  /** Stable identity: a repeated incident has the same key (`down:main/directus`). */
  key: string;
  kind: FindingKind;
  host: string;
  service?: string;
  severity: Severity;
  finding: Finding;
  /** Findings this cause explains (dependents down), not incidents of their own. */
  symptoms: Finding[];
};

async function tcpOk(url: URL, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const OLDEST = /^aula_queue_oldest_waiting_seconds\{[^}]*queue="([^"]+)"[^}]*\}\s+([0-9.eE+-]+)/;

export async function runProbe(probe: Probe, timeoutMs = 10_000): Promise<ProbeResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const url = new URL(probe.url);
    if (url.protocol === 'tcp:') {
      await tcpOk(url, timeoutMs);
      return { probe, ok: true, ms: ms(), detail: 'accepts connections' };
    }
    const res = await fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      ...(probe.bearer ? { headers: { authorization: `Bearer ${probe.bearer}` } } : {}),
    });
    const text = await res.text();
    const ok = res.status < 400;
    if (!ok) return { probe, ok, ms: ms(), detail: `answered ${res.status}` };
    if (!probe.metrics) return { probe, ok, ms: ms(), detail: `answered ${res.status}` };
    const oldestWaiting: Record<string, number> = {};
    for (const line of text.split('\n')) {
      const m = OLDEST.exec(line);
      if (m?.[1]) oldestWaiting[m[1]] = Number(m[2]);
    }
    return { probe, ok, ms: ms(), detail: `answered ${res.status}`, oldestWaiting };
  } catch (error) {
    return { probe, ok: false, ms: ms(), detail: (error as Error).message };
  }
}

export async function observe(hosts: WatchedHost[], probes: Probe[], timeoutMs = 10_000): Promise<Observation> {
  const [h, p] = await Promise.all([
    Promise.all(
      hosts.map(async (host): Promise<HostObservation> => {
        try {
          const status = await agentClient(host.agent, host.token, 'ops-agent', timeoutMs).status();
          return { host, reachable: true, status };
        } catch (error) {
          return { host, reachable: false, error: (error as Error).message };
        }
      }),
    ),
    Promise.all(probes.map((probe) => runProbe(probe, timeoutMs))),
  ]);
  return { at: new Date().toISOString(), hosts: h, probes: p };
}

/** What is wrong in one observation, as plain findings (no grouping yet). */
export function findingsOf(o: Observation, t: Thresholds = DEFAULT_THRESHOLDS): Finding[] {
  const out: Finding[] = [];
  const now = Date.parse(o.at);
  for (const h of o.hosts) {
    if (!h.reachable) {
      out.push({ kind: 'unreachable', host: h.host.name, severity: 'critical', detail: h.error });
      continue;
    }
    const s = h.status;
    for (const svc of s.services) {
      if (svc.state === 'stopped' || svc.state === 'failed')
        out.push({ kind: 'down', host: s.host, service: svc.name, severity: 'critical', detail: `state ${svc.state}` });
      else if ((svc.restarts ?? 0) > t.restartsLimit)
        out.push({
          kind: 'restarts',
          host: s.host,
          service: svc.name,
          severity: 'major',
          detail: `${svc.restarts} restarts`,
        });
    }
    const disk = s.disk.totalBytes > 0 ? s.disk.usedBytes / s.disk.totalBytes : 0;
    if (disk > t.diskRatio)
      out.push({
        kind: 'disk',
        host: s.host,
        severity: disk > 0.97 ? 'critical' : 'major',
        detail: `disk ${(disk * 100).toFixed(1)} % used (${s.disk.path}), limit ${(t.diskRatio * 100).toFixed(0)} %`,
      });
    const mem = s.memory.totalBytes > 0 ? s.memory.usedBytes / s.memory.totalBytes : 0;
    if (mem > t.memoryRatio)
      out.push({ kind: 'memory', host: s.host, severity: 'major', detail: `memory ${(mem * 100).toFixed(1)} % used` });
    if (s.role !== 'support') {
      const age = s.lastBackup ? (now - Date.parse(s.lastBackup.at)) / 3_600_000 : Number.POSITIVE_INFINITY;
      if (age > t.backupMaxAgeHours)
        out.push({
          kind: 'backup',
          host: s.host,
          severity: 'major',
          detail: s.lastBackup
            ? `the newest backup (${s.lastBackup.id}) is ${age.toFixed(1)} h old`
            : 'this host has no backup',
        });
    }
  }
  for (const r of o.probes) {
    const { host, service } = r.probe;
    if (!r.ok) out.push({ kind: 'down', host, service, severity: 'critical', detail: `${r.probe.url}: ${r.detail}` });
    else if (r.ms > t.slowMs)
      out.push({ kind: 'slow', host, service, severity: 'minor', detail: `${r.probe.url} took ${r.ms} ms` });
    for (const [queue, seconds] of Object.entries(r.oldestWaiting ?? {}))
      if (seconds > t.queueStuckSeconds)
        out.push({
          kind: 'queue',
          host,
          service,
          severity: 'major',
          detail: `queue ${queue}: the oldest waiting job has waited ${Math.round(seconds)} s`,
        });
  }
  return out;
}

const SEVERITY_ORDER: Severity[] = ['critical', 'major', 'minor'];

/**
 * Findings grouped into problems: per host, the services that are down are reduced to their root
 * causes through the compose files' dependencies (a cause's dependents are its symptoms); one
 * problem per cause, and one per other finding.
 */
export function problemsOf(findings: Finding[], graphs: Record<string, Dependencies>): Problem[] {
  const out: Problem[] = [];
  const downByHost = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.kind === 'down' && f.service) {
      const list = downByHost.get(f.host) ?? [];
      list.push(f);
      downByHost.set(f.host, list);
      continue;
    }
    const key = `${f.kind}:${f.host}${f.service ? `/${f.service}` : ''}`;
    if (out.some((p) => p.key === key)) continue;
    out.push({ key, kind: f.kind, host: f.host, service: f.service, severity: f.severity, finding: f, symptoms: [] });
  }
  for (const [host, list] of downByHost) {
    const graph = graphs[host] ?? {};
    for (const { cause, symptoms } of rootCauses(graph, new Set(list.map((f) => f.service ?? '')))) {
      const own = list.filter((f) => f.service === cause);
      const finding: Finding = { ...own[0]!, detail: own.map((f) => f.detail).join('; ') };
      out.push({
        key: `down:${host}/${cause}`,
        kind: 'down',
        host,
        service: cause,
        severity: 'critical',
        finding,
        symptoms: list.filter((f) => symptoms.includes(f.service ?? '')),
      });
    }
  }
  return out.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}
