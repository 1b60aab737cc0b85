import { saveLessonBody } from '@aula/data';
import { LessonOutput, RegenerationResult } from '@aula/domain';
import type { LessonAhead } from '@aula/jobs';
import { LESSON_PROMPT_VERSION, lessonMessages, rewriteLessonMessages } from '@aula/llm/prompts';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import type { Run } from '../steps.ts';
import { type StepJob, withStep } from '../steps.ts';
import { lessonBriefAhead, loadLessonBrief, tidyMarkdown } from './lesson-brief.ts';
import { quizAfterLesson } from './quiz.ts';

/**
 * Writes one lesson's Markdown (readable, stored, as soon as it is written); in a course run its quiz
 * follows in the same job, its provider call starting as soon as the lesson's text is in hand (it is
 * stored only once the lesson is). A regeneration run (the editor's instruction) does not overwrite:
 * it stores the text it started from and the new one on the run, for a person to accept or discard.
 */
export async function lesson(
  ctx: WorkerCtx,
  job: StepJob,
  data: { runId: string; lessonId: string; ahead?: LessonAhead | undefined },
) {
  // A course's lesson job carries its brief and run (the outline put them there): its provider call
  // starts at once, while the ledger reads the run and the step and marks it running; otherwise the brief
  // is read while the ledger reads (wasted only when the step is skipped).
  const ahead = data.ahead?.run as Run | undefined;
  const briefed = data.ahead
    ? Promise.resolve(lessonBriefAhead(data.lessonId, data.ahead))
    : loadLessonBrief(ctx, data.lessonId);
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
      async (run, mark, attempt) => {
        const { lesson, brief } = await briefed;
        mark('brief');
        const instruction = run.request.kind === 'lesson' ? (run.request.instruction as string) : undefined;
        const result = await generate(ctx, run, {
          schema: LessonOutput,
          schemaName: 'lesson_markdown',
          messages:
            instruction && lesson.body ? rewriteLessonMessages(brief, lesson.body, instruction) : lessonMessages(brief),
          maxOutputTokens: 4_000,
          signal: attempt.signal,
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
          quizRun = quizAfterLesson(ctx, data, { lesson: { ...lesson, body }, brief }, lessonKept, run);
        // Stored only once the ledger's read says the step is to run (started ahead, the read went alongside).
        await attempt.counted;
        mark('counted');
        await saveLessonBody(ctx.api, data.lessonId, body);
        mark('stored');
        return { calls: [result], promptVersion };
      },
      async (kept) => {
        kept.then(settleKept?.resolve, settleKept?.reject);
        await quizRun;
      },
      { ahead },
    );
  } finally {
    // The lesson was not written (its body or the ledger failed): the quiz keeps nothing, and goes back
    // to its own job.
    settleKept?.reject(new Error('the lesson was not stored'));
    await quizRun;
  }
}
