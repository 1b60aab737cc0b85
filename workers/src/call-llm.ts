import type { Message } from '@aula/llm';
import { LlmError } from '@aula/llm';
import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import type { WorkerCtx } from './context.ts';
import { reserveGeneration } from './spend.ts';
import type { Run } from './steps.ts';

/**
 * One structured generation for a step: the run's provider/model choice, the shared rate limit, the
 * run's cost cap and the site's daily generation budget reserved before every provider call and
 * settled after (spend.ts), and provider errors turned into "retry later" (thrown as is, BullMQ backs
 * off) or "stop now" (UnrecoverableError; a refused budget is one).
 */
export async function generate<S extends z.ZodType>(
  ctx: WorkerCtx,
  run: Run,
  input: { schema: S; schemaName: string; messages: Message[]; maxOutputTokens: number; signal?: AbortSignal },
) {
  try {
    return await ctx.llm.generateObject({
      task: 'generation',
      ...input,
      temperature: 0.4,
      choice: {
        ...(run.provider ? { provider: run.provider as never } : {}),
        ...(run.model ? { model: run.model } : {}),
      },
      beforeCall: async (estimate) => {
        await ctx.throttle(
          estimate.provider,
          Math.ceil(JSON.stringify(input.messages).length / 4) + input.maxOutputTokens,
        );
        return reserveGeneration(ctx.spend, run, estimate);
      },
    });
  } catch (error) {
    if (error instanceof LlmError && !error.retryable) throw new UnrecoverableError(error.message);
    throw error;
  }
}
