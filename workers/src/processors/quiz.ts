import { listQuizQuestionDrafts } from '@aula/data';
import { markdownHeadingAnchors, QuizOutput, RegenerationResult } from '@aula/domain';
import { QUIZ_PROMPT_VERSION, quizMessages } from '@aula/llm/prompts';
import { UnrecoverableError } from 'bullmq';
import { generate } from '../call-llm.ts';
import { checkGeneratedQuiz } from '../check-quiz.ts';
import type { WorkerCtx } from '../context.ts';
import { type Run, RunStopped, type StepJob, withStep } from '../steps.ts';
import { type LessonBriefed, loadLessonBrief } from './lesson-brief.ts';

/**
 * The quiz of one lesson: upserted by lesson (one quiz per lesson), its questions replaced as a whole,
 * so a retry never leaves duplicates. The quiz checks run before anything is stored (../check-quiz.ts):
 * a failing question is rewritten once, what still fails is kept as flags for review.
 * A regeneration run does not overwrite: it stores the questions before and after on the run.
 */
export async function quiz(
  ctx: WorkerCtx,
  job: StepJob,
  data: { runId: string; lessonId: string },
  /** The lesson as its step just wrote it (`quizAfterLesson`): not read again from Directus. */
  written?: LessonBriefed,
  /** Whether that lesson's result was written: nothing of the quiz is stored before it is. */
  lessonKept?: Promise<boolean>,
  /** The run as the lesson's step had it: the quiz's call starts before its own step is read. */
  ahead?: Run,
) {
  await withStep(
    ctx,
    job,
    { runId: data.runId, kind: 'quiz', target: data.lessonId },
    async (run, mark, attempt) => {
      const { lesson, brief } = written ?? (await loadLessonBrief(ctx, data.lessonId));
      if (!lesson.body) throw new UnrecoverableError('the lesson has no text yet');
      const sections = markdownHeadingAnchors(lesson.body);
      const instruction = run.request.kind === 'quiz' ? (run.request.instruction as string) : undefined;
      const result = await generate(ctx, run, {
        schema: QuizOutput,
        schemaName: 'lesson_quiz',
        messages: quizMessages({
          language: brief.language,
          lessonTitle: lesson.title,
          lessonBody: lesson.body,
          sections,
          instruction,
        }),
        maxOutputTokens: 3_000,
        signal: attempt.signal,
      });
      mark('provider');
      const checked = await checkGeneratedQuiz(
        ctx,
        run,
        { title: lesson.title, body: lesson.body, language: brief.language, sections },
        result.object.questions,
      );
      const drafts = checked.drafts;
      const calls = [result, ...checked.calls];
      const detail = { questions: drafts.length, ...checked.detail };

      if (run.request.kind === 'quiz') {
        const quizId = run.request.quizId as string;
        const regeneration = RegenerationResult.parse({
          kind: 'quiz',
          quizId,
          lessonId: data.lessonId,
          before: { questions: await listQuizQuestionDrafts(ctx.api, quizId) },
          after: { questions: drafts },
        });
        // Kept on the run by the ledger, for a person to accept or discard.
        return { calls, detail, promptVersion: QUIZ_PROMPT_VERSION, result: regeneration };
      }

      // The lesson this quiz was made from was dropped (its run was cancelled) or not stored (a passing
      // error: the quiz step goes back to queued, for its own job after the lesson's is retried).
      if (lessonKept && !(await lessonKept)) throw new RunStopped();
      mark('lesson kept');
      // The quiz (upserted by lesson, its questions replaced as a whole) is written with the step's result,
      // in one transaction of the course API, once the ledger's read said this step is to run.
      const write = {
        kind: 'quiz' as const,
        lessonId: data.lessonId,
        quiz: { course: lesson.course.id, title: lesson.title, pass_score: 70 },
        drafts,
      };
      return { calls, detail, promptVersion: QUIZ_PROMPT_VERSION, write };
    },
    undefined,
    { ahead },
  );
}

/** The quiz's own job gives up on a passing error after its attempts; this first try leaves it that job. */
const FIRST_TRY: StepJob = { attemptsMade: 0, opts: { attempts: 2 } };

/**
 * A course's quiz right after its lesson, in the lesson's job, from the text it just wrote: no queue hop
 * and no read of the lesson. Its provider call starts while the lesson is being stored; the quiz is
 * stored once `lessonKept` says the lesson was. The quiz job (the flow's, which waits for the lesson) still runs: it finds
 * the step finished and skips it, or, when this try met a passing error (the step went back to queued),
 * does it again as usual. A permanent error fails the run here as it would there.
 */
export async function quizAfterLesson(
  ctx: WorkerCtx,
  data: { runId: string; lessonId: string },
  written: LessonBriefed,
  lessonKept: Promise<boolean>,
  run?: Run,
) {
  try {
    await quiz(ctx, FIRST_TRY, { runId: data.runId, lessonId: data.lessonId }, written, lessonKept, run);
  } catch (error) {
    ctx.log('quiz after its lesson: left to the quiz job', {
      lesson: data.lessonId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
