import { describe, expect, it } from 'vitest';
import { credentialsFromEnv, referencedCredentials } from './deploy.ts';
import { normaliseWorkflow, type WorkflowFile, type WorkflowNode } from './normalise.ts';
import { loadWorkflows } from './workflow-files.ts';

const workflows = loadWorkflows().map((w) => w.workflow);

/** What n8n answers for a deployed workflow: the file plus what the instance adds, keys in its own order. */
function asN8nExportsIt(file: WorkflowFile): WorkflowFile & Record<string, unknown> {
  const reversed = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).reverse()) as T;
  return {
    updatedAt: '2026-12-03T07:51:00.000Z',
    id: 'hErWT43rJjfCxRNw',
    active: true,
    versionId: '0b6c…',
    meta: { templateCredsSetupCompleted: true },
    tags: [],
    pinData: {},
    settings: { callerPolicy: 'workflowsFromSameOwner', availableInMCP: false, ...file.settings },
    connections: reversed(file.connections),
    name: file.name,
    nodes: [...file.nodes].reverse().map(
      (node): WorkflowNode => ({
        ...reversed(node),
        parameters: reversed(node.parameters),
        ...(node.credentials
          ? { credentials: { httpHeaderAuth: { id: 'icCQ0OAsHP1J5fiN', name: node.credentials.httpHeaderAuth!.name } } }
          : {}),
        ...(node.type === 'n8n-nodes-base.webhook' ? { webhookId: '7d1c2f04-3b1e-4a4f-8d8e-3b8f0a9e6c11' } : {}),
      }),
    ),
  };
}

describe('normaliseWorkflow', () => {
  it.each(workflows.map((w) => [w.name, w] as const))('gives back the file for n8n’s copy of %s', (_, file) => {
    expect(JSON.stringify(normaliseWorkflow(asN8nExportsIt(file)))).toBe(JSON.stringify(file));
  });

  it('keeps a setting that differs from n8n’s default, and the webhookId of a webhook without a path', () => {
    const [first] = workflows;
    const copy = asN8nExportsIt(first!);
    copy.settings = { ...copy.settings, callerPolicy: 'any' };
    const webhook = copy.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!;
    webhook.parameters = { ...webhook.parameters, path: '' };
    const out = normaliseWorkflow(copy);
    expect(out.settings.callerPolicy).toBe('any');
    expect(out.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')?.webhookId).toBeDefined();
  });
});

describe('credentials from the environment', () => {
  it('are exactly the ones the workflows refer to, header x-aula-webhook-secret', () => {
    const specs = credentialsFromEnv({ webhookSecret: 'a', courseReadySecret: 'b' });
    expect(new Set(specs.map((s) => s.name))).toEqual(referencedCredentials(workflows));
    expect(specs.map((s) => s.data)).toEqual([
      { name: 'x-aula-webhook-secret', value: 'a' },
      { name: 'x-aula-webhook-secret', value: 'b' },
    ]);
  });

  it('leave out a secret that is not set (deploy then names what is missing)', () => {
    expect(credentialsFromEnv({ webhookSecret: 'a' }).map((s) => s.name)).toEqual(['Aula: webhook secret']);
  });
});
