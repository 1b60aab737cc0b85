import { saveLessonBody, saveRegenerationResult } from '@aula/data';
import { LessonOutput, RegenerationResult } from '@aula/domain';
import { LESSON_PROMPT_VERSION, lessonMessages, rewriteLessonMessages } from '@aula/llm/prompts';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { type StepJob, withStep } from '../steps.ts';
import { loadLessonBrief, tidyMarkdown } from './lesson-brief.ts';

/**
 * Writes one lesson's Markdown. A regeneration run (the editor's instruction) does not overwrite:
 * it stores the text it started from and the new one on the run, for a person to accept or discard.
 */
export async function lesson(ctx: WorkerCtx, job: StepJob, data: { runId: string; lessonId: string }) {
  await withStep(ctx, job, { runId: data.runId, kind: 'lesson', target: data.lessonId }, async (run) => {
    const { lesson, brief } = await loadLessonBrief(ctx, data.lessonId);
    const instruction = run.request.kind === 'lesson' ? (run.request.instruction as string) : undefined;
    const result = await generate(ctx, run, {
      schema: LessonOutput,
      schemaName: 'lesson_markdown',
      messages:
        instruction && lesson.body ? rewriteLessonMessages(brief, lesson.body, instruction) : lessonMessages(brief),
      maxOutputTokens: 4_000,
    });
    const body = tidyMarkdown(result.object.markdown);
    if (run.request.kind === 'lesson') {
      const regeneration = RegenerationResult.parse({
        kind: 'lesson',
        lessonId: data.lessonId,
        before: { body: lesson.body ?? '' },
        after: { body },
      });
      await saveRegenerationResult(ctx.api, run.id, regeneration);
    } else {
      await saveLessonBody(ctx.api, data.lessonId, body);
    }
    return { calls: [result], detail: { promptVersion: LESSON_PROMPT_VERSION } };
  });
}
