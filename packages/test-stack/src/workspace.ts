import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: the nearest folder above this file that holds pnpm-workspace.yaml. */
function workspaceRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('@aula/test-stack: no pnpm-workspace.yaml above it; is it inside the repository?');
    dir = parent;
  }
  return dir;
}

/**
 * The folder of the workspace package named `name` (a runnable such as `@aula/web`), found among the
 * folders pnpm-workspace.yaml lists. A package does not import a runnable: the stack starts it as a
 * process from its entry point, so this is the only place that knows where one lives.
 */
export function runnableDir(name: string): string {
  const root = workspaceRoot();
  const listed = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s+-\s+["']?([^"'*\s]+)["']?\s*$/.exec(line)?.[1])
    .filter((folder): folder is string => folder !== undefined);
  for (const folder of listed) {
    const manifest = join(root, folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) {
      return join(root, folder);
    }
  }
  throw new Error(`@aula/test-stack: no workspace folder in pnpm-workspace.yaml holds ${name}`);
}
