import type { LlmConfig } from '@aula/llm';
import { diagnose, type Evidence } from './diagnose.ts';
import type { Dependencies } from './graph.ts';
import type { Platform, Target } from './platform.ts';
import { RUNBOOKS, type Runbook } from './runbooks.ts';
import type { Diagnosis, Incident, IncidentStore } from './store.ts';
import {
  DEFAULT_THRESHOLDS,
  findingsOf,
  type Observation,
  observe,
  type Probe,
  type Problem,
  problemsOf,
  type Thresholds,
  type WatchedHost,
} from './watch.ts';

export type Policy = {
  /** Actions that may run without a person's approval (default: restart, cleanup, backup). */
  safeActions: string[];
  /** …and only when the diagnosis is at least this sure (default 0.9; a rule's 0.5 never is). */
  autoConfidence: number;
};

export type EngineOptions = {
  hosts: WatchedHost[];
  probes: Probe[];
  /** Per host name: the compose file's dependencies of its role. */
  graphs: Record<string, Dependencies>;
  store: IncidentStore;
  /** The host agents first; Dokploy for the services it owns. */
  platforms: Platform[];
  llm?: LlmConfig;
  runbooks?: Runbook[];
  policy?: Partial<Policy>;
  thresholds?: Partial<Thresholds>;
  /** Tells the administrators (Telegram); failures are logged, never fatal. */
  notify?: (text: string) => Promise<void>;
  /** A deployment newer than this (minutes) makes a failing health check a failed deployment. */
  recentDeployMinutes?: number;
  intervalMs?: number;
  /** Looks in a row a problem must be seen in before it is an incident (default 2: one slow answer is not an outage). */
  confirmations?: number;
  logLines?: number;
  log?: (line: string) => void;
};

const SELF = 'ops-agent';
const since = (a: string, b: string) => ((Date.parse(b) - Date.parse(a)) / 1000).toFixed(1);

/**
 * The ops agent's loop: observe, find problems (root causes first), open an incident with its
 * evidence, diagnose, propose the runbook's action, act (alone when safe and sure, else after
 * `/approve`), verify, close with a post-mortem. One tick at a time; actions run beside the loop.
 */
export class OpsEngine {
  readonly o: EngineOptions;
  readonly runbooks: Runbook[];
  readonly policy: Policy;
  readonly thresholds: Thresholds;
  last?: Observation;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private readonly acting = new Map<number, Promise<void>>();
  private readonly problems = new Map<number, Problem>();
  /** Problem key → looks in a row it was seen in. */
  private readonly seen = new Map<string, number>();
  private stopped = false;

