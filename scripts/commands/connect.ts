import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readServers, sshCommand } from '@aula/ops/agent';
import type { Command } from 'commander';
import { readOpsCliEnv } from '../env.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The ssh command line for a server of the servers file, by name or role. */
export function connectCommand(name: string, serversFile: string | undefined): string[] {
  if (!serversFile)
    throw new Error('connect needs the servers file: set AULA_SERVERS (see infra/servers.example.json)');
  const servers = readServers(serversFile);
  const server = servers.find((s) => s.name === name) ?? servers.find((s) => s.role === name);
  if (!server) throw new Error(`no server called ${name} in ${serversFile}`);
  return sshCommand(server);
}

/** `aula connect main|support`: a shell on that server with the servers file's ssh entry (your own key). */
export function registerConnect(program: Command): void {
  program
    .command('connect')
    .description('a shell on a server (ssh, from the servers file AULA_SERVERS)')
    .argument('<server>', 'main, support, mirror or a server’s name')
    .option('--print', 'print the ssh command instead of running it')
    .action(async (name: string, options: { print?: boolean }) => {
      const command = connectCommand(name, readOpsCliEnv(root).serversFile);
      if (options.print) {
        console.log(command.join(' '));
        return;
      }
      const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit' });
      const code = await new Promise<number>((resolve) => {
        child.once('error', (error) => {
          console.error(`aula connect: ${error.message}`);
          resolve(1);
        });
        child.once('exit', (c) => resolve(c ?? 1));
      });
      process.exitCode = code;
    });
}
