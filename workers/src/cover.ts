import { items } from '@aula/data';
import { prepareGeneratedCover, storeCourseCover, storeDrawnCover } from '@aula/data/covers';
import { coverPrompt, estimateTokens, imagePriceOf, LlmError } from '@aula/llm';
import type { WorkerCtx } from './context.ts';
import { reserveGeneration } from './spend.ts';
import type { Run } from './steps.ts';

/** What the assemble step reports about the cover. */
export type CoverOutcome =
  | { source: 'kept' }
  | { source: 'generated'; provider: string; model: string; costUsd: number }
  | { source: 'drawn'; reason: string };

/**
 * Gives a generated course its cover, once: the image model's when one is configured (within the run's
 * cost cap and the site's daily budget), otherwise — or when that call fails in any way — one drawn
 * from the title and audience. A course that has a cover already (a retried step) keeps it.
 */
export async function makeCover(ctx: WorkerCtx, run: Run, courseId: string): Promise<CoverOutcome> {
  const course = await items(ctx.api, 'courses').get(courseId, {
    fields: ['id', 'title', 'summary', 'audience', 'cover'],
  });
  if (course.cover) return { source: 'kept' };
  const choice = ctx.llm.cover;
  if (choice) {
    try {
      const prompt = coverPrompt(course);
      const price = imagePriceOf(choice.model);
      const settle = await reserveGeneration(ctx.spend, run, {
        provider: choice.provider,
        model: choice.model,
        maxCostUsd: price ?? 0,
        maxTokens: estimateTokens(prompt) + 300,
        priced: price !== null,
      });
      let image: Awaited<ReturnType<WorkerCtx['llm']['generateImage']>> | null = null;
      try {
        image = await ctx.llm.generateImage({ prompt });
      } finally {
        await settle(
          image
            ? { costUsd: price ?? 0, usage: image.usage ?? { inputTokens: estimateTokens(prompt), outputTokens: 0 } }
            : null,
        );
      }
      const bytes = await prepareGeneratedCover(image.bytes);
      await storeCourseCover(ctx.api, { courseId, bytes, type: 'image/webp', source: 'generated' });
      return { source: 'generated', provider: image.provider, model: image.model, costUsd: price ?? 0 };
    } catch (error) {
      const reason = error instanceof LlmError || error instanceof Error ? error.message : String(error);
      ctx.log('cover: the image model failed, drawing one instead', { course: courseId, error: reason });
      await storeDrawnCover(ctx.api, { courseId, title: course.title, subject: course.audience });
      return { source: 'drawn', reason: `image model failed: ${reason}` };
    }
  }
  await storeDrawnCover(ctx.api, { courseId, title: course.title, subject: course.audience });
  return { source: 'drawn', reason: 'no image model configured (AULA_COVER_PROVIDER)' };
}

/** Covers started ahead by a course's outline in this process, by run (bounded: a run may end elsewhere). */
const started = new WeakMap<WorkerCtx, Map<string, Promise<CoverOutcome | undefined>>>();

/**
 * The course's cover made ahead of its assemble step, right after its outline is written (its title and
 * audience are what the cover needs), while the lessons are being written: assemble, when it runs in this
 * process, takes the outcome (`coverFor`) instead of making it on the critical path. A failure here is
 * logged and left to assemble, which makes the cover itself. Never throws.
 */
export async function coverAhead(ctx: WorkerCtx, run: Run): Promise<void> {
  let byRun = started.get(ctx);
  if (!byRun) {
    byRun = new Map();
    started.set(ctx, byRun);
  }
  const made = makeCover(ctx, run, run.course as string).catch((error: unknown) => {
    ctx.log('cover ahead of assemble failed: assemble makes it', {
      run: run.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  });
  byRun.set(run.id, made);
  if (byRun.size > 1_000) {
    const [oldest] = byRun.keys();
    if (oldest !== undefined) byRun.delete(oldest);
  }
  await made;
}

/**
 * The cover for assemble: the one this process made ahead for the run (`coverAhead`), else made now (a
 * cover another process made ahead is found on the course and kept).
 */
export async function coverFor(ctx: WorkerCtx, run: Run, courseId: string): Promise<CoverOutcome> {
  const byRun = started.get(ctx);
  const made = byRun?.get(run.id);
  byRun?.delete(run.id);
  return (await made) ?? makeCover(ctx, run, courseId);
}
