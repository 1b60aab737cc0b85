import { items, qs } from '@aula/data';
import { headingAnchor, outlineFor, RunRequest } from '@aula/domain';
import { courseFlow, courseLessonId, type LessonAhead } from '@aula/jobs';
import { OUTLINE_PROMPT_VERSION, outlineMessages } from '@aula/llm/prompts';
import { UnrecoverableError } from 'bullmq';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { coverAhead } from '../cover.ts';
import { ledgerOf, type Run, type StepJob, withStep } from '../steps.ts';
import { REFERENCES_OFF } from './references.ts';

/**
 * Outline → one step row per artefact and the BullMQ flow (the run ledger's `courseFlow`: assemble waits
 * for every quiz, which waits for its lesson, and every reference search), alongside the modules and
 * lessons in Directus (keys made here); then the course's cover, ahead of assemble.
 */
export async function outline(
  ctx: WorkerCtx,
  job: StepJob,
  data: { runId: string; ahead?: { run: Record<string, unknown> } | undefined },
) {
  const lessonIds: string[] = [];
  const ahead = new Map<string, LessonAhead>();
  let planDone = false;
  let stepRun: Run | undefined;
  // Without Browser Use no reference search can run: those steps are skipped now, with no jobs.
  const planSteps = (ids: string[]) =>
    ledgerOf(ctx).planCourse(
      data.runId,
      ids,
      ctx.referencesEnabled ? undefined : { kinds: ['references'], detail: { reason: REFERENCES_OFF } },
    );
  const addFlow = (ids: string[]) =>
    ctx.queue.flows.add(courseFlow(data.runId, ids, { references: ctx.referencesEnabled, ahead }));
  // A retried outline whose step finished: the step rows and the jobs at once (a lesson job that reads its
  // step before the row is written creates it; the plan then writes the others after a read, `planCourse`).
  const plan = async (ids: string[]) => {
    await Promise.all([planSteps(ids), addFlow(ids)]);
  };
  await withStep(
    ctx,
    job,
    { runId: data.runId, kind: 'outline', target: null },
    async (run, mark, attempt) => {
      stepRun = run;
      const request = RunRequest.parse(run.request);
      if (request.kind !== 'course') throw new UnrecoverableError(`an outline was asked of a ${request.kind} run`);
      const courseId = run.course as string;
      // What each lesson's brief needs of the course besides the outline, read while the provider answers.
      const course = items(ctx.api, 'courses').get(courseId, { fields: ['level', 'language'] });
      course.catch(() => {});
      // The lessons' keys are made here, by position (the same on every try): their step rows are written
      // while the provider answers (once the ledger's read says the step is to run), so the lessons' jobs,
      // added as soon as the outline is parsed, find them.
      const ids = Array.from({ length: request.lessonCount }, (_, position) => courseLessonId(run.id, position));
      const stepsPlanned = attempt.counted.then(() => planSteps(ids));
      stepsPlanned.catch(() => {});
      // Exactly lessonCount lessons, in the schema the provider is sent; a surplus is trimmed, a
      // shortfall gets the one repair call and then fails the step with a sentence saying so.
      const result = await generate(ctx, run, {
        schema: outlineFor(request.lessonCount),
        schemaName: 'course_outline',
        messages: outlineMessages(request),
        maxOutputTokens: 600 + 250 * request.lessonCount,
        signal: attempt.signal,
      });
      const outline = result.object;
      mark('provider');

      // Nothing is written or queued before the ledger's read says the step is to run (started ahead, with
      // the run the course API put on the job, the read went alongside the call).
      const number = await attempt.counted;
      // The lessons in course order, each with its key made here (the same on every try): their steps and
      // jobs start now, alongside the writing of their rows, so each lesson's provider call starts at once.
      // A lesson stores its text only once this step is completed by this try (lesson.ts), so never into a
      // row that is not written yet or that a later try writes again.
      const ordered = outline.modules.flatMap((_, moduleIndex) =>
        outline.lessons.filter((l) => l.module === moduleIndex + 1),
      );
      if (ordered.length !== ids.length)
        throw new UnrecoverableError(`the outline has ${ordered.length} lessons in its modules, not ${ids.length}`);
      const idOf = new Map(ordered.map((lesson, position) => [lesson, ids[position] as string]));
      const { level, language } = await course;
      const outlineText = outline.modules
        .map(
          (mod, moduleIndex) =>
            `${mod.title}\n${outline.lessons
              .filter((l) => l.module === moduleIndex + 1)
              .map((l) => `  - ${l.title}`)
              .join('\n')}`,
        )
        .join('\n');
      ordered.forEach((lesson, position) => {
        const lessonId = ids[position] as string;
        ahead.set(lessonId, {
          run: {
            id: run.id,
            course: courseId,
            status: 'running',
            request: run.request,
            provider: run.provider ?? null,
            model: run.model ?? null,
            cost_cap_usd: run.cost_cap_usd ?? null,
            progress_total: run.progress_total ?? null,
          },
          brief: {
            language: String(language),
            courseTitle: outline.title,
            audience: request.audience ?? outline.audience ?? '',
            level: String(level),
            outline: outlineText,
            lessonTitle: lesson.title,
            objectives: lesson.objectives,
            estimatedMinutes: lesson.estimatedMinutes ?? 15,
          },
          outlineAttempt: number,
        });
      });
      lessonIds.push(...ids);
      const planned = addFlow(ids);
      planned.catch(() => {});
      const modules = items(ctx.api, 'modules');
      const courseWritten = items(ctx.api, 'courses').update(courseId, {
        title: outline.title,
        summary: outline.summary,
        audience: request.audience ?? outline.audience,
      });
      courseWritten.catch(() => {});
      // A previous attempt may have crashed half-way through writing: start from a clean course (before
      // the first attempt nothing was written: no need to look). No lesson wrote into those rows: none
      // stores before this step is completed.
      if (number > 1) {
        const existing = await modules.list({ filter: { course: { _eq: courseId } }, fields: ['id'] });
        if (existing.length > 0) await modules.removeWhere({ course: { _eq: courseId } });
      }
      // The modules, each with its lessons in the same request, all at once; slugs numbered in course order.
      const firstPosition = outline.modules.map(
        (_, moduleIndex) => outline.lessons.filter((l) => l.module < moduleIndex + 1).length,
      );
      await Promise.all([
        ...outline.modules.map((mod, moduleIndex) => {
          const moduleLessons = outline.lessons.filter((l) => l.module === moduleIndex + 1);
          return ctx.api.request('POST', `/items/modules${qs({ fields: ['id'] })}`, {
            course: courseId,
            title: mod.title,
            summary: mod.summary,
            sort: moduleIndex + 1,
            lessons: moduleLessons.map((lesson, lessonIndex) => ({
              id: idOf.get(lesson),
              course: courseId,
              slug: `${(firstPosition[moduleIndex] ?? 0) + lessonIndex + 1}-${headingAnchor(lesson.title).slice(0, 80) || 'leccion'}`,
              title: lesson.title,
              objectives: lesson.objectives,
              estimated_minutes: lesson.estimatedMinutes,
              sort: lessonIndex + 1,
            })),
          });
        }),
        courseWritten,
        planned,
        stepsPlanned,
      ]);
      planDone = true;
      return {
        calls: [result],
        detail: { modules: outline.modules.length, lessons: lessonIds.length },
        promptVersion: OUTLINE_PROMPT_VERSION,
      };
    },
    // The course's cover, drawn now that its title is written, while the lessons are being written:
    // assemble, in this process, takes it from here (`coverAhead`).
    async (kept) => {
      if ((await kept) && stepRun) await coverAhead(ctx, stepRun);
    },
    { ahead: data.ahead?.run as Run | undefined },
  );
  if (planDone) return;
  // The outline was written but the run was cancelled meanwhile: nothing to plan.
  if (lessonIds.length > 0) return;

  // Step was already done (a retry after a crash) or the run stopped: rebuild the list from Directus.
  const run = await ledgerOf(ctx).read(data.runId);
  if (!['running', 'queued'].includes(run.status)) return;
  const lessons = await items(ctx.api, 'lessons').list({
    filter: { course: { _eq: run.course } },
    fields: ['id'],
    sort: ['module.sort', 'sort'],
  });
  await plan(lessons.map((l) => l.id as string));
}
