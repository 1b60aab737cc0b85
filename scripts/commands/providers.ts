import { checkProviders, describeLlmSettings, formatProviderChecks } from '@aula/llm';
import type { Command } from 'commander';
import { readLlmEnv } from '../env.ts';

/**
 * `aula providers check`: one tiny structured call and one streamed call per configured provider
 * and model, with real keys, before anyone asks for a course. Exits 1 when any call failed.
 */
export function registerProviders(program: Command): void {
  const providers = program.command('providers').description('the LLM providers Aula is configured with');
  providers
    .command('check')
    .description('one structured and one streamed call per configured provider and model: what works, latency, price')
    .action(async () => {
      const config = readLlmEnv();
      console.log(describeLlmSettings(config));
      console.log('');
      const checks = await checkProviders(config);
      console.log(formatProviderChecks(checks));
      if (checks.some((c) => !c.structured.ok || !c.stream.ok)) process.exitCode = 1;
    });
}
