import { z } from 'zod';
import { createLlm } from './create-llm.ts';
import { toLlmError } from './errors.ts';
import { priceOf } from './prices.ts';
import { dedupe } from './settings.ts';
import type { LlmConfig, ProviderChoice, Task } from './types.ts';

/** A schema shaped like Aula's outline: closed objects, a counted flat list, bounded strings and integers. */
const CheckOutline = z
  .object({
    title: z.string().min(3).max(80),
    lessons: z
      .array(z.object({ module: z.number().int().min(1).max(2), title: z.string().min(3).max(80) }).strict())
      .min(2)
      .max(2),
  })
  .strict();

export type CallCheck = { ok: true; latencyMs: number } | { ok: false; message: string };

/** What one provider and model can do, as found by two tiny real calls. */
export type ProviderCheck = ProviderChoice & {
  /** The tasks whose chain lists this provider and model. */
  tasks: Task[];
  structured: CallCheck;
  stream: CallCheck & { firstTokenMs?: number };
  /** US$ per 1M tokens from the price table; `priced: false` when the model is not in it. */
  price: { input: number; output: number; priced: boolean };
  /** What the two calls cost, by the same table. */
  costUsd: number;
};

/**
 * For every provider and model the chains name: one small structured call with a schema like
 * Aula's and one streamed call, each on that choice alone (no fallback hides a failure), each call
 * given at most `timeoutMs` (30 s by default). Never throws; a failure carries the provider's own message.
 */
export async function checkProviders(
  config: LlmConfig,
  options: { timeoutMs?: number } = {},
): Promise<ProviderCheck[]> {
  const choices = dedupe([...config.chains.generation, ...config.chains.tutor]);
  // A provider that does not answer should say so in seconds, not after a generation's long timeout.
  const timeoutMs = Math.min(config.timeoutMs, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return Promise.all(choices.map((choice) => checkOne({ ...config, timeoutMs }, choice)));
}

const DEFAULT_TIMEOUT_MS = 30_000;

async function checkOne(config: LlmConfig, choice: ProviderChoice): Promise<ProviderCheck> {
  const tasks = (['generation', 'tutor'] as const).filter((t) =>
    config.chains[t].some((c) => c.provider === choice.provider && c.model === choice.model),
  );
  const llm = createLlm({ ...config, chains: { generation: [choice], tutor: [choice] } });
  let costUsd = 0;
  const failed = (error: unknown) => ({ ok: false as const, message: toLlmError(error, choice).message });

  const structured = await llm
    .generateObject({
      task: 'generation',
      schema: CheckOutline,
      schemaName: 'provider_check',
      messages: [
        { role: 'system', content: 'Reply with JSON only.' },
        {
          role: 'user',
          content: 'The outline of a two-lesson course on saving money: a title and two lessons in module 1.',
        },
      ],
      maxOutputTokens: 1024,
    })
    .then((r) => {
      costUsd += r.costUsd;
      return { ok: true as const, latencyMs: r.latencyMs };
    }, failed);

  const startedAt = performance.now();
  let firstTokenMs: number | undefined;
  const stream = await (async () => {
    const answer = llm.streamText({
      task: 'tutor',
      messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
      maxOutputTokens: 512,
    });
    for await (const _ of answer) firstTokenMs ??= Math.round(performance.now() - startedAt);
    const r = await answer.result;
    costUsd += r.costUsd;
    return { ok: true as const, latencyMs: r.latencyMs, ...(firstTokenMs === undefined ? {} : { firstTokenMs }) };
  })().catch(failed);

  return { ...choice, tasks, structured, stream, price: priceOf(choice), costUsd };
}

/** The checks as a table for a terminal, then one line per failure with the provider's message. */
export function formatProviderChecks(checks: ProviderCheck[]): string {
  const cell = (c: CallCheck) => (c.ok ? `ok ${c.latencyMs} ms` : 'FAILED');
  const price = (c: ProviderCheck) =>
    c.price.priced ? `${c.price.input} / ${c.price.output}` : 'unknown (not in the price table)';
  const rows = [
    ['provider', 'model', 'used for', 'structured', 'stream', 'US$ per 1M tokens in / out'],
    ...checks.map((c) => [c.provider, c.model, c.tasks.join(', '), cell(c.structured), cell(c.stream), price(c)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  const failures = checks.flatMap((c) =>
    (['structured', 'stream'] as const).flatMap((kind) => {
      const result = c[kind];
      return result.ok ? [] : [`${c.provider} ${c.model} (${kind}): ${result.message}`];
    }),
  );
  return [...lines, ...(failures.length ? ['', ...failures] : [])].join('\n');
}
