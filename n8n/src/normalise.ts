/** A workflow as the repository keeps it: what n8n needs to run it, nothing an instance adds. */
export type WorkflowFile = {
  name: string;
  nodes: WorkflowNode[];
  connections: Record<string, unknown>;
  settings: Record<string, unknown>;
};

export type WorkflowNode = {
  parameters: Record<string, unknown>;
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  credentials?: Record<string, { id?: string; name: string }>;
  webhookId?: string;
  [key: string]: unknown;
};

const NODE_KEYS = ['parameters', 'id', 'name', 'type', 'typeVersion', 'position', 'credentials'];
/** Settings n8n fills in on save when they are left at their defaults. */
const DEFAULT_SETTINGS: Record<string, unknown> = {
  callerPolicy: 'workflowsFromSameOwner',
  availableInMCP: false,
  saveDataErrorExecution: 'all',
  saveDataSuccessExecution: 'all',
  saveManualExecutions: true,
  saveExecutionProgress: false,
};

/**
 * The stable form of a workflow, for files and diffs: instance fields dropped (id, active, versionId,
 * timestamps, meta, tags, pinData, credential ids, webhookId of path-addressed webhooks), n8n's default
 * settings dropped, keys in a fixed order (node fields first as the editor writes them, then
 * alphabetical), nodes in the order of their position. Positions are kept: they are the picture.
 */
export function normaliseWorkflow(workflow: WorkflowFile | Record<string, unknown>): WorkflowFile {
  const nodes = (workflow.nodes as WorkflowNode[]).map(normaliseNode);
  nodes.sort((a, b) => a.position[0] - b.position[0] || a.position[1] - b.position[1] || a.name.localeCompare(b.name));
  const settings = Object.fromEntries(
    Object.entries((workflow.settings ?? {}) as Record<string, unknown>).filter(
      ([key, value]) => DEFAULT_SETTINGS[key] !== value,
    ),
  );
  return {
    name: String(workflow.name),
    nodes,
    connections: sortKeys(workflow.connections ?? {}) as Record<string, unknown>,
    settings: sortKeys(settings) as Record<string, unknown>,
  };
}

function normaliseNode(node: WorkflowNode): WorkflowNode {
  const { webhookId, credentials, ...rest } = node;
  const out: Record<string, unknown> = {};
  const copy: Record<string, unknown> = { ...rest };
  if (credentials)
    copy.credentials = Object.fromEntries(
      Object.entries(credentials)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, ref]) => [type, { name: ref.name }]),
    );
  // A webhook addressed by its path does not need its webhookId; one without a path does.
  if (webhookId && !node.parameters?.path) copy.webhookId = webhookId;
  for (const key of NODE_KEYS) if (key in copy) out[key] = key === 'parameters' ? sortKeys(copy[key]) : copy[key];
  for (const key of Object.keys(copy).sort()) if (!(key in out)) out[key] = sortKeys(copy[key]);
  return out as WorkflowNode;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  return value;
}

/** The file text: two-space JSON and a final newline. */
export const workflowText = (workflow: WorkflowFile) => `${JSON.stringify(workflow, null, 2)}\n`;
