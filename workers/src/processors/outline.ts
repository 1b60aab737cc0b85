import { items, qs } from '@aula/data';
import { headingAnchor, outlineFor, RunRequest } from '@aula/domain';
import { courseFlow, type LessonAhead } from '@aula/jobs';
import { OUTLINE_PROMPT_VERSION, outlineMessages } from '@aula/llm/prompts';
import { UnrecoverableError } from 'bullmq';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { ledgerOf, type Run, type StepJob, withStep } from '../steps.ts';
import { REFERENCES_OFF } from './references.ts';

/**
 * Outline → modules and lessons in Directus → one step row per artefact → the BullMQ flow
 * (the run ledger's `courseFlow`: assemble waits for every quiz, which waits for its lesson, and
 * every reference search).
 */
export async function outline(
  ctx: WorkerCtx,
  job: StepJob,
  data: { runId: string; ahead?: { run: Record<string, unknown> } | undefined },
) {
  const lessonIds: string[] = [];
  const ahead = new Map<string, LessonAhead>();
  let planned = false;
  const plan = async (ids: string[]) => {
    const ledger = ledgerOf(ctx);
    // Without Browser Use no reference search can run: those steps are skipped now, with no jobs. The
    // step rows and the jobs at once: a lesson job that reads its step before the row is written
    // creates it (the plan then writes the others after a read, `planCourse`).
    const steps = ledger.planCourse(
      data.runId,
      ids,
      ctx.referencesEnabled ? undefined : { kinds: ['references'], detail: { reason: REFERENCES_OFF } },
    );
    const jobs = ctx.queue.flows.add(courseFlow(data.runId, ids, { references: ctx.referencesEnabled, ahead }));
    await Promise.all([steps, jobs]);
  };
  await withStep(
    ctx,
    job,
    { runId: data.runId, kind: 'outline', target: null },
    async (run, mark, attempt) => {
      const request = RunRequest.parse(run.request);
      if (request.kind !== 'course') throw new UnrecoverableError(`an outline was asked of a ${request.kind} run`);
      const courseId = run.course as string;
      // What each lesson's brief needs of the course besides the outline, read while the provider answers.
      const course = items(ctx.api, 'courses').get(courseId, { fields: ['level', 'language'] });
      course.catch(() => {});
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

      // Nothing is written before the ledger's read says the step is to run (started ahead, with the run
      // the course API put on the job, the read went alongside the call). A previous attempt may have
      // crashed half-way through writing: start from a clean course (before the first attempt nothing
      // was written: no need to look). The course's own fields meanwhile.
      const number = await attempt.counted;
      const modules = items(ctx.api, 'modules');
      const courseWritten = items(ctx.api, 'courses').update(courseId, {
        title: outline.title,
        summary: outline.summary,
        audience: request.audience ?? outline.audience,
      });
      courseWritten.catch(() => {});
      if (number > 1) {
        const existing = await modules.list({ filter: { course: { _eq: courseId } }, fields: ['id'] });
        if (existing.length > 0) await modules.removeWhere({ course: { _eq: courseId } });
      }
      // The modules, each with its lessons in the same request, all at once; slugs numbered in course order.
      const firstPosition = outline.modules.map(
        (_, moduleIndex) => outline.lessons.filter((l) => l.module < moduleIndex + 1).length,
      );
      const perModule = await Promise.all(
        outline.modules.map(async (mod, moduleIndex) => {
          const moduleLessons = outline.lessons.filter((l) => l.module === moduleIndex + 1);
          const created = await ctx.api.request<{ lessons: { id: string; sort: number }[] }>(
            'POST',
            `/items/modules${qs({ fields: ['id', 'lessons.id', 'lessons.sort'] })}`,
            {
              course: courseId,
              title: mod.title,
              summary: mod.summary,
              sort: moduleIndex + 1,
              lessons: moduleLessons.map((lesson, lessonIndex) => ({
                course: courseId,
                slug: `${(firstPosition[moduleIndex] ?? 0) + lessonIndex + 1}-${headingAnchor(lesson.title).slice(0, 80) || 'leccion'}`,
                title: lesson.title,
                objectives: lesson.objectives,
                estimated_minutes: lesson.estimatedMinutes,
                sort: lessonIndex + 1,
              })),
            },
          );
          return [...created.lessons].sort((a, b) => a.sort - b.sort).map((l) => l.id);
        }),
      );
      await courseWritten;
      lessonIds.push(...perModule.flat());
      // Each lesson's job carries its brief and the run: its provider call starts without reading them.
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
      const ordered = outline.modules.flatMap((_, moduleIndex) =>
        outline.lessons.filter((l) => l.module === moduleIndex + 1),
      );
      ordered.forEach((lesson, index) => {
        const lessonId = lessonIds[index];
        if (!lessonId) return;
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
        });
      });
      return {
        calls: [result],
        detail: { modules: outline.modules.length, lessons: lessonIds.length },
        promptVersion: OUTLINE_PROMPT_VERSION,
      };
    },
    // The lessons' steps and jobs, as soon as the outline is written (alongside the run's totals).
    async (kept) => {
      if (!(await kept)) return;
      await plan(lessonIds);
      planned = true;
    },
    { ahead: data.ahead?.run as Run | undefined },
  );
  if (planned) return;
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
