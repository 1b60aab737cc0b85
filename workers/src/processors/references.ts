import { replaceLessonReferences } from '@aula/data';
import { checkReferenceUrl, LlmError } from '@aula/llm';
import { UnrecoverableError } from 'bullmq';
import type { WorkerCtx } from '../context.ts';
import { type StepJob, withStep } from '../steps.ts';
import { loadLessonBrief } from './lesson-brief.ts';

const MAX_REFERENCES = 5;

/** Why a lesson's references were not searched (the step's `detail.reason`, shown in the studio). */
export const REFERENCES_OFF = 'BROWSER_USE_API_KEY is not set';

/**
 * References for one lesson, found with Browser Use, each URL checked before it is stored (dead,
 * login-walled and parked pages are dropped and counted). Without Browser Use the step is skipped.
 */
export async function references(ctx: WorkerCtx, job: StepJob, data: { runId: string; lessonId: string }) {
  await withStep(ctx, job, { runId: data.runId, kind: 'references', target: data.lessonId }, async () => {
    if (!ctx.referencesEnabled) return { calls: [], skipped: true, detail: { reason: REFERENCES_OFF } };
    const { brief } = await loadLessonBrief(ctx, data.lessonId);
    let candidates: { url: string; title: string; why: string }[];
    try {
      candidates = await ctx.llm.findReferences({
        topic: brief.courseTitle,
        lessonTitle: brief.lessonTitle,
        objectives: brief.objectives,
        language: brief.language,
        max: MAX_REFERENCES * 2,
      });
    } catch (error) {
      if (error instanceof LlmError && !error.retryable) throw new UnrecoverableError(error.message);
      throw error;
    }
    const seen = new Set<string>();
    const kept: { url: string; title: string; snippet: string }[] = [];
    const dropped: { url: string; reason: string }[] = [];
    for (const candidate of candidates) {
      if (kept.length >= MAX_REFERENCES || seen.has(candidate.url)) continue;
      seen.add(candidate.url);
      const check = await checkReferenceUrl(candidate.url, { timeoutMs: 8_000, policy: ctx.outboundPolicy });
      if (check.ok) kept.push({ url: check.finalUrl, title: check.title || candidate.title, snippet: candidate.why });
      else dropped.push({ url: candidate.url, reason: check.reason });
    }
    await replaceLessonReferences(
      ctx.api,
      data.lessonId,
      kept.map((r) => ({
        url: r.url,
        title: r.title.slice(0, 255),
        snippet: r.snippet,
        check_status: 'ok',
        checked_at: new Date().toISOString(),
      })),
    );
    return {
      calls: [],
      detail: { found: candidates.length, kept: kept.length, dropped: dropped.length, droppedUrls: dropped },
    };
  });
}