  constructor(o: EngineOptions) {
    this.o = o;
    this.runbooks = o.runbooks ?? RUNBOOKS;
    this.policy = { safeActions: ['restart', 'cleanup', 'backup'], autoConfidence: 0.9, ...o.policy };
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...o.thresholds };
  }

  private log(line: string) {
    this.o.log?.(line);
  }
  private async notify(text: string) {
    await this.o.notify?.(text).catch((e: Error) => this.log(`notify failed: ${e.message}`));
  }

  platformFor(t: Target): Platform {
    const p = [...this.o.platforms].reverse().find((x) => x.owns(t));
    if (!p) throw new Error(`no platform runs ${t.host}/${t.service}`);
    return p;
  }

  start(): void {
    const every = this.o.intervalMs ?? 10_000;
    const loop = () => {
      if (this.stopped) return;
      this.ticking = this.tick()
        .catch((e: Error) => this.log(`tick failed: ${e.stack ?? e.message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, every);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.acting.values()]);
  }

  async look(): Promise<{ observation: Observation; problems: Problem[] }> {
    const observation = await observe(this.o.hosts, this.o.probes);
    this.last = observation;
    let problems = problemsOf(findingsOf(observation, this.thresholds), this.o.graphs);
    problems = await Promise.all(problems.map((p) => this.asDeployment(p)));
    return { observation, problems };
  }

  /** A service down right after a deployment (Dokploy) is a failed deployment. */
  private async asDeployment(p: Problem): Promise<Problem> {
    if (p.kind !== 'down' || !p.service) return p;
    const t = { host: p.host, service: p.service };
    const platform = this.o.platforms.find((x) => x.deployments && x.owns(t));
    if (!platform?.deployments) return p;
    const [newest] = await platform.deployments(t).catch(() => []);
    const recent = (this.o.recentDeployMinutes ?? 30) * 60_000;
    if (!newest || Date.now() - Date.parse(newest.createdAt) > recent) return p;
    return {
      ...p,
      kind: 'deploy-failed',
      key: `deploy-failed:${p.host}/${p.service}`,
      finding: { ...p.finding, kind: 'deploy-failed', detail: `${p.finding.detail} after deployment ${newest.id}` },
    };
  }

  async tick(): Promise<void> {
    const { problems } = await this.look();
    const active = await this.o.store.active();
    const keys = new Set(problems.map((p) => p.key));
    for (const key of [...this.seen.keys()]) if (!keys.has(key)) this.seen.delete(key);
    for (const problem of problems) {
      const times = (this.seen.get(problem.key) ?? 0) + 1;
      this.seen.set(problem.key, times);
      if (times < (this.o.confirmations ?? 2)) continue;
      if (active.some((i) => i.key === problem.key)) continue;
      await this.openIncident(problem);
    }
    // Incidents whose problem went away without an action: recovered on their own.
    for (const incident of active) {
      if (this.acting.has(incident.id)) continue;
      if (problems.some((p) => p.key === incident.key)) continue;
      if (incident.state !== 'open' && incident.state !== 'awaiting-approval') continue;
      await this.o.store.event(incident.id, 'recovered', SELF, 'the problem is gone without an action');
      await this.close(incident, 'recovered');
    }
  }

  private async gather(problem: Problem): Promise<Evidence> {
    const status: Record<string, unknown> = {};
    for (const h of this.last?.hosts ?? []) {
      if (h.host.name !== problem.host) continue;
      status[h.host.name] = h.reachable
        ? {
            services: h.status.services.map((s) => `${s.name}: ${s.state}, ${s.restarts ?? 0} restarts`),
            disk: `${h.status.disk.usedBytes}/${h.status.disk.totalBytes} bytes`,
            memory: `${h.status.memory.usedBytes}/${h.status.memory.totalBytes} bytes`,
            lastBackup: h.status.lastBackup?.at ?? null,
          }
        : { unreachable: h.error };
    }
    status.findings = [problem.finding, ...problem.symptoms].map(
      (f) => `${f.kind} ${f.host}/${f.service ?? ''}: ${f.detail}`,
    );
    const logs: Record<string, string[]> = {};
    const services = [problem.service, ...problem.symptoms.map((s) => s.service)].filter(Boolean) as string[];
    for (const service of services) {
      const t = { host: problem.host, service };
      try {
        logs[`${problem.host}/${service}`] = await this.platformFor(t).logs(t, this.o.logLines ?? 30);
      } catch (error) {
        logs[`${problem.host}/${service}`] = [`(no log: ${(error as Error).message})`];
      }
    }
    const evidence: Evidence = { status, logs };
    if (problem.service) {
      const t = { host: problem.host, service: problem.service };
      const platform = this.o.platforms.find((x) => x.deployments && x.owns(t));
      if (platform?.deployments) evidence.deployments = (await platform.deployments(t).catch(() => [])).slice(0, 5);
    }
    return evidence;
  }

  async openIncident(problem: Problem): Promise<Incident> {
    const store = this.o.store;
    const where = `${problem.host}${problem.service ? `/${problem.service}` : ''}`;
    const incident = await store.open({
      key: problem.key,
      kind: problem.kind,
      host: problem.host,
      service: problem.service,
      severity: problem.severity,
      title: `${problem.kind}: ${where}`,
    });
    this.problems.set(incident.id, problem);
    await store.event(incident.id, 'opened', SELF, `${problem.kind} on ${where}: ${problem.finding.detail}`, {
      finding: problem.finding,
      symptoms: problem.symptoms,
    });
    this.log(`incident #${incident.id} opened: ${problem.key}`);
    const evidence = await this.gather(problem);
    await store.event(incident.id, 'evidence', SELF, 'status and the last log lines (untrusted data)', evidence);
    const before = await store.lastResolved(problem.key, incident.id);
    if (before) {
      const events = await store.events(before.id);
      const worked = events.find((e) => e.type === 'action-done');
      await store.event(
        incident.id,
        'remembered',
        SELF,
        `the same happened in #${before.id} (${before.openedAt}); runbook ${before.runbookId} fixed it${worked ? `: ${worked.text}` : ''}`,
        { incident: before.id, runbookId: before.runbookId },
      );
    }
    const d = await diagnose(problem, evidence, this.runbooks, this.o.llm);
    if (d.rejected && d.source === 'rules')
      await store.event(incident.id, 'model-rejected', SELF, d.rejected, { rejected: d.rejected });
    await store.event(
      incident.id,
      'diagnosed',
      d.model ?? 'rules',
      `${d.diagnosis} (runbook ${d.runbookId}, confidence ${d.confidence.toFixed(2)})`,
      d,
    );
    const updated = await store.update(incident.id, { diagnosis: d, runbookId: d.runbookId });
    await this.propose(updated, problem, d);
    return (await store.get(incident.id)) ?? updated;
  }

  private runbook(id: string | null): Runbook {
    const r = this.runbooks.find((x) => x.id === id);
    if (!r) throw new Error(`there is no runbook ${id}`);
    return r;
  }

  private targetOf(incident: Incident, runbook: Runbook): Target {
    return { host: incident.host, service: runbook.action.service ?? incident.service ?? '' };
  }

  describeAction(incident: Incident, runbook: Runbook): string {
    const t = this.targetOf(incident, runbook);
    switch (runbook.action.kind) {
      case 'restart':
        return `restart ${t.service} on ${t.host}`;
      case 'cleanup':
        return `empty the ${runbook.action.dir} folder on ${t.host}`;
      case 'rollback':
        return `roll ${t.service} back to its last good deployment`;
      case 'drain':
        return `drain the generation queue on ${t.host}`;
      case 'backup':
        return `make a full backup on ${t.host}`;
      case 'none':
        return 'nothing the agent may do: a person has to look';
    }
  }

  private async propose(incident: Incident, problem: Problem, d: Diagnosis) {
    const store = this.o.store;
    const runbook = this.runbook(d.runbookId);
    const what = this.describeAction(incident, runbook);
    await store.event(incident.id, 'proposed', SELF, `${runbook.title.en}: ${what}`, {
      runbookId: runbook.id,
      action: runbook.action,
    });
    const symptoms = problem.symptoms.length
      ? ` (${problem.symptoms.map((s) => s.service).join(', ')} depend on it)`
      : '';
    if (runbook.action.kind === 'none') {
      await store.event(incident.id, 'gave-up', SELF, 'no runbook applies: escalated to a person');
      await this.notify(
        `🔴 Incidente #${incident.id}: ${incident.title}${symptoms}\n${d.diagnosis}\nNecesita a una persona.`,
      );
      await this.close(incident, 'escalated');
      return;
    }
    const alone = this.policy.safeActions.includes(runbook.action.kind) && d.confidence >= this.policy.autoConfidence;
    if (alone) {
      this.act(incident.id, `${SELF} (auto, confidence ${d.confidence.toFixed(2)})`);
      await this.notify(
        `🟠 Incidente #${incident.id}: ${incident.title}${symptoms}\n${d.diagnosis}\nActúo solo: ${what}.`,
      );
      return;
    }
    await store.update(incident.id, { state: 'awaiting-approval' });
    await store.event(incident.id, 'approval-requested', SELF, `waiting for /approve ${incident.id}: ${what}`);
    await this.notify(
      `🔴 Incidente #${incident.id}: ${incident.title}${symptoms}\n${d.diagnosis}\nPropuesta (${runbook.id}, confianza ${d.confidence.toFixed(2)}): ${what}.\n/approve ${incident.id}`,
    );
  }

  /** A person approves the proposed action (Telegram `/approve <id>`). */
  async approve(id: number, actor: string): Promise<string> {
    const incident = await this.o.store.get(id);
    if (!incident) return `no hay incidente #${id}`;
    if (incident.state !== 'awaiting-approval') return `el incidente #${id} no espera aprobación (${incident.state})`;
    await this.o.store.event(id, 'approved', actor, `approved by ${actor}`);
    await this.o.store.audit({ actor, action: 'approve', target: `incident ${id}`, outcome: 'done' });
    this.act(id, actor);
    return `aprobado: #${id} en marcha`;
  }

  /** Runs the incident's runbook (in the background); resolves when it ended. */
  act(id: number, actor: string): Promise<void> {
    const running = this.acting.get(id);
    if (running) return running;
    const work = this.runAction(id, actor).finally(() => this.acting.delete(id));
    this.acting.set(id, work);
    return work;
  }

  /** Waits for an incident's action to end (tests). */
  settled(id: number): Promise<void> {
    return this.acting.get(id) ?? Promise.resolve();
  }

  private async perform(incident: Incident, runbook: Runbook, actor: string): Promise<string> {
    const t = this.targetOf(incident, runbook);
    const platform = this.platformFor(t);
    const who = `${SELF} for ${actor}`;
    switch (runbook.action.kind) {
      case 'restart':
        return platform.restart(t, who);
      case 'cleanup':
        return platform.cleanup(t, runbook.action.dir ?? '', who);
      case 'rollback':
        return platform.rollback(t, who);
      case 'drain':
        return platform.drain(t, who);
      case 'backup':
        return platform.backup(t, who);
      case 'none':
        return 'nothing done';
    }
  }

  private async runAction(id: number, actor: string): Promise<void> {
    const store = this.o.store;
    let incident = await store.get(id);
    if (!incident) return;
    const runbook = this.runbook(incident.runbookId);
    const what = this.describeAction(incident, runbook);
    incident = await store.update(id, { state: 'acting' });
    for (let attempt = 1; attempt <= runbook.giveUp.attempts; attempt++) {
      await store.event(id, 'action-started', actor, `${what} (attempt ${attempt})`, { runbookId: runbook.id });
      await store.audit({
        actor,
        action: runbook.action.kind,
        target: `${incident.host}/${incident.service ?? ''}`,
        outcome: 'started',
        detail: `incident ${id}`,
      });
      try {
        const detail = await this.perform(incident, runbook, actor);
        await store.event(id, 'action-done', actor, `${what}: ${detail}`);
        await store.audit({
          actor,
          action: runbook.action.kind,
          target: `${incident.host}/${incident.service ?? ''}`,
          outcome: 'done',
          detail,
        });
      } catch (error) {
        const message = (error as Error).message;
        await store.event(id, 'action-failed', actor, `${what}: ${message}`);
        await store.audit({
          actor,
          action: runbook.action.kind,
          target: `${incident.host}/${incident.service ?? ''}`,
          outcome: 'failed',
          detail: message,
        });
        continue;
      }
      if (await this.verify(incident, runbook)) {
        await store.event(id, 'verified', SELF, runbook.verify.check);
        await this.close(incident, 'resolved');
        return;
      }
      await store.event(id, 'verification-failed', SELF, `not fixed within ${runbook.verify.withinSeconds} s`);
    }
    await store.event(
      id,
      'gave-up',
      SELF,
      `gave up after ${runbook.giveUp.attempts} attempt(s): escalated to a person`,
    );
    await this.close(incident, 'escalated');
  }

  /** The runbook's verification: the incident's problem is gone from a fresh look, within its time. */
  private async verify(incident: Incident, runbook: Runbook): Promise<boolean> {
    const until = Date.now() + runbook.verify.withinSeconds * 1000;
    while (Date.now() < until && !this.stopped) {
      const { problems } = await this.look();
      if (!problems.some((p) => p.key === incident.key)) return true;
      await new Promise((r) => setTimeout(r, runbook.verify.everySeconds * 1000));
    }
    return false;
  }

  private async close(incident: Incident, state: 'resolved' | 'recovered' | 'escalated') {
    const store = this.o.store;
    const closed = await store.update(incident.id, { state });
    const events = await store.events(incident.id);
    const postmortem = postmortemOf(closed, events);
    await store.update(incident.id, { postmortem });
    await store.event(incident.id, 'closed', SELF, postmortem.en);
    this.problems.delete(incident.id);
    const icon = state === 'escalated' ? '🔴' : '🟢';
    await this.notify(`${icon} Incidente #${incident.id} cerrado (${state}).\n${postmortem.es}`);
  }
}

/** The short post-mortem: what, the root cause, the action, who approved, how long each part took. */
export function postmortemOf(
  incident: Incident,
  events: { type: string; at: string; actor: string; text: string }[],
): { es: string; en: string } {
  const at = (type: string) => events.find((e) => e.type === type);
  const opened = incident.openedAt;
  const closedAt = incident.closedAt ?? new Date().toISOString();
  const approved = at('approved');
  const done = [...events].reverse().find((e) => e.type === 'action-done');
  const d = incident.diagnosis;
  const where = `${incident.host}${incident.service ? `/${incident.service}` : ''}`;
  const symptoms = (() => {
    const data = (
      events.find((e) => e.type === 'opened') as { data?: { symptoms?: { service?: string }[] } } | undefined
    )?.data?.symptoms;
    return data?.length ? data.map((s) => s.service).join(', ') : '';
  })();
  const outcome = {
    resolved: { es: 'resuelto y verificado', en: 'resolved and verified' },
    recovered: { es: 'se recuperó solo', en: 'recovered on its own' },
    escalated: { es: 'escalado a una persona', en: 'escalated to a person' },
  }[incident.state as 'resolved' | 'recovered' | 'escalated'] ?? { es: incident.state, en: incident.state };
  const en = [
    `#${incident.id} ${incident.kind} on ${where} (${incident.severity}): ${outcome.en} in ${since(opened, closedAt)} s.`,
    `Root cause: ${where}${symptoms ? `; symptoms: ${symptoms}` : ''}.`,
    d ? `Diagnosis (${d.source}${d.model ? ` ${d.model}` : ''}, ${d.confidence.toFixed(2)}): ${d.diagnosis}` : '',
    done ? `Action: ${done.text} (runbook ${incident.runbookId}).` : 'No action ran.',
    approved ? `Approved by ${approved.actor} ${since(opened, approved.at)} s after detection.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const es = [
    `#${incident.id} ${incident.kind} en ${where} (${incident.severity}): ${outcome.es} en ${since(opened, closedAt)} s.`,
    `Causa raíz: ${where}${symptoms ? `; síntomas: ${symptoms}` : ''}.`,
    d ? `Diagnóstico (${d.source}${d.model ? ` ${d.model}` : ''}, ${d.confidence.toFixed(2)}): ${d.diagnosis}` : '',
    done ? `Acción: ${done.text} (runbook ${incident.runbookId}).` : 'No se ejecutó ninguna acción.',
    approved ? `Aprobado por ${approved.actor} ${since(opened, approved.at)} s después de detectarlo.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { es, en };
}
