import { Script } from 'node:vm';
import { validateWorkflow as sdkValidate } from '@n8n/workflow-sdk';
import {
  ExpressionParser,
  type INode,
  type INodeProperties,
  type INodeTypes,
  NodeHelpers,
  safeParseWorkflowStructure,
  validateWorkflowHasTriggerLikeNode,
} from 'n8n-workflow';
import type { WorkflowFile } from './normalise.ts';

export type Problem = { check: string; node?: string; message: string };

/** Hosts a workflow may name literally: public endpoints that are the same for everyone. */
const PUBLIC_HOSTS = new Set(['api.telegram.org']);
const SECRET_NAME = /token|secret|password|passwd|api[-_]?key|authorization|cookie/i;
const SECRET_VALUE = [
  /\bBearer\s+[A-Za-z0-9._~+/-]{8,}/,
  /\beyJ[A-Za-z0-9_-]{10,}\./,
  /\b[A-Fa-f0-9]{32,}\b/,
  /\bn8n_api_/,
];
/** @n8n/workflow-sdk findings that mean a broken file (its other notes are advice). */
const SDK_CODES = new Set([
  'INVALID_PARAMETER',
  'MISSING_PARAMETER',
  'INVALID_CONNECTION',
  'INVALID_INPUT_INDEX',
  'INVALID_OUTPUT_INDEX',
  'UNKNOWN_NODE_VERSION',
  'DISCONNECTED_NODE',
  'HARDCODED_CREDENTIALS',
  'MISSING_EXPRESSION_PREFIX',
]);

/**
 * Everything we can know about a workflow file without running n8n: n8n's own structure check, node
 * types and versions against the real descriptions, required parameters, @n8n/workflow-sdk's
 * parameter and connection checks, plus ours: expressions parse, parameter names exist, no inline
 * credentials, secrets or URLs (only `$env` expressions and credentials referred to by name).
 */
