import { recordLlmCall } from '@aula/telemetry/metrics';
import { toLlmError } from './errors.ts';
import type { CallSpent, ProviderChoice, Task } from './types.ts';

/**
 * Starts the clock on one provider call and records it once, answered or failed, in the process's
 * metrics (calls, errors, tokens, cost, latency per provider and model). Every call of the workers
 * and the tutor goes through generateObject or streamText, so this is the one place that counts.
 */
export function observeCall(task: Task, choice: ProviderChoice) {
  const startedAt = performance.now();
  let recorded = false;
  const record = (spent: CallSpent, error?: string) => {
    if (recorded) return;
    recorded = true;
    recordLlmCall({
      ...choice,
      task,
      seconds: (performance.now() - startedAt) / 1000,
      ...(spent ? { usage: spent.usage, costUsd: spent.costUsd } : {}),
      ...(error ? { error } : {}),
    });
  };
  return {
    answered: (spent: CallSpent) => record(spent),
    /** `spent`: what a stream used before it failed (it was paid for). */
    failed: (thrown: unknown, spent: CallSpent = null) => record(spent, toLlmError(thrown, choice).code),
  };
}
