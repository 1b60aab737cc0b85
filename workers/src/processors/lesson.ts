import { LessonOutput, RegenerationResult } from '@aula/domain';
import type { LessonAhead } from '@aula/jobs';
import { LESSON_PROMPT_VERSION, lessonMessages, rewriteLessonMessages } from '@aula/llm/prompts';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import type { Run } from '../steps.ts';
import { ledgerOf, RunStopped, type StepJob, withStep } from '../steps.ts';
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
  // A course's lesson job carries its brief and run (the outline put them there): on its first try its
  // provider call starts at once, while the ledger reads the run and the step and marks it running. A
  // retried one reads its brief once its course's outline is written (a later try of the outline may
  // have written another). A job without them (a regeneration, a retried run's flow) reads its brief
  // while the ledger reads (wasted only when the step is skipped).
  const fresh = data.ahead && job.attemptsMade === 0 ? data.ahead : undefined;
  const ahead = data.ahead?.run as Run | undefined;
  const briefed = fresh
    ? Promise.resolve(lessonBriefAhead(data.lessonId, fresh))
    : data.ahead
      ? undefined
      : loadLessonBrief(ctx, data.lessonId);
  briefed?.catch(() => {});
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
        // A course's lesson writes into the row its outline wrote: its text is stored only once the outline's
        // step is completed (by the try that wrote the brief, when it came with the job). Checked once this
        // step is counted, while the provider answers.
        const outlineWritten =
          run.request.kind === 'course'
            ? (briefed ? attempt.counted : Promise.resolve()).then(() =>
                awaitOutline(ctx, data.runId, fresh?.outlineAttempt, attempt.signal),
              )
            : Promise.resolve();
        outlineWritten.catch(() => {});
        const { lesson, brief } = await (briefed ?? outlineWritten.then(() => loadLessonBrief(ctx, data.lessonId)));
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
        await outlineWritten;
        mark('outline written');
        // The text is written with the step's result, in one transaction of the course API.
        return { calls: [result], promptVersion, write: { kind: 'lesson' as const, lessonId: data.lessonId, body } };
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

/** How long a lesson waits for its course's outline to be written before its try fails (a passing error). */
const OUTLINE_WAIT_MS = 15_000;
/**
 * How often it reads the outline's step meanwhile, for an outline written by another worker process;
 * one written by this process is known the moment its step is completed.
 */
const OUTLINE_LOOK_MS = 250;

/**
 * Resolves once the run's outline step is completed (so the course's modules and lessons are written),
 * by try `attempt` when given (the one that wrote this lesson's brief). Read once (usually done by
 * then); while it is still being written, it waits for this process to complete it (the ledger says so
 * at once) or reads it again a moment later (another process's). A later try completed it: the brief is
 * out of date, a passing error (the retry reads it). The outline stopped: `RunStopped`.
 */
export async function awaitOutline(
  ctx: WorkerCtx,
  runId: string,
  attempt: number | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const ledger = ledgerOf(ctx);
  const where = { runId, kind: 'outline' as const, target: null };
  const here = ledger.completedHere(where).then((n) => ({ status: 'completed', attempts: n }));
  const until = Date.now() + OUTLINE_WAIT_MS;
  // A read that loses the race to this process's own completion is not waited for (nor its error).
  const read = () => {
    const reading = ledger.stepOf(runId, 'outline', null);
    reading.catch(() => {});
    return reading;
  };
  let outline = await Promise.race([here, read()]);
  for (;;) {
    if (outline?.status === 'completed') {
      if (attempt !== undefined && outline.attempts !== attempt)
        throw new Error('the outline was written again after this lesson started: its brief is read again');
      return;
    }
    if (outline && ['failed', 'cancelled', 'skipped'].includes(outline.status))
      throw new RunStopped('the outline stopped');
    if (signal?.aborted || Date.now() > until) throw new Error('the course outline is not written yet');
    const look = new Promise<undefined>((r) => setTimeout(() => r(undefined), OUTLINE_LOOK_MS));
    outline = (await Promise.race([here, look])) ?? (await Promise.race([here, read()]));
  }
}
