import { PROVIDERS } from '@aula/domain';
import { LlmError, toLlmError } from './errors.ts';
import { dedupe, KEY_VARS } from './settings.ts';
import type { LlmConfig, LlmErrorCode, ProviderChoice, Task } from './types.ts';

/** Failures after which the next choice of the chain is tried. */
const FALLBACK_ON = new Set<LlmErrorCode>(['not_configured', 'unavailable', 'rate_limited', 'unauthorized']);
const finalErrors = new WeakSet<object>();

/** The chain of a task, with the call's own choice (provider and/or model) first. */
export function resolveChain(config: LlmConfig, task: Task, choice?: Partial<ProviderChoice>): ProviderChoice[] {
  const base = config.chains[task];
  if (!choice?.provider && !choice?.model) return base;
  const provider = choice.provider ?? base[0]?.provider ?? 'gpt-oss';
  const model = choice.model ?? base.find((c) => c.provider === provider)?.model ?? config.models[provider][task];
  return dedupe([{ provider, model }, ...base]);
}

/** Marks an error that must not fall back (a stream that already sent tokens). */
export function finalError(error: LlmError): LlmError {
  finalErrors.add(error);
  return error;
}

/** Tries each choice in order; moves on only for failures another provider might not have. */
export async function runChain<T>(
  config: LlmConfig,
  chain: ProviderChoice[],
  attempt: (choice: ProviderChoice) => Promise<T>,
): Promise<T> {
  const failures: LlmError[] = [];
  for (const choice of chain) {
    try {
      return await attempt(choice);
    } catch (thrown) {
      const error = toLlmError(thrown, choice);
      if (finalErrors.has(error) || !FALLBACK_ON.has(error.code)) throw error;
      failures.push(error);
    }
  }
  throw chainFailure(config, failures);
}

function chainFailure(config: LlmConfig, failures: LlmError[]): LlmError {
  const nothingThere = failures.every((f) => f.code === 'not_configured' || f.unreachable);
  if (
    failures.length === 0 ||
    (nothingThere && (config.unconfigured || failures.every((f) => f.code === 'not_configured')))
  ) {
    const keys = PROVIDERS.filter((p) => p !== 'gpt-oss').map((p) => KEY_VARS[p][0]);
    return new LlmError(
      'not_configured',
      `No LLM provider is configured or reachable (tried ${failures.map((f) => f.message).join('; ') || 'nothing'}). ` +
        `Set one of ${keys.join(', ')}, or run a local GPT-OSS server (Ollama, vLLM, llama.cpp) and set GPT_OSS_BASE_URL ` +
        `(now ${config.providers['gpt-oss'].baseUrl}).`,
      { cause: failures.at(-1) },
    );
  }
  const last = failures.at(-1)!;
  if (failures.length === 1) return last;
  const waits = failures.map((f) => f.retryAfterMs).filter((ms): ms is number => ms !== undefined);
  // A later retry can succeed if any link was only busy: report the retryable failure.
  const busy = failures.find((f) => f.code === 'rate_limited') ?? failures.find((f) => f.code === 'unavailable');
  return new LlmError((busy ?? last).code, `Every provider failed: ${failures.map((f) => f.message).join('; ')}`, {
    cause: last,
    ...(last.provider ? { provider: last.provider } : {}),
    ...(last.model ? { model: last.model } : {}),
    ...(waits.length > 0 ? { retryAfterMs: Math.min(...waits) } : {}),
  });
}
