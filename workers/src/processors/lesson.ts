import { saveLessonBody } from '@aula/data';
import { LessonOutput, RegenerationResult } from '@aula/domain';
import { LESSON_PROMPT_VERSION, lessonMessages, rewriteLessonMessages } from '@aula/llm/prompts';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { type StepJob, withStep } from '../steps.ts';
import { type LessonBriefed, loadLessonBrief, tidyMarkdown } from './lesson-brief.ts';
import { quizAfterLesson } from './quiz.ts';

/**
 * Writes one lesson's Markdown (readable, stored, as soon as it is written); in a course run its quiz
 * follows in the same job. A regeneration run (the editor's instruction) does not overwrite:
 * it stores the text it started from and the new one on the run, for a person to accept or discard.
 */
export async function lesson(ctx: WorkerCtx, job: StepJob, data: { runId: string; lessonId: string }) {
  let written: LessonBriefed | undefined;
  await withStep(
    ctx,
    job,
    { runId: data.runId, kind: 'lesson', target: data.lessonId },
    async (run) => {
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
      const promptVersion = LESSON_PROMPT_VERSION;
      if (run.request.kind === 'lesson') {
        // Kept on the run by the ledger, for a person to accept or discard.
        const regeneration = RegenerationResult.parse({
          kind: 'lesson',
          lessonId: data.lessonId,
          before: { body: lesson.body ?? '' },
          after: { body },
        });
        return { calls: [result], promptVersion, result: regeneration };
      }
      await saveLessonBody(ctx.api, data.lessonId, body);
      if (run.request.kind === 'course') written = { lesson: { ...lesson, body }, brief };
      return { calls: [result], promptVersion };
    },
    // A course's quiz needs this lesson's text: it starts as soon as the lesson is written, from the
    // text in memory (quiz.ts).
    async () => {
      if (written) await quizAfterLesson(ctx, data, written);
    },
  );
}
