import type { N8nApi } from './n8n-api.ts';
import type { WorkflowFile } from './normalise.ts';

export type CredentialSpec = { name: string; type: string; data: Record<string, unknown> };

/**
 * The credentials the workflows refer to by name, from the bridge's environment: the shared secret
 * callers of the webhooks send in `x-aula-webhook-secret`. Only those whose value is set.
 */
export function credentialsFromEnv(env: { webhookSecret?: string; courseReadySecret?: string }): CredentialSpec[] {
  const header = (name: string, value: string | undefined): CredentialSpec[] =>
    value ? [{ name, type: 'httpHeaderAuth', data: { name: 'x-aula-webhook-secret', value } }] : [];
  return [
    ...header('Aula: webhook secret', env.webhookSecret),
    ...header('Aula: course-ready secret', env.courseReadySecret),
  ];
}

/** Credential names the workflows refer to (each must exist in n8n before they are activated). */
export function referencedCredentials(workflows: WorkflowFile[]): Set<string> {
  return new Set(
    workflows.flatMap((w) => w.nodes.flatMap((n) => Object.values(n.credentials ?? {}).map((c) => c.name))),
  );
}

/**
 * Makes n8n hold exactly the repository's workflows (matched by name) and the credentials from the
 * environment, all active. Credentials are replaced (n8n's public API cannot read their secret back
 * to compare), then each workflow is created or updated with its credential references pointed at
 * the new ids, and activated. Idempotent; other workflows are left alone.
 */
export async function deployWorkflows({
  api,
  workflows,
  credentials,
  log = () => {},
}: {
  api: N8nApi;
  workflows: WorkflowFile[];
  credentials: CredentialSpec[];
  log?: (line: string) => void;
}): Promise<{ name: string; id: string; created: boolean }[]> {
  const missing = [...referencedCredentials(workflows)].filter((name) => !credentials.some((c) => c.name === name));
  if (missing.length > 0)
    throw new Error(`the workflows need these credentials, whose secrets are not set: ${missing.join(', ')}`);
  const existingCredentials = await api.listCredentials();
  const credentialIds = new Map<string, string>();
  for (const credential of credentials) {
    for (const old of existingCredentials.filter((c) => c.name === credential.name && c.type === credential.type))
      await api.deleteCredential(old.id);
    credentialIds.set(credential.name, (await api.createCredential(credential)).id);
    log(`credential "${credential.name}" set`);
  }
  const existing = await api.listWorkflows();
  const deployed: { name: string; id: string; created: boolean }[] = [];
  for (const workflow of workflows) {
    // n8n points a reference without an id at the newest credential of its type, whatever its name.
    const nodes = workflow.nodes.map((node) =>
      node.credentials
        ? {
            ...node,
            credentials: Object.fromEntries(
              Object.entries(node.credentials).map(([type, ref]) => [
                type,
                { id: credentialIds.get(ref.name), name: ref.name },
              ]),
            ),
          }
        : node,
    );
    const body = { name: workflow.name, nodes, connections: workflow.connections, settings: workflow.settings };
    const same = existing.filter((w) => w.name === workflow.name);
    if (same.length > 1) throw new Error(`n8n holds ${same.length} workflows named "${workflow.name}"; keep one`);
    const current = same[0];
    const saved = current ? await api.updateWorkflow(current.id, body) : await api.createWorkflow(body);
    await api.activate(saved.id);
    log(`${current ? 'updated' : 'created'} and activated "${workflow.name}" (${saved.id})`);
    deployed.push({ name: workflow.name, id: saved.id, created: !current });
  }
  return deployed;
}
