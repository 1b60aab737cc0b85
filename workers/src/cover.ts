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
