import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError } from 'commander';
import { health, ROLES, type Role, serve } from '../serve.ts';
import { supervise } from '../supervise.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function role(value: string): Role {
  if (!(value in ROLES)) throw new InvalidArgumentError(`one of ${Object.keys(ROLES).join(', ')}`);
  return value as Role;
}

const roleList = Object.entries(ROLES)
  .map(([name, what]) => `  ${name.padEnd(9)} ${what}`)
  .join('\n');

/**
 * `aula serve <role>`: runs a server role in production mode, the command each image runs;
 * `aula health <role>`: the images' health check.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run a server role in production mode (what the images run): main, support, directus, web, workers')
    .argument('<role>', 'the role to run', role)
    .option('--redis', 'support: also run its Redis (REDIS_PASSWORD, bound to AULA_REDIS_BIND)')
    .addHelpText(
      'after',
      `\nRoles:\n${roleList}\n\nEvery secret comes from the environment (see infra/README.md); a missing one stops the start.`,
    )
    .action(async (name: Role, options: { redis?: boolean }) => {
      const log = (line: string) => console.log(`aula ${name}: ${line}`);
      const supervisor = supervise(log);
      try {
        await serve(name, { root, source: process.env, supervisor, log, redis: options.redis ?? false });
        log('ready');
      } catch (error) {
        console.error(`aula ${name}: could not start: ${error instanceof Error ? error.message : String(error)}`);
        await supervisor.shutdown(1);
      }
    });
  program
    .command('health')
    .description('exit 0 when a role served here answers (the images’ health check)')
    .argument('<role>', 'the role to check', role)
    .action(async (name: Role) => {
      const problem = await health(name, process.env);
      if (problem) {
        console.error(`aula health ${name}: ${problem}`);
        process.exitCode = 1;
      }
    });
}
