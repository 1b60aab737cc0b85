import { plainText } from '@aula/net';
import { BrowserUse } from 'browser-use-sdk';
import { z } from 'zod';
import { LlmError, toLlmError } from './errors.ts';
import { toProviderJsonSchema } from './json-schema.ts';
import { sleep } from './retry.ts';
import { cleanUrl } from './sanitize.ts';
import type { FindReferencesInput, LlmConfig, Reference } from './types.ts';

const ReferenceList = z.object({
  references: z.array(z.object({ url: z.string(), title: z.string(), why: z.string() })),
});
const TERMINAL = new Set(['finished', 'failed', 'stopped']);

/**
 * Candidate references for a lesson, found by a Browser Use agent (API v2 tasks, own poll loop:
 * the SDK's helper waits forever on `failed`). The output is untrusted: cleaned, bounded, http(s) only.
 */
export async function findReferences(config: LlmConfig, input: FindReferencesInput): Promise<Reference[]> {
  const { apiKey, baseUrl, pollIntervalMs, timeoutMs, maxSteps } = config.browserUse;
  if (!apiKey) throw new LlmError('not_configured', 'Browser Use is not configured: set BROWSER_USE_API_KEY');
  const max = Math.min(Math.max(Math.trunc(input.max ?? 5), 1), 10);
  const client = new BrowserUse({ apiKey, baseUrl, maxRetries: config.maxRetries, timeout: 30_000 });
  const schema = toProviderJsonSchema(ReferenceList, 'openai');
  try {
    const { id } = await client.tasks.create({
      task: input.task ?? defaultTask(input, max),
      structuredOutput: JSON.stringify(schema),
      maxSteps,
    });
    const deadline = Date.now() + timeoutMs;
    let status = await client.tasks.status(id);
    while (!TERMINAL.has(status.status)) {
      if (input.signal?.aborted || Date.now() > deadline) {
        await client.tasks.stop(id).catch(() => {});
        if (input.signal?.aborted) throw new LlmError('aborted', 'Browser Use: aborted');
        throw new LlmError('unavailable', `Browser Use: task ${id} did not finish within ${timeoutMs} ms`);
      }
      await sleep(pollIntervalMs, input.signal);
      status = await client.tasks.status(id);
    }
    if (status.status !== 'finished') throw new LlmError('unavailable', `Browser Use: task ${id} ${status.status}`);
    const output = status.output ?? (await client.tasks.get(id)).output;
    return toReferences(output, max);
  } catch (error) {
    throw toLlmError(error, { signal: input.signal });
  }
}

function toReferences(output: string | null | undefined, max: number): Reference[] {
  let parsed: z.infer<typeof ReferenceList>;
  try {
    parsed = ReferenceList.parse(JSON.parse(output ?? ''));
  } catch (error) {
    throw new LlmError('invalid_output', 'Browser Use: the task output is not a reference list', { cause: error });
  }
  const seen = new Set<string>();
  const references: Reference[] = [];
  for (const item of parsed.references) {
    const url = cleanUrl(item.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    references.push({ url, title: plainText(item.title, 200) || new URL(url).hostname, why: plainText(item.why, 500) });
  }
  return references.slice(0, max);
}

/** A plain default; workers pass their own versioned prompt as `task`. */
function defaultTask(input: FindReferencesInput, max: number): string {
  return [
    `Find up to ${max} reputable, freely accessible web pages (language: ${input.language}) that a learner can read`,
    `for the lesson "${input.lessonTitle}" of a course on "${input.topic}".`,
    `Learning objectives: ${input.objectives.join('; ')}.`,
    'For each page give its url, its title and one sentence on why it helps. No paywalls, no login pages.',
  ].join(' ');
}
