import type { Message } from '@aula/llm';
import { LlmError } from '@aula/llm';
import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import type { WorkerCtx } from './context.ts';
import { type Run, runCost } from './steps.ts';

/**
 * One structured generation for a step: the run's provider/model choice, the per-course cost cap
 * checked before every provider call, the shared rate limit, and provider errors turned into
 * "retry later" (thrown as is, BullMQ backs off) or "stop now" (UnrecoverableError).
 */
export async function generate<S extends z.ZodType>(
  ctx: WorkerCtx,
  run: Run,
  input: { schema: S; schemaName: string; messages: Message[]; maxOutputTokens: number },
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
      beforeCall: async ({ provider, maxCostUsd }) => {
        await ctx.throttle(provider, Math.ceil(JSON.stringify(input.messages).length / 4) + input.maxOutputTokens);
        if (run.cost_cap_usd != null) {
          const spent = await runCost(ctx, run.id);
          if (spent + maxCostUsd > run.cost_cap_usd) {
            throw new Error(
              `cost cap reached: US$${spent.toFixed(4)} spent, this call could cost up to US$${maxCostUsd.toFixed(4)}, cap US$${run.cost_cap_usd}`,
            );
          }
        }
      },
    });
  } catch (error) {
    if (error instanceof LlmError && !error.retryable) throw new UnrecoverableError(error.message);
    throw error;
  }
}
