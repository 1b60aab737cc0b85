import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INodeType, INodeTypeDescription, INodeTypes } from 'n8n-workflow';
import type { N8nInstall } from './install.ts';
import { OFFLINE_ENV } from './n8n-process.ts';
import type { WorkflowFile } from './normalise.ts';

/** The committed descriptions of the node types the workflows use, from the real n8n's `export:nodes`. */
export const NODE_TYPES_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../node-types.json');

export const loadNodeTypeDescriptions = (file = NODE_TYPES_FILE) =>
  JSON.parse(readFileSync(file, 'utf8')) as INodeTypeDescription[];

const versions = (d: INodeTypeDescription) => (Array.isArray(d.version) ? d.version : [d.version]);

/** n8n's node-type registry, backed by descriptions only (validation never executes a node). */
export function createNodeTypes(descriptions: INodeTypeDescription[]): INodeTypes {
  const byName = (type: string) => descriptions.filter((d) => d.name === type);
  // Which kind of starter a node is shows in n8n by the methods it has; stand-ins say the same.
  const never = () => {
    throw new Error('validation does not execute nodes');
  };
  const asType = (description: INodeTypeDescription) => {
    const kind = description.polling
      ? { poll: never }
      : description.webhooks?.length
        ? { webhook: never }
        : description.group.includes('trigger')
          ? { trigger: never }
          : {};
    return { description, ...kind } as unknown as INodeType;
  };
  return {
    getByName: (type) => {
      const all = byName(type);
      const latest = all.sort((a, b) => Math.max(...versions(b)) - Math.max(...versions(a)))[0];
      return latest ? asType(latest) : (undefined as unknown as INodeType);
    },
    getByNameAndVersion: (type, version) => {
      const all = byName(type);
      const found = version === undefined ? all[0] : all.find((d) => versions(d).includes(version));
      return found ? asType(found) : (undefined as unknown as INodeType);
    },
    getKnownTypes: () => Object.fromEntries(descriptions.map((d) => [d.name, { className: d.name, sourcePath: '' }])),
  };
}

/**
 * Runs the installed n8n's `export:nodes` (a throwaway user folder, offline) and keeps the node types
 * the given workflows use, every version of them, sorted: the snapshot validation reads.
 */
export function exportNodeTypes(install: N8nInstall, workflows: WorkflowFile[]): INodeTypeDescription[] {
  const folder = mkdtempSync(join(tmpdir(), 'aula-n8n-export-'));
  try {
    const output = join(folder, 'nodes.json');
    const result = spawnSync(process.execPath, [install.bin, 'export:nodes', `--output=${output}`], {
      env: { PATH: process.env.PATH ?? '', HOME: folder, N8N_USER_FOLDER: folder, ...OFFLINE_ENV },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(`n8n export:nodes failed (${result.status}):\n${result.stderr}`);
    const used = new Set(workflows.flatMap((w) => w.nodes.map((n) => n.type)));
    const all = JSON.parse(readFileSync(output, 'utf8')) as INodeTypeDescription[];
    return all
      .filter((d) => used.has(d.name))
      .sort((a, b) => a.name.localeCompare(b.name) || Math.min(...versions(a)) - Math.min(...versions(b)));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
