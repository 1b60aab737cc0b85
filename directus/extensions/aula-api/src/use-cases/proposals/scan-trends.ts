import {
  AulaError,
  invalidFromIssues,
  ProposalsOutput,
  ROLE_NAMES,
  TrendScanRequest,
  type TrendScanResult,
  topicFingerprint,
} from '@aula/domain';
import type { GenerateObjectResult } from '@aula/llm';
import { plainText } from '@aula/net';
import { type Ctx, requireRole } from '../../context.ts';
import { topicProposalMessages } from '../../prompts/topic-proposals.ts';
import { generationBeforeCall } from '../../spend.ts';
import { generateCourse } from '../generate-course.ts';
import { knownTopics } from './known-topics.ts';

const NO_USAGE = { provider: null, model: null, tokensIn: 0, tokensOut: 0, costUsd: 0 };

/**
 * n8n's daily trend scan: drops feed items whose topic Aula already has, asks the LLM (one
 * synchronous call, recorded as a `scan` run for its cost) for course proposals, stores the new ones,
 * and turns those scoring at least `autoRequest.minScore` into course requests at once.
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

  const runId = await ctx.items('generation_runs').createOne({
    course: null,
    status: 'running',
    request: { kind: 'scan', ...settings, itemCount: fresh.length },
    requested_by: ctx.user,
    progress_total: 1,
  });
  let answer: GenerateObjectResult<ProposalsOutput>;
  try {
    answer = await ctx.llm().generateObject({
      task: 'generation',
      schema: ProposalsOutput,
      schemaName: 'topic_proposals',
      messages: topicProposalMessages({ ...settings, items: fresh }),
      maxOutputTokens: 400 + 400 * settings.maxProposals,
      temperature: 0.4,
      beforeCall: generationBeforeCall(ctx),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.logger.warn(`aula: trend scan failed: ${message}`);
    await ctx.items('generation_runs').updateOne(runId, {
      status: 'failed',
      error: `scan failed: ${message}`,
      finished_at: new Date().toISOString(),
    });
    throw new AulaError(
      'unavailable',
      'The language model did not answer the scan; nothing was stored. Try again later.',
    );
  }
  const usage = {
    provider: answer.provider,
    model: answer.model,
    tokensIn: answer.usage.inputTokens,
    tokensOut: answer.usage.outputTokens,
    costUsd: answer.costUsd,
  };
  await ctx.items('generation_runs').updateOne(runId, {
    status: 'completed',
    provider: usage.provider,
    model: usage.model,
    tokens_in: usage.tokensIn,
    tokens_out: usage.tokensOut,
    cost_usd: usage.costUsd,
    progress_done: 1,
    finished_at: new Date().toISOString(),
  });

  const postedUrls = new Set(items.map((i) => i.url).filter((u) => /^https?:\/\//i.test(u)));
  const proposals: TrendScanResult['proposals'] = [];
  // Best first, so the auto-requests (at most `maxRequests`) go to the strongest proposals.
  const ranked = answer.object.proposals.slice(0, settings.maxProposals).sort((a, b) => b.score - a.score);
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
