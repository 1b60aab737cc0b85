import { LlmError } from './errors.ts';

/** Longest provider-requested wait we sit through; beyond it the chain moves on instead. */
const MAX_WAIT_MS = 60_000;

/**
 * Retries retryable LlmErrors (429, 5xx, connection) up to `maxRetries` times, waiting what the
 * provider asked (retryAfterMs) or 0.5 s × 2^n capped at 8 s. Used where the SDK does not retry (Gemini).
 */
export async function withRetries<T>(fn: () => Promise<T>, maxRetries: number, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof LlmError) || !error.retryable || attempt >= maxRetries) throw error;
      const wait = error.retryAfterMs ?? Math.min(500 * 2 ** attempt, 8000);
      if (wait > MAX_WAIT_MS) throw error;
      await sleep(wait, signal);
      if (signal?.aborted) throw new LlmError('aborted', 'request aborted during a retry wait', { cause: error });
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
