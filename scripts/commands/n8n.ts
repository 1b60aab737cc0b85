import { main } from '@aula/n8n/cli';
import { readBridgeEnv } from '@aula/n8n/env';
import type { Command } from 'commander';

/**
 * `aula n8n <command>`: the n8n bridge (install, deploy, export, executions, node-types), whose
 * commands and options are its own (`aula n8n help`).
 */
export function registerN8n(program: Command): void {
  program
    .command('n8n')
    .description('the n8n that runs the pipelines: install [--check], deploy, export, executions, node-types')
    .argument('[args...]', 'the bridge command and its options')
    .helpOption(false)
    .allowUnknownOption()
    .action(async (args: string[]) => {
      const code = await main(args, readBridgeEnv());
      if (code !== 0) process.exitCode = code;
    });
}
