import type { z } from 'zod';
import { addUsage, callResult, checkBudget, spentOf, usageOrEstimate } from './call-result.ts';
import { resolveChain, runChain } from './chain.ts';
import { LlmError, toLlmError } from './errors.ts';
import { describeUnsent, providerJsonSchema } from './json-schema.ts';
import { observeCall } from './observe-call.ts';
import type { ProviderAdapter } from './providers/adapter.ts';
import { SUBSETS, schemaFlavour } from './schema-subsets.ts';
import type { GenerateObjectInput, GenerateObjectResult, LlmConfig, Message, ProviderChoice } from './types.ts';

export type LlmDeps = { config: LlmConfig; adapterFor: (choice: ProviderChoice) => ProviderAdapter };

/** Structured output through the task's chain, validated by the zod schema, with one repair attempt. */
export function generateObject<S extends z.ZodType>(
  deps: LlmDeps,
  input: GenerateObjectInput<S>,
): Promise<GenerateObjectResult<z.output<S>>> {
  const chain = resolveChain(deps.config, input.task, input.choice);
  return runChain(deps.config, chain, (choice) => generateWith(deps, choice, input));
}

async function generateWith<S extends z.ZodType>(
  deps: LlmDeps,
  choice: ProviderChoice,
  input: GenerateObjectInput<S>,
): Promise<GenerateObjectResult<z.output<S>>> {
  const adapter = deps.adapterFor(choice);
  const flavour = schemaFlavour(choice);
  const { schema, unsent } = providerJsonSchema(input.schema, flavour);
  const startedAt = performance.now();
  let messages: Message[] = input.messages;
  let usage = { inputTokens: 0, outputTokens: 0 };
  for (let attempt = 1; ; attempt++) {
    if (input.signal?.aborted) throw new LlmError('aborted', 'aborted before the call', choice);
    const fallback = deps.config.fallbackPrice;
    const settle = await checkBudget(input.beforeCall, choice, messages, input.maxOutputTokens, fallback);
    let out: Awaited<ReturnType<ProviderAdapter['complete']>>;
    const call = observeCall(input.task, choice);
    try {
      out = await adapter.complete({
        model: choice.model,
        messages,
        maxOutputTokens: input.maxOutputTokens,
        temperature: input.temperature,
        json: { name: input.schemaName, schema, strict: SUBSETS[flavour].strict },
        signal: input.signal,
      });
    } catch (error) {
      call.failed(toLlmError(error, { ...choice, signal: input.signal }));
      await settle(null);
      throw error;
    }
    const callUsage = usageOrEstimate(out.usage, messages, out.text);
    const spent = spentOf(choice, callUsage, fallback);
    call.answered(spent);
    await settle(spent);
    usage = addUsage(usage, callUsage);
    const parsed = parseOutput(input.schema, out.text);
    if (parsed.ok)
      return { ...callResult(choice, usage, startedAt, fallback), object: parsed.value, attempts: attempt };
    if (attempt >= 2) {
      throw new LlmError(
        'invalid_output',
        `${choice.provider}:${choice.model}: output still invalid after one repair: ${parsed.error}`,
        choice,
      );
    }
    // The one repair attempt: show the model its output and what was wrong with it, naming the
    // limits the provider could not be sent (they were only in the prompt's schema until now).
    const limits = describeUnsent(unsent, parsed.paths);
    messages = [
      ...messages,
      { role: 'assistant', content: out.text },
      {
        role: 'user',
        content:
          `That output is not valid for the "${input.schemaName}" JSON schema: ${parsed.error}\n` +
          (limits ? `Keep to these limits too: ${limits}\n` : '') +
          'Reply with only the corrected JSON object.',
      },
    ];
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; paths: string[] };

/** JSON.parse (tolerating a ```json fence) then zod validation; errors are bounded for the repair prompt. */
export function parseOutput<S extends z.ZodType>(schema: S, text: string): Parsed<z.output<S>> {
  const unfenced = text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1');
  let json: unknown;
  try {
    json = JSON.parse(unfenced);
  } catch (error) {
    return { ok: false, error: `not valid JSON (${(error as Error).message})`.slice(0, 500), paths: [] };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const paths = result.error.issues.map((i) => i.path.join('.') || '(root)');
  return { ok: false, error: issues.join('; ').slice(0, 2000), paths };
}
