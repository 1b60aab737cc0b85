import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowFile } from './normalise.ts';

export const WORKFLOWS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../workflows');

/** The repository's workflows, one JSON file each, in file-name order. */
export function loadWorkflows(dir = WORKFLOWS_DIR): { file: string; workflow: WorkflowFile }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: join(dir, f), workflow: JSON.parse(readFileSync(join(dir, f), 'utf8')) as WorkflowFile }));
}
