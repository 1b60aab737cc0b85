/** n8n's public REST API (`/api/v1`, header X-N8N-API-KEY): only what the bridge uses. */
export type N8nApi = ReturnType<typeof createN8nApi>;

export type WorkflowSummary = { id: string; name: string; active: boolean };
export type Execution = {
  id: string;
  workflowId: string;
  status: string;
  mode: string;
  startedAt: string;
  stoppedAt: string | null;
};

export class N8nApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function createN8nApi({ url, apiKey }: { url: string; apiKey: string }) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { 'x-n8n-api-key': apiKey, accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      const message = (safeJson(text) as { message?: string } | undefined)?.message ?? text;
      throw new N8nApiError(res.status, `n8n ${method} ${path}: ${res.status} ${message}`.slice(0, 600));
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
  async function all<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await call<{ data: T[]; nextCursor?: string | null }>(
        'GET',
        `${path}${sep}limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      out.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }
  return {
    listWorkflows: () => all<WorkflowSummary>('/workflows?excludePinnedData=true'),
    getWorkflow: (id: string) => call<Record<string, unknown>>('GET', `/workflows/${id}`),
    createWorkflow: (workflow: unknown) => call<WorkflowSummary>('POST', '/workflows', workflow),
    updateWorkflow: (id: string, workflow: unknown) => call<WorkflowSummary>('PUT', `/workflows/${id}`, workflow),
    activate: (id: string) => call<WorkflowSummary>('POST', `/workflows/${id}/activate`),
    deactivate: (id: string) => call<WorkflowSummary>('POST', `/workflows/${id}/deactivate`),
    listCredentials: () => all<{ id: string; name: string; type: string }>('/credentials'),
    createCredential: (credential: { name: string; type: string; data: unknown }) =>
      call<{ id: string; name: string }>('POST', '/credentials', credential),
    deleteCredential: (id: string) => call<unknown>('DELETE', `/credentials/${id}`),
    listExecutions: (query: { workflowId?: string; limit?: number } = {}) =>
      call<{ data: Execution[] }>(
        'GET',
        `/executions?limit=${query.limit ?? 20}${query.workflowId ? `&workflowId=${query.workflowId}` : ''}`,
      ).then((page) => page.data),
  };
}

const API_KEY_SCOPES = [
  'workflow:create',
  'workflow:read',
  'workflow:update',
  'workflow:list',
  'workflow:activate',
  'workflow:deactivate',
  'execution:read',
  'execution:list',
  'credential:create',
  'credential:list',
  'credential:delete',
];

/**
 * n8n has no command that makes an API key: the owner (set up from the environment with
 * N8N_INSTANCE_OWNER_MANAGED_BY_ENV) logs in through the editor's REST API and creates one.
 * `/rest` is n8n's internal API, so this is the one place that depends on it.
 */
export async function createApiKey({
  url,
  email,
  password,
  label = `aula-bridge-${new Date().toISOString()}`,
}: {
  url: string;
  email: string;
  password: string;
  label?: string;
}): Promise<string> {
  const login = await fetch(`${url}/rest/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ emailOrLdapLoginId: email, password }),
  });
  if (!login.ok) throw new Error(`n8n owner login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const scopes = await fetch(`${url}/rest/api-keys/scopes`, { headers: { cookie } });
  const allowed = scopes.ok ? ((await scopes.json()) as { data: string[] }).data : API_KEY_SCOPES;
  const res = await fetch(`${url}/rest/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ label, scopes: API_KEY_SCOPES.filter((s) => allowed.includes(s)), expiresAt: null }),
  });
  if (!res.ok) throw new Error(`creating an n8n API key failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: { rawApiKey: string } }).data.rawApiKey;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
