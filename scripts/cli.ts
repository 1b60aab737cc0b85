/**
 * `npm run aula -- <command>`: Aula's command line. `npm start` and `npm test` are its two oldest
 * commands (they go through scripts/run.sh, which provides Node 24 and the workspace first); the
 * rest are registered here, one file per command group under `commands/`.
 */
import { Command } from 'commander';
import { registerBackup } from './commands/backup.ts';
import { registerClone } from './commands/clone.ts';
import { registerConnect } from './commands/connect.ts';
import { registerN8n } from './commands/n8n.ts';
import { registerOpsAgent } from './commands/ops-agent.ts';
import { registerProviders } from './commands/providers.ts';
import { registerServe } from './commands/serve.ts';
import { registerStatus } from './commands/status.ts';

export function createProgram(): Command {
  const program = new Command('aula')
    .description('Aula, the self-hostable learning platform: run it, test it, look after it.')
    .usage('<command> [options]')
    .showHelpAfterError()
    .addHelpText('after', '\n`npm start` runs the platform and `npm test` the whole test suite.');
  registerBackup(program);
  registerClone(program);
  registerConnect(program);
  registerN8n(program);
  registerOpsAgent(program);
  registerProviders(program);
  registerServe(program);
  registerStatus(program);
  return program;
}

if (import.meta.main) {
  await createProgram()
    .parseAsync(process.argv)
    .catch((error: Error) => {
      console.error(`aula: ${error.message}`);
      process.exit(1);
    });
}
