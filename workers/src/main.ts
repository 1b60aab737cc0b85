import { describeLlmSettings, readLlmSettings } from '@aula/llm';
import { createLogger } from '@aula/telemetry/log';
import { readWorkerEnv } from './env.ts';
import { startWorkers } from './runtime.ts';

const env = readWorkerEnv();
const logger = createLogger({ name: 'aula-workers', level: env.LOG_LEVEL });
const llmConfig = readLlmSettings(process.env);
const running = await startWorkers(env, llmConfig, { logger, queues: env.AULA_WORKER_QUEUES });
// Written whatever LOG_LEVEL says: the test stacks wait for this line.
logger
  .child({}, { level: 'info' })
  .info(
    { queues: running.workers.map((w) => w.name), metrics: running.metricsUrl },
    `aula workers: listening on queues ${running.workers.map((w) => `"${w.name}"`).join(', ')} (concurrency ${env.AULA_WORKER_CONCURRENCY}); ${describeLlmSettings(llmConfig)}${running.metricsUrl ? `; metrics at ${running.metricsUrl}` : ''}`,
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
