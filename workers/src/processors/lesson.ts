import { saveLessonBody } from '@aula/data';
import { LessonOutput, RegenerationResult } from '@aula/domain';
import { LESSON_PROMPT_VERSION, lessonMessages, rewriteLessonMessages } from '@aula/llm/prompts';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { type StepJob, withStep } from '../steps.ts';
import { loadLessonBrief, tidyMarkdown } from './lesson-brief.ts';
import { quizAfterLesson } from './quiz.ts';

/**
 * Writes one lesson's Markdown (readable, stored, as soon as it is written); in a course run its quiz
 * follows in the same job, its provider call starting as soon as the lesson's text is in hand (it is
 * stored only once the lesson is). A regeneration run (the editor's instruction) does not overwrite:
 * it stores the text it started from and the new one on the run, for a person to accept or discard.
 */
export async function lesson(ctx: WorkerCtx, job: StepJob, data: { runId: string; lessonId: string }) {
  // Read while the ledger reads the run and the step (wasted only when the step is skipped).
  const briefed = loadLessonBrief(ctx, data.lessonId);
  briefed.catch(() => {});
  // Whether this lesson's result was written: the quiz that started from its text stores nothing before.
  let settleKept: { resolve: (kept: boolean) => void; reject: (error: unknown) => void } | undefined;
  const lessonKept = new Promise<boolean>((resolve, reject) => {
    settleKept = { resolve, reject };
  });
  lessonKept.catch(() => {});
  let quizRun: Promise<void> | undefined;
  try {
    await withStep(
      ctx,
      job,
      { runId: data.runId, kind: 'lesson', target: data.lessonId },
      async (run, mark) => {
        const { lesson, brief } = await briefed;
        mark('brief');
        const instruction = run.request.kind === 'lesson' ? (run.request.instruction as string) : undefined;
        const result = await generate(ctx, run, {
          schema: LessonOutput,
          schemaName: 'lesson_markdown',
          messages:
            instruction && lesson.body ? rewriteLessonMessages(brief, lesson.body, instruction) : lessonMessages(brief),
          maxOutputTokens: 4_000,
        });
        mark('provider');
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
        // A course's quiz needs this lesson's text: its call starts now, from the text in memory (quiz.ts).
        if (run.request.kind === 'course')
          quizRun = quizAfterLesson(ctx, data, { lesson: { ...lesson, body }, brief }, lessonKept);
        await saveLessonBody(ctx.api, data.lessonId, body);
        mark('stored');
        return { calls: [result], promptVersion };
      },
      async (kept) => {
        kept.then(settleKept?.resolve, settleKept?.reject);
        await quizRun;
      },
    );
  } finally {
    // The lesson was not written (its body or the ledger failed): the quiz keeps nothing, and goes back
    // to its own job.
    settleKept?.reject(new Error('the lesson was not stored'));
    await quizRun;
  }
}
