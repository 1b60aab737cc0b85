import pg from 'pg';
import type { FindingKind, Severity } from './watch.ts';

export const INCIDENT_STATES = ['open', 'awaiting-approval', 'acting', 'resolved', 'recovered', 'escalated'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
export const CLOSED_STATES: IncidentState[] = ['resolved', 'recovered', 'escalated'];

export type Diagnosis = {
  source: 'model' | 'rules';
  runbookId: string;
  confidence: number;
  diagnosis: string;
  reasoning: string;
  /** The model that answered (source model). */
  model?: string;
  /** Why the model's answer was not used, when it was not. */
  rejected?: string;
};

export type Incident = {
  id: number;
  key: string;
  kind: FindingKind;
  host: string;
  service: string | null;
  severity: Severity;
  state: IncidentState;
  title: string;
  openedAt: string;
  closedAt: string | null;
  runbookId: string | null;
  diagnosis: Diagnosis | null;
  postmortem: { es: string; en: string } | null;
};

export const EVENT_TYPES = [
  'opened',
  'evidence',
  'remembered',
  'diagnosed',
  'model-rejected',
  'proposed',
  'approval-requested',
  'approved',
  'action-started',
  'action-done',
  'action-failed',
  'verified',
  'verification-failed',
  'gave-up',
  'recovered',
  'closed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type IncidentEvent = {
  id: number;
  incidentId: number;
  at: string;
  type: EventType;
  actor: string;
  text: string;
  data: unknown;
};

export type AuditRow = { actor: string; action: string; target?: string; outcome: string; detail?: string };

const SCHEMA = `
create table if not exists ops_incidents (
  id serial primary key,
  key text not null,
  kind text not null,
  host text not null,
  service text,
  severity text not null,
  state text not null,
  title text not null,
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  runbook_id text,
  diagnosis jsonb,
  postmortem jsonb
);
create index if not exists ops_incidents_key on ops_incidents (key, opened_at desc);
create table if not exists ops_incident_events (
  id bigserial primary key,
  incident_id int not null references ops_incidents (id) on delete cascade,
  at timestamptz not null default clock_timestamp(),
  type text not null,
  actor text not null,
  text text not null,
  data jsonb
);
create index if not exists ops_incident_events_incident on ops_incident_events (incident_id, id);
create table if not exists ops_audit (
  id bigserial primary key,
  at timestamptz not null default clock_timestamp(),
  actor text not null,
  action text not null,
  target text,
  outcome text not null,
  detail text
);
`;

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

function incidentOf(r: Row): Incident {
  return {
    id: Number(r.id),
    key: String(r.key),
    kind: r.kind as FindingKind,
    host: String(r.host),
    service: (r.service as string | null) ?? null,
    severity: r.severity as Severity,
    state: r.state as IncidentState,
    title: String(r.title),
    openedAt: iso(r.opened_at) ?? '',
    closedAt: iso(r.closed_at),
    runbookId: (r.runbook_id as string | null) ?? null,
    diagnosis: (r.diagnosis as Diagnosis | null) ?? null,
    postmortem: (r.postmortem as { es: string; en: string } | null) ?? null,
  };
}

/**
 * Incidents, their timeline and the audit of every action, in PostgreSQL (OPS_DATABASE_URL): a
 * database the ops agent owns, not one of the hosts it watches (it must outlive their failure).
 */
export class IncidentStore {
  readonly pool: pg.Pool;
  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // An idle connection that PostgreSQL ends (a restart, a failover, a database dropped under it) makes
    // the pool emit 'error'; unheard, that would end the agent, which must outlive such failures. The
    // pool drops that connection and opens a new one for the next query, which fails there if the
    // database is really gone.
    this.pool.on('error', (error) => {
      console.error(`ops agent: an idle database connection closed: ${error.message}`);
    });
  }
  async ensureSchema(): Promise<void> {
    await this.pool.query(SCHEMA);
  }
  async close(): Promise<void> {
    await this.pool.end();
  }

  async open(i: { key: string; kind: FindingKind; host: string; service?: string; severity: Severity; title: string }) {
    const { rows } = await this.pool.query(
      `insert into ops_incidents (key, kind, host, service, severity, state, title)
       values ($1, $2, $3, $4, $5, 'open', $6) returning *`,
      [i.key, i.kind, i.host, i.service ?? null, i.severity, i.title],
    );
    return incidentOf(rows[0] as Row);
  }

  async event(
    incidentId: number,
    type: EventType,
    actor: string,
    text: string,
    data?: unknown,
  ): Promise<IncidentEvent> {
    const { rows } = await this.pool.query(
      `insert into ops_incident_events (incident_id, type, actor, text, data) values ($1, $2, $3, $4, $5) returning *`,
      [incidentId, type, actor, text, data === undefined ? null : JSON.stringify(data)],
    );
    const r = rows[0] as Row;
    return { id: Number(r.id), incidentId, at: iso(r.at) ?? '', type, actor, text, data: r.data ?? null };
  }

  async update(
    id: number,
    patch: Partial<{
      state: IncidentState;
      runbookId: string;
      diagnosis: Diagnosis;
      postmortem: { es: string; en: string };
    }>,
  ): Promise<Incident> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    const put = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.state) {
      put('state', patch.state);
      if (CLOSED_STATES.includes(patch.state)) sets.push('closed_at = clock_timestamp()');
    }
    if (patch.runbookId) put('runbook_id', patch.runbookId);
    if (patch.diagnosis) put('diagnosis', JSON.stringify(patch.diagnosis));
    if (patch.postmortem) put('postmortem', JSON.stringify(patch.postmortem));
    const { rows } = await this.pool.query(
      `update ops_incidents set ${sets.join(', ') || 'id = id'} where id = $1 returning *`,
      values,
    );
    return incidentOf(rows[0] as Row);
  }

  async get(id: number): Promise<Incident | undefined> {
    const { rows } = await this.pool.query('select * from ops_incidents where id = $1', [id]);
    return rows[0] ? incidentOf(rows[0] as Row) : undefined;
  }

  /** Incidents not closed yet, the oldest first. */
  async active(): Promise<Incident[]> {
    const { rows } = await this.pool.query(`select * from ops_incidents where state <> all($1) order by id`, [
      CLOSED_STATES,
    ]);
    return rows.map((r) => incidentOf(r as Row));
  }

  async list(limit = 50): Promise<Incident[]> {
    const { rows } = await this.pool.query('select * from ops_incidents order by id desc limit $1', [limit]);
    return rows.map((r) => incidentOf(r as Row));
  }

  async events(incidentId: number): Promise<IncidentEvent[]> {
    const { rows } = await this.pool.query('select * from ops_incident_events where incident_id = $1 order by id', [
      incidentId,
    ]);
    return rows.map((r) => ({
      id: Number(r.id),
      incidentId,
      at: iso(r.at) ?? '',
      type: r.type as EventType,
      actor: String(r.actor),
      text: String(r.text),
      data: r.data ?? null,
    }));
  }

  /** The last incident with this key that an action resolved (what worked last time). */
  async lastResolved(key: string, before: number): Promise<Incident | undefined> {
    const { rows } = await this.pool.query(
      `select * from ops_incidents where key = $1 and state = 'resolved' and id < $2 order by id desc limit 1`,
      [key, before],
    );
    return rows[0] ? incidentOf(rows[0] as Row) : undefined;
  }

  async audit(row: AuditRow): Promise<void> {
    await this.pool.query(
      'insert into ops_audit (actor, action, target, outcome, detail) values ($1, $2, $3, $4, $5)',
      [row.actor, row.action, row.target ?? null, row.outcome, row.detail ?? null],
    );
  }

  async auditLog(limit = 100): Promise<(AuditRow & { at: string })[]> {
    const { rows } = await this.pool.query('select * from ops_audit order by id desc limit $1', [limit]);
    return rows.map((r) => ({
      at: iso(r.at) ?? '',
      actor: String(r.actor),
      action: String(r.action),
      target: (r.target as string | null) ?? undefined,
      outcome: String(r.outcome),
      detail: (r.detail as string | null) ?? undefined,
    }));
  }
}
