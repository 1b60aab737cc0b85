import { describeLlmSettings, readLlmSettings } from '@aula/llm';
import { readWorkerEnv } from './env.ts';
import { startWorkers } from './runtime.ts';

const env = readWorkerEnv();
const llmConfig = readLlmSettings(process.env);
const running = await startWorkers(env, llmConfig);
console.log(
  `aula workers: listening on queue "generation" (concurrency ${env.AULA_WORKER_CONCURRENCY}); ${describeLlmSettings(llmConfig)}`,
);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    // Finish the jobs in hand (BullMQ waits for them), take no new ones, then leave.
    await running.close();
    process.exit(0);
  });
}
