import 'server-only';
import type { HostStatus, ServerEntry } from '@aula/ops/contract';
import { tokenFor } from '@aula/ops/servers';
import { agentTokens } from '../../../env.ts';
import type { AgentFailure, PanelHostView } from '../panel-types.ts';

/** A host's status must come quickly: the panel polls every few seconds and shows the rest meanwhile. */
const STATUS_TIMEOUT_MS = 4_000;
/** Other calls start work and answer at once (an Operation), or read a log or a list. */
const CALL_TIMEOUT_MS = 15_000;

/**
 * An agent that did not answer, or refused, in plain words (for the logs and as the technical detail);
 * `failure` says which, and `status` is what the panel's API answers.
 */
export class AgentError extends Error {
  readonly status: number;
  readonly failure: AgentFailure;
  constructor(message: string, status: number, failure: AgentFailure) {
    super(message);
    this.name = 'AgentError';
    this.status = status;
    this.failure = failure;
  }
}

type AgentCall = {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Under the agent's base URL, already encoded: `/backups`, `/services/web/log?lines=200`. */
  path: string;
  body?: unknown;
  /** The administrator the panel acts for: the agent writes them to its audit log. */
  actor: string;
  timeoutMs?: number;
};

/**
 * One request to a host's agent with the shared token (never sent to the browser). Resolves with the
 * agent's response when it is a 2xx; anything else is an AgentError saying what happened.
 */
export async function agentRequest(server: ServerEntry, call: AgentCall): Promise<Response> {
  const { method = 'GET', path, body, actor, timeoutMs = CALL_TIMEOUT_MS } = call;
  let token: string;
  try {
    token = tokenFor(server.name, agentTokens);
  } catch (error) {
    throw new AgentError(`${(error as Error).message} on the web server.`, 503, 'no-token');
  }
  let res: Response;
  try {
    res = await fetch(`${server.agent}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'x-aula-actor': actor,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
  } catch (error) {
    const name = (error as Error).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    const why = timedOut
      ? `did not answer within ${Math.round(timeoutMs / 1000)} s`
      : `could not be reached (${causeOf(error)})`;
    throw new AgentError(
      `The agent of ${server.name} at ${server.agent} ${why}.`,
      502,
      timedOut ? 'timeout' : 'unreachable',
    );
  }
  if (res.ok) return res;
  const said = await res
    .json()
    .then((json: { error?: unknown }) => (typeof json.error === 'string' ? json.error : undefined))
    .catch(() => undefined);
  if (res.status === 401)
    throw new AgentError(
      `The agent of ${server.name} refused the web server's token (AULA_AGENT_TOKEN).`,
      502,
      'token-refused',
    );
  throw new AgentError(
    said ?? `The agent of ${server.name} answered ${res.status}.`,
    res.status >= 500 ? 502 : res.status,
    'refused',
  );
}

/** The agent's JSON answer. */
export async function agentJson<T>(server: ServerEntry, call: AgentCall): Promise<T> {
  const res = await agentRequest(server, call);
  return (await res.json()) as T;
}

/** What the panel shows for a host: its status, or why it did not answer and when that was. */
export async function hostView(server: ServerEntry, actor: string): Promise<PanelHostView> {
  try {
    const status = await agentJson<HostStatus>(server, { path: '/status', actor, timeoutMs: STATUS_TIMEOUT_MS });
    return { name: server.name, role: server.role, reachable: true, status };
  } catch (error) {
    const known = error instanceof AgentError;
    return {
      name: server.name,
      role: server.role,
      reachable: false,
      error: known ? error.message : `The answer of ${server.name}'s agent could not be read.`,
      failure: known ? error.failure : 'answer',
      checkedAt: new Date().toISOString(),
    };
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
