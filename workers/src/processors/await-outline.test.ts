import { describe, expect, it } from 'vitest';
import type { WorkerCtx } from '../context.ts';
import { RunStopped } from '../steps.ts';
import { awaitOutline } from './lesson.ts';

const runId = crypto.randomUUID();

/** A worker context whose Directus answers the outline's step row from `answers`, one per read (the last repeats). */
function ctxReading(answers: ({ status: string; attempts: number } | undefined)[]) {
  const reads: string[] = [];
  const api = {
    request: async (method: string, path: string) => {
      reads.push(`${method} ${decodeURIComponent(path)}`);
      const row = answers[Math.min(reads.length - 1, answers.length - 1)];
      return row ? [{ id: 'step', kind: 'outline', target: null, ...row }] : [];
    },
  };
  return { ctx: { api, log: () => {}, notifyRunEnded: () => {} } as unknown as WorkerCtx, reads };
}

describe("a course's lesson waits for its outline's rows before it stores", () => {
  it('goes on once the outline step is completed by the try that wrote the brief, looking again meanwhile', async () => {
    const { ctx, reads } = ctxReading([
      undefined,
      { status: 'running', attempts: 1 },
      { status: 'completed', attempts: 1 },
    ]);
    await expect(awaitOutline(ctx, runId, 1)).resolves.toBeUndefined();
    expect(reads).toHaveLength(3);
    expect(reads[0]).toContain('/items/generation_steps');
    expect(reads[0]).toContain(runId);
    expect(reads[0]).toContain('outline');
  });

  it('reads once when the outline is written already', async () => {
    const { ctx, reads } = ctxReading([{ status: 'completed', attempts: 2 }]);
    await awaitOutline(ctx, runId, 2);
    await awaitOutline(ctx, runId, undefined);
    expect(reads).toHaveLength(2);
  });

  it('refuses a brief a later try of the outline replaced: a passing error, so the retry reads it again', async () => {
    const { ctx } = ctxReading([{ status: 'completed', attempts: 2 }]);
    const refused = await awaitOutline(ctx, runId, 1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(RunStopped);
    expect(String(refused)).toMatch(/written again/);
  });

  it('stops the lesson when the outline failed or was cancelled', async () => {
    for (const status of ['failed', 'cancelled']) {
      const { ctx } = ctxReading([{ status, attempts: 1 }]);
      await expect(awaitOutline(ctx, runId, 1)).rejects.toBeInstanceOf(RunStopped);
    }
  });

  it('gives up while the outline is still being written once the lesson is dropped', async () => {
    const { ctx, reads } = ctxReading([{ status: 'running', attempts: 1 }]);
    const controller = new AbortController();
    const waiting = awaitOutline(ctx, runId, 1, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/not written yet/);
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });
});