export function validateWorkflow(workflow: WorkflowFile, nodeTypes: INodeTypes): Problem[] {
  const problems: Problem[] = [];
  const add = (check: string, message: string, node?: string) => problems.push({ check, message, node });

  const structure = safeParseWorkflowStructure(workflow);
  if (!structure.success)
    for (const issue of structure.issues) add('structure', `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  if (!Array.isArray(workflow.nodes)) return problems;
  for (const key of ['id', 'active', 'versionId', 'pinData', 'meta'])
    if (key in workflow) add('instance', `"${key}" belongs to an n8n instance, not to the file`);

  for (const node of workflow.nodes) {
    const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
    if (!type) {
      const known = nodeTypes.getByName(node.type);
      add(
        'node-type',
        known ? `${node.type} has no version ${node.typeVersion}` : `unknown node type ${node.type}`,
        node.name,
      );
      continue;
    }
    const { properties } = type.description;
    const full = NodeHelpers.getNodeParameters(
      properties,
      node.parameters as never,
      true,
      false,
      node,
      type.description,
    );
    const issues = NodeHelpers.getNodeParametersIssues(
      properties,
      { ...node, parameters: full ?? {} } as INode,
      type.description,
    );
    if (issues)
      for (const text of NodeHelpers.nodeIssuesToString(issues, node as INode)) add('parameters', text, node.name);
    for (const [key, value] of Object.entries(node.parameters ?? {})) {
      const problem = checkValue(properties, key, value);
      if (problem) add('parameters', problem, node.name);
    }
    for (const [credentialType, ref] of Object.entries(node.credentials ?? {})) {
      if ('id' in ref)
        add('secrets', `credential "${credentialType}" carries an id; refer to it by name only`, node.name);
      if (Object.keys(ref).some((k) => k !== 'id' && k !== 'name'))
        add('secrets', `credential "${credentialType}" must be a name, not inline data`, node.name);
    }
    walkStrings(node.parameters, [], (path, value) => checkString(path, value, (m) => add('secrets', m, node.name)));
    walkStrings(node.parameters, [], (path, value) =>
      checkExpression(path, value, (m) => add('expression', m, node.name)),
    );
  }

  const trigger = validateWorkflowHasTriggerLikeNode(
    Object.fromEntries(workflow.nodes.map((n) => [n.name, n as INode])),
    nodeTypes,
  );
  if (!trigger.isValid) add('trigger', trigger.error ?? 'no trigger node');

  problems.push(...literalSecretHeaders(workflow));
  const sdk = sdkValidate(workflow as never, { nodeTypesProvider: nodeTypes, allowNoTrigger: true });
  for (const finding of [...sdk.errors, ...sdk.warnings])
    if (SDK_CODES.has(finding.code)) add(`sdk:${finding.code}`, finding.message, finding.nodeName);
  return problems;
}

/**
 * A top-level parameter exists, and a literal value fits its type: one of the options, a boolean,
 * a number (properties of one name can vary by version, so any of them may accept it).
 */
function checkValue(properties: INodeProperties[], key: string, value: unknown): string | undefined {
  const same = properties.filter((p) => p.name === key);
  if (same.length === 0) return `unknown parameter "${key}"`;
  if (typeof value === 'string' && value.startsWith('=')) return undefined;
  const fits = same.some((p) => {
    if (p.type === 'options') return (p.options ?? []).some((o) => 'value' in o && o.value === value);
    if (p.type === 'boolean') return typeof value === 'boolean';
    if (p.type === 'number') return typeof value === 'number';
    return true;
  });
  return fits ? undefined : `"${key}" cannot be ${JSON.stringify(value)}`;
}

function walkStrings(value: unknown, path: string[], visit: (path: string[], value: string) => void) {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) walkStrings(v, [...path, String(i)], visit);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
}

function checkString(path: string[], value: string, report: (message: string) => void) {
  const where = path.join('.');
  for (const match of value.matchAll(/https?:\/\/([^/\s'"`?:]+)/g))
    if (!PUBLIC_HOSTS.has(match[1] ?? '')) report(`${where}: literal URL ${match[0]} (use a $env expression)`);
  if (SECRET_VALUE.some((re) => re.test(value))) report(`${where}: looks like an inline secret`);
  // A header or field named like a secret takes its value from $env or a credential, never a literal.
  const siblingName = path.at(-1) === 'value' ? undefined : path.at(-1);
  if (siblingName && SECRET_NAME.test(siblingName) && value !== '' && !value.startsWith('='))
    report(`${where}: "${siblingName}" is a literal; take it from $env or a credential`);
}

function checkExpression(path: string[], value: string, report: (message: string) => void) {
  if (!value.startsWith('=')) {
    if (value.includes('{{') && value.includes('$')) report(`${path.join('.')}: expression without its leading "="`);
    return;
  }
  for (const chunk of ExpressionParser.splitExpression(value.slice(1))) {
    if (chunk.type !== 'code') continue;
    if (!chunk.hasClosingBrackets) report(`${path.join('.')}: "{{" without "}}"`);
    try {
      new Script(`(async () => (${chunk.text}\n))`);
    } catch (error) {
      report(`${path.join('.')}: {{${chunk.text}}} does not parse: ${(error as Error).message}`);
    }
  }
}

/** Header/field pairs ({name, value}) whose name says "secret" must take the value from $env. */
function literalSecretHeaders(workflow: WorkflowFile): Problem[] {
  const problems: Problem[] = [];
  for (const node of workflow.nodes)
    walkPairs(node.parameters, (name, value) => {
      if (SECRET_NAME.test(name) && typeof value === 'string' && value !== '' && !value.startsWith('='))
        problems.push({ check: 'secrets', node: node.name, message: `"${name}" is sent as a literal` });
    });
  return problems;
}

function walkPairs(value: unknown, visit: (name: string, value: unknown) => void) {
  if (Array.isArray(value)) for (const v of value) walkPairs(v, visit);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string' && 'value' in o) visit(o.name, o.value);
    for (const v of Object.values(o)) walkPairs(v, visit);
  }
}
