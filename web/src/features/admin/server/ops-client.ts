import 'server-only';
import { env } from '../../../env.ts';

/** An incident as the ops agent's API answers it (packages/ops-agent, `GET /incidents/:id`). */
export type OpsIncident = {
  id: number;
  kind: string;
  host: string;
  service: string | null;
  severity: 'critical' | 'major' | 'minor';
  state: 'open' | 'awaiting-approval' | 'acting' | 'resolved' | 'recovered' | 'escalated';
  title: string;
  openedAt: string;
  closedAt: string | null;
  runbookId: string | null;
  diagnosis: { source: string; confidence: number; diagnosis: string; model?: string } | null;
  postmortem: { es: string; en: string } | null;
};
export type OpsEvent = { id: number; at: string; type: string; actor: string; text: string };
export type OpsAnswer =
  | { configured: false }
  | { configured: true; ok: false; error: string }
  | { configured: true; ok: true; incidents: { incident: OpsIncident; events: OpsEvent[] }[] };

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${env.AULA_OPS_URL}${path}`, {
    headers: { authorization: `Bearer ${env.AULA_OPS_TOKEN}` },
    cache: 'no-store',
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** The latest incidents with their timelines, or why they cannot be read (only the server holds the token). */
export async function readIncidents(limit = 20): Promise<OpsAnswer> {
  if (!env.AULA_OPS_URL || !env.AULA_OPS_TOKEN) return { configured: false };
  try {
    const list = await get<OpsIncident[]>(`/incidents?limit=${limit}`);
    const incidents = await Promise.all(
      list.map((i) => get<{ incident: OpsIncident; events: OpsEvent[] }>(`/incidents/${i.id}`)),
    );
    return { configured: true, ok: true, incidents };
  } catch (error) {
    return { configured: true, ok: false, error: (error as Error).message };
  }
}
