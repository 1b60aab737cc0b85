import { callResult, checkBudget, spentOf, usageOrEstimate } from './call-result.ts';
import { finalError, resolveChain, runChain } from './chain.ts';
import { LlmError, toLlmError } from './errors.ts';
import type { LlmDeps } from './generate-object.ts';
import { observeCall } from './observe-call.ts';
import type { CallResult, StreamTextInput, TextStream, Usage } from './types.ts';

/**
 * Streams tokens from the first choice of the chain that answers. Fallback happens only before the
 * first token. Aborting `signal`, or leaving the loop early, cancels the upstream request and
 * rejects `result` with `aborted`.
 */
export function streamText(deps: LlmDeps, input: StreamTextInput): TextStream {
  const upstream = new AbortController();
  const cancel = () => upstream.abort();
  input.signal?.addEventListener('abort', cancel, { once: true });
  if (input.signal?.aborted) cancel();
  const channel = createChannel(cancel);

  const run = async (): Promise<CallResult & { text: string }> => {
    const chain = resolveChain(deps.config, input.task, input.choice);
    return runChain(deps.config, chain, async (choice) => {
      if (upstream.signal.aborted) throw new LlmError('aborted', 'aborted before the call', choice);
      const adapter = deps.adapterFor(choice);
      const fallback = deps.config.fallbackPrice;
      const settle = await checkBudget(input.beforeCall, choice, input.messages, input.maxOutputTokens, fallback);
      const startedAt = performance.now();
      let text = '';
      let usage: Usage | undefined;
      // Settled once the stream ends however it ends: a stopped answer was paid for as far as it got.
      const spent = () => spentOf(choice, usageOrEstimate(usage, input.messages, text), fallback);
      const call = observeCall(input.task, choice);
      try {
        const events = adapter.stream({
          model: choice.model,
          messages: input.messages,
          maxOutputTokens: input.maxOutputTokens,
          temperature: input.temperature,
          signal: upstream.signal,
        });
        for await (const event of events) {
          if ('usage' in event) usage = event.usage;
          else if (event.text) {
            text += event.text;
            channel.push(event.text);
          }
        }
      } catch (thrown) {
        const error = toLlmError(thrown, { ...choice, signal: upstream.signal });
        call.failed(error, text || usage ? spent() : null);
        await settle(text || usage ? spent() : null);
        throw text ? finalError(error) : error;
      }
      if (upstream.signal.aborted) call.failed(new LlmError('aborted', 'stream aborted', choice), spent());
      else call.answered(spent());
      await settle(spent());
      if (upstream.signal.aborted) throw finalError(new LlmError('aborted', 'stream aborted', choice));
      return { ...callResult(choice, usageOrEstimate(usage, input.messages, text), startedAt, fallback), text };
    });
  };

  const result = run().then(
    (value) => {
      channel.end();
      return value;
    },
    (error: unknown) => {
      channel.end(error);
      throw error;
    },
  );
  result
    .finally(() => {
      input.signal?.removeEventListener('abort', cancel);
      upstream.abort(); // Gemini keeps the connection open unless its signal fires.
    })
    .catch(() => {});
  return { [Symbol.asyncIterator]: () => channel.iterate(), result };
}

/** A one-consumer queue of tokens; leaving the loop early calls `onCancel`. */
function createChannel(onCancel: () => void) {
  const buffer: string[] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  return {
    push(token: string) {
      buffer.push(token);
      notify();
    },
    end(error?: unknown) {
      done = true;
      failure = error;
      notify();
    },
    async *iterate(): AsyncGenerator<string> {
      let finished = false;
      try {
        while (true) {
          const token = buffer.shift();
          if (token !== undefined) {
            yield token;
            continue;
          }
          if (done) {
            finished = true;
            if (failure !== undefined) throw failure;
            return;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      } finally {
        if (!finished) onCancel();
      }
    },
  };
}
