import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNodeTypes, loadNodeTypeDescriptions } from './node-types.ts';
import { normaliseWorkflow, type WorkflowFile, workflowText } from './normalise.ts';
import { validateWorkflow } from './validate.ts';
import { loadWorkflows } from './workflow-files.ts';

const nodeTypes = createNodeTypes(loadNodeTypeDescriptions());
const workflows = loadWorkflows();

describe.each(workflows.map((w) => [w.file.split('/').at(-1), w] as const))('%s', (_, { file, workflow }) => {
  it('passes every check against the real node descriptions', () => {
    expect(validateWorkflow(workflow, nodeTypes)).toEqual([]);
  });

  it('is stored in its normalised form (so an export diffs only on real changes)', () => {
    expect(readFileSync(file, 'utf8')).toBe(workflowText(normaliseWorkflow(workflow)));
  });
});

it('ships the five workflows', () => {
  expect(workflows.map((w) => w.workflow.name).sort()).toEqual([
    'Aula: class generator',
    'Aula: course ready',
    'Aula: health alerts',
    'Aula: nightly backup',
    'Aula: trend scan',
  ]);
});

describe('the trend scan', () => {
  const scan = workflows.find((w) => w.workflow.name === 'Aula: trend scan')!.workflow;
  const node = (name: string) => scan.nodes.find((n) => n.name === name)!;
  const feeding = (name: string) =>
    Object.entries(scan.connections as Record<string, { main?: ({ node: string }[] | null)[] }>)
      .filter(([, out]) => out.main?.some((branch) => branch?.some((c) => c.node === name)))
      .map(([from]) => from);

  it('fetches the configured sources only, whatever the run-now webhook is sent', () => {
    // The fetching nodes take their URL from one source each, and the sources come from the
    // environment alone: no expression on the way reads the webhook's body, query or headers.
    expect(node('Read feed').parameters.url).toBe('={{ $json.url }}');
    expect(node('Fetch JSON').parameters.url).toBe('={{ $json.url }}');
    expect(feeding('Read feed')).toEqual(['RSS or JSON?']);
    expect(feeding('Fetch JSON')).toEqual(['RSS or JSON?']);
    expect(feeding('RSS or JSON?')).toEqual(['One per source']);
    expect(feeding('One per source')).toEqual(['Sources']);
    const sources = JSON.stringify(node('Sources').parameters);
    expect(sources).toContain('$env.AULA_TREND_SOURCES');
    expect(sources).not.toMatch(/\$json|\$\(|\$input|body|query|headers/);
  });
});

/** A copy of the class generator with one thing broken. */
function broken(change: (w: WorkflowFile) => void): WorkflowFile {
  const base = workflows.find((w) => w.workflow.name === 'Aula: class generator')!.workflow;
  const copy = structuredClone(base);
  change(copy);
  return copy;
}
type Node = WorkflowFile['nodes'][number];
const on = (name: string, change: (n: Node) => void) => (w: WorkflowFile) =>
  change(w.nodes.find((n) => n.name === name)!);
const param = (name: string, key: string, value: unknown) =>
  on(name, (n) => {
    if (value === undefined) delete n.parameters[key];
    else n.parameters[key] = value;
  });
const header = (value: string) =>
  param('Request course', 'headerParameters', { parameters: [{ name: 'Authorization', value }] });

describe('a broken copy is rejected', () => {
  it.each<[string, string, (w: WorkflowFile) => void]>([
    [
      'unknown node type',
      'node-type',
      on('Request course', (n) => Object.assign(n, { type: 'n8n-nodes-base.httpRequestt' })),
    ],
    ['unknown type version', 'node-type', on('Request course', (n) => Object.assign(n, { typeVersion: 9 }))],
    ['missing required parameter', 'parameters', param('Request course', 'url', undefined)],
    ['unknown parameter', 'parameters', param('Request course', 'urll', 'x')],
    ['invalid option', 'parameters', param('Request course', 'method', 'FETCH')],
    ['value of the wrong type', 'parameters', param('Request course', 'sendBody', 'yes')],
    [
      'connection to a missing node',
      'structure',
      (w) =>
        Object.assign(w.connections, { 'Request course': { main: [[{ node: 'Nowhere', type: 'main', index: 0 }]] } }),
    ],
    [
      'connection from a missing node',
      'structure',
      (w) => Object.assign(w.connections, { Ghost: w.connections['Accepted?'] }),
    ],
    ['duplicate node name', 'structure', on('Answer error', (n) => Object.assign(n, { name: 'Answer run' }))],
    ['node without position', 'structure', on('Answer run', (n) => delete (n as Partial<Node>).position)],
    [
      'no trigger',
      'trigger',
      (w) =>
        w.nodes.splice(
          w.nodes.findIndex((n) => n.name === 'Class request'),
          1,
        ),
    ],
    ['disconnected node', 'sdk:DISCONNECTED_NODE', (w) => delete w.connections['Accepted?']],
    ['broken expression', 'expression', param('Request course', 'jsonBody', '={{ JSON.stringify( }}')],
    ['unclosed expression', 'expression', param('Request course', 'jsonBody', '={{ $json.body ')],
    ['literal URL', 'secrets', param('Request course', 'url', 'https://aula.example.org/aula/courses/generate')],
    ['literal bearer token', 'secrets', header('Bearer 8f2c1d9e0a7b6c5d4e3f2a1b')],
    ['literal secret header', 'secrets', header('hunter2')],
    [
      'credential id',
      'secrets',
      on('Class request', (n) =>
        Object.assign(n, { credentials: { httpHeaderAuth: { id: 'Ab12', name: 'Aula: webhook secret' } } }),
      ),
    ],
    ['instance fields', 'instance', (w) => Object.assign(w, { id: 'abc', active: true })],
  ])('%s', (_, check, change) => {
    const problems = validateWorkflow(broken(change), nodeTypes);
    expect(problems.map((p) => p.check)).toContain(check);
  });
});
