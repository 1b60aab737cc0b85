import { fileURLToPath } from 'node:url';
import { readOpsEnv, startOpsAgent } from '@aula/ops-agent';
import type { Command } from 'commander';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `aula ops-agent`: the ops agent (packages/ops-agent, decision 023), settings from the environment. */
export function registerOpsAgent(program: Command): void {
  program
    .command('ops-agent')
    .description('watch every server, open incidents, diagnose, act through runbooks with approval on Telegram')
    .addHelpText(
      'after',
      '\nSettings: AULA_SERVERS, OPS_DATABASE_URL, OPS_PROBES, OPS_TELEGRAM_BOT_TOKEN, OPS_TELEGRAM_ADMINS,\nDOKPLOY_URL, DOKPLOY_API_KEY, DOKPLOY_APPLICATIONS, GPT_OSS_BASE_URL, OPS_API_TOKEN (see infra/README.md).',
    )
    .action(async () => {
      const log = (line: string) => console.log(`aula ops-agent: ${line}`);
      const agent = await startOpsAgent(readOpsEnv(process.env, root), log);
      const stop = () => void agent.stop().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
