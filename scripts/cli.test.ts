import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** `npm run aula -- …` as run.sh runs it: `node scripts/cli.ts …` under Node 24. */
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const aula = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('npm run aula', () => {
  it('lists its commands and the two that run.sh keeps', () => {
    const run = aula('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: aula <command>/);
    expect(run.stdout).toMatch(/^\s+n8n \[args\.\.\.\]/m);
    expect(run.stdout).toMatch(/^\s+providers +the LLM providers Aula is configured with/m);
    expect(run.stdout).toContain('`npm start` runs the platform and `npm test` the whole test suite.');
  });

  it('refuses an unknown command with exit 1 and its help', () => {
    const run = aula('backupp');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("unknown command 'backupp'");
    expect(run.stderr).toContain('Usage: aula');
  });

  it('hands n8n commands to the bridge, options included', () => {
    const help = aula('n8n', 'help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('install [--check]');
    const unknown = aula('n8n', 'frobnicate');
    expect(unknown.status).toBe(1);
  });
});
