import {
  AulaError,
  invalidFromIssues,
  ProposalsOutput,
  ROLE_NAMES,
  TrendScanRequest,
  type TrendScanResult,
  topicFingerprint,
} from '@aula/domain';
import { firstJob } from '@aula/jobs';
import { plainText } from '@aula/net';
import { type Ctx, requireRole } from '../../context.ts';
import { ledgerOf } from '../../run-store.ts';
import { generateCourse } from '../generate-course.ts';
import { knownTopics } from './known-topics.ts';

const NO_USAGE = { provider: null, model: null, tokensIn: 0, tokensOut: 0, costUsd: 0 };

/** How long a request waits for the scan job's answer before it gives up (and cancels the run). */
export const SCAN_WAIT_MS = 300_000;
const POLL_MS = 250;

const NOT_ANSWERED = () =>
  new AulaError('unavailable', 'The language model did not answer the scan; nothing was stored. Try again later.');

/**
 * The scan's LLM call, made by the workers (the `scan-trends` job on the trends queue) and recorded
 * by the run ledger as a `scan` run of one step; the request waits for the run to end, at most
 * SCAN_WAIT_MS. The model's proposals come back on the step (`detail.proposals`).
 */
async function scanByWorker(ctx: Ctx, request: { kind: 'scan'; maxProposals: number } & Record<string, unknown>) {
  const ledger = ledgerOf(ctx.items);
  const runId = await ledger.open({ course: null, request, requestedBy: ctx.user });
  try {
    const first = firstJob(runId, request);
    await ctx.queue().enqueue(first.name, first.data);
  } catch (error) {
    ctx.logger.error(error, 'aula: could not enqueue a trend scan');
    await ledger.notQueued(runId, 'Not queued: the job queue (Redis) did not answer, so nothing was scanned.');
    throw new AulaError('unavailable', 'The job queue is unavailable right now; try again in a moment.');
  }
  const deadline = Date.now() + SCAN_WAIT_MS;
  let run = await ledger.read(runId);
  while (['queued', 'running'].includes(run.status)) {
    if (Date.now() > deadline) {
      // The worker's answer, should it come, is dropped: a cancelled run keeps no result.
      await ledger.cancel(runId);
      ctx.logger.warn(`aula: trend scan ${runId} took over ${SCAN_WAIT_MS} ms; cancelled`);
      throw NOT_ANSWERED();
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    run = await ledger.read(runId);
  }
  const [row] = await ctx.items('generation_runs').readByQuery({
    filter: { id: { _eq: runId } },
    fields: ['status', 'error', 'provider', 'model', 'tokens_in', 'tokens_out', 'cost_usd', 'steps.detail'],
  });
  const detail = (row?.steps as { detail: unknown }[] | undefined)?.[0]?.detail as { proposals?: unknown } | null;
  const parsed = ProposalsOutput.safeParse({ proposals: detail?.proposals });
  if (row?.status !== 'completed' || !parsed.success) {
    ctx.logger.warn(`aula: trend scan failed: ${row?.error ?? row?.status}`);
    throw NOT_ANSWERED();
  }
  return {
    runId,
    proposals: parsed.data.proposals,
    usage: {
      provider: row.provider,
      model: row.model,
      tokensIn: row.tokens_in ?? 0,
      tokensOut: row.tokens_out ?? 0,
      costUsd: row.cost_usd ?? 0,
    },
  };
}

/**
 * n8n's daily trend scan: drops feed items whose topic Aula already has, has the workers ask the LLM
 * for course proposals (a `scan` run, waited for), stores the new ones, and turns those scoring at
 * least `autoRequest.minScore` into course requests at once.
 */
export async function scanTrends({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<TrendScanResult> {
  requireRole(ctx, [ROLE_NAMES.contentManager, ROLE_NAMES.pipeline]);
  const parsed = TrendScanRequest.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const { items: posted, ...settings } = parsed.data;
  // Feed text arrives as the feed wrote it: entities (`&oacute;`) and stray tags become plain text
  // here, before topics are compared or anything reaches the model or a stored title.
  const items = posted.map((item) => ({
    ...item,
    title: plainText(item.title, 300),
    ...(item.summary === undefined ? {} : { summary: plainText(item.summary, 2_000) }),
    ...(item.source === undefined ? {} : { source: plainText(item.source, 200) }),
  }));

  const known = await knownTopics(ctx);
  const seen = new Set(known);
  const fresh = items.filter((item) => {
    const key = topicFingerprint(item.title);
    if (item.title.length < 3 || !key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const skippedItems = posted.length - fresh.length;
  if (fresh.length === 0) return { proposals: [], skippedItems, scanRunId: null, usage: NO_USAGE };

  const answer = await scanByWorker(ctx, { kind: 'scan', ...settings, items: fresh, itemCount: fresh.length });
  const { runId, usage } = answer;

  const postedUrls = new Set(items.map((i) => i.url).filter((u) => /^https?:\/\//i.test(u)));
  const proposals: TrendScanResult['proposals'] = [];
  // Best first, so the auto-requests (at most `maxRequests`) go to the strongest proposals.
  const ranked = answer.proposals.slice(0, settings.maxProposals).sort((a, b) => b.score - a.score);
  let requestsLeft = settings.autoRequest?.maxRequests ?? 0;
  for (const p of ranked) {
    const fingerprint = topicFingerprint(p.title);
    if (!fingerprint || seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    const id = await ctx
      .items('topic_proposals')
      .createOne({
        title: p.title,
        audience: p.audience,
        language: settings.language,
        rationale: p.whyNow,
        source_links: p.sourceLinks.filter((link) => postedUrls.has(link)),
        score: p.score,
        status: 'new',
        fingerprint,
      })
      .catch((error) => {
        // Another scan stored the same topic a moment ago (the fingerprint is unique).
        if ((error as { code?: string }).code === 'RECORD_NOT_UNIQUE') return null;
        throw error;
      });
    if (!id) continue;
    let requested: { runId: string; courseId: string } | null = null;
    if (settings.autoRequest && requestsLeft > 0 && p.score >= settings.autoRequest.minScore) {
      requestsLeft -= 1;
      requested = await generateCourse({
        ctx,
        input: {
          topic: p.title,
          audience: settings.audience ?? p.audience,
          language: settings.language,
          lessonCount: settings.autoRequest.lessonCount,
          ...(settings.autoRequest.level ? { level: settings.autoRequest.level } : {}),
          ...(settings.autoRequest.costCapUsd ? { costCapUsd: settings.autoRequest.costCapUsd } : {}),
        },
      }).catch((error) => {
        // The queue is down, or the model's title is no valid topic: the proposal stays new, for a
        // person to accept later; the other proposals (already paid for) are still stored.
        if (error instanceof AulaError) {
          ctx.logger.warn(`aula: auto-request of a proposal failed: ${error.message}`);
          return null;
        }
        throw error;
      });
      if (requested) {
        await ctx.items('topic_proposals').updateOne(id, { status: 'accepted', course: requested.courseId });
      }
    }
    proposals.push({
      id,
      title: p.title,
      score: p.score,
      status: requested ? 'accepted' : 'new',
      courseId: requested?.courseId ?? null,
      runId: requested?.runId ?? null,
    });
  }
  return { proposals, skippedItems, scanRunId: runId, usage };
}
