import { listPublishedCourseReferences, type PublishedReference, recordReferenceCheck } from '@aula/data';
import { checkReferenceUrl } from '@aula/llm';
import type { WorkerCtx } from '../context.ts';

/** The same bound as when a reference is first found (references.ts). */
export const RECHECK_TIMEOUT_MS = 8_000;
/** URLs checked at once: a few, so a long list of slow sites does not take hours, nor floods anyone. */
const PARALLEL = 4;

export type RecheckSummary = { checked: number; ok: number; broken: number; hidden: number; restored: number };

/**
 * Re-checks every reference of the published courses through the same checker as when they were found
 * (@aula/net's outbound guard): one that fails is marked broken with why and since when (students no
 * longer see it), one that works again is shown again. A failed write throws (BullMQ retries the job).
 */
export async function recheckReferences(
  ctx: Pick<WorkerCtx, 'api' | 'outboundPolicy' | 'log'>,
  options: { timeoutMs?: number } = {},
): Promise<RecheckSummary> {
  const references = await listPublishedCourseReferences(ctx.api);
  const summary: RecheckSummary = { checked: 0, ok: 0, broken: 0, hidden: 0, restored: 0 };
  const queue = [...references];
  async function next(reference: PublishedReference) {
    const check = await checkReferenceUrl(reference.url, {
      timeoutMs: options.timeoutMs ?? RECHECK_TIMEOUT_MS,
      policy: ctx.outboundPolicy,
    });
    const result = check.ok
      ? ({ ok: true } as const)
      : ({ ok: false, reason: check.status ? `${check.reason} ${check.status}` : check.reason } as const);
    const { status } = await recordReferenceCheck(ctx.api, reference, result);
    summary.checked += 1;
    summary[status] += 1;
    if (status === 'broken' && reference.check_status !== 'broken') summary.hidden += 1;
    if (status === 'ok' && reference.check_status === 'broken') summary.restored += 1;
  }
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      for (let reference = queue.shift(); reference; reference = queue.shift()) await next(reference);
    }),
  );
  ctx.log('references re-checked', { ...summary });
  return summary;
}
