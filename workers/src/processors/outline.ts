import { items } from '@aula/data';
import { headingAnchor, outlineFor, RunRequest } from '@aula/domain';
import { courseFlow } from '@aula/jobs';
import { OUTLINE_PROMPT_VERSION, outlineMessages } from '@aula/llm/prompts';
import { UnrecoverableError } from 'bullmq';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { ledgerOf, type StepJob, withStep } from '../steps.ts';

/**
 * Outline → modules and lessons in Directus → one step row per artefact → the BullMQ flow
 * (the run ledger's `courseFlow`: assemble waits for every quiz, which waits for its lesson, and
 * every reference search).
 */
export async function outline(ctx: WorkerCtx, job: StepJob, data: { runId: string }) {
  const lessonIds: string[] = [];
  let planned = false;
  const plan = async (ids: string[]) => {
    const ledger = ledgerOf(ctx);
    await ledger.planCourse(data.runId, ids);
    await ctx.queue.flows.add(courseFlow(data.runId, ids));
  };
  await withStep(
    ctx,
    job,
    { runId: data.runId, kind: 'outline', target: null },
    async (run) => {
      const request = RunRequest.parse(run.request);
      if (request.kind !== 'course') throw new UnrecoverableError(`an outline was asked of a ${request.kind} run`);
      const courseId = run.course as string;
      // Exactly lessonCount lessons, in the schema the provider is sent; a surplus is trimmed, a
      // shortfall gets the one repair call and then fails the step with a sentence saying so.
      const result = await generate(ctx, run, {
        schema: outlineFor(request.lessonCount),
        schemaName: 'course_outline',
        messages: outlineMessages(request),
        maxOutputTokens: 600 + 250 * request.lessonCount,
      });
      const outline = result.object;

      // A previous attempt may have crashed half-way through writing: start from a clean course.
      const modules = items(ctx.api, 'modules');
      const existing = await modules.list({ filter: { course: { _eq: courseId } }, fields: ['id'] });
      for (const m of existing) await modules.remove(m.id as string);

      await items(ctx.api, 'courses').update(courseId, {
        title: outline.title,
        summary: outline.summary,
        audience: request.audience ?? outline.audience,
      });
      // The modules (each with its lessons) at once; slugs numbered in course order.
      const firstPosition = outline.modules.map(
        (_, moduleIndex) => outline.lessons.filter((l) => l.module < moduleIndex + 1).length,
      );
      const perModule = await Promise.all(
        outline.modules.map(async (mod, moduleIndex) => {
          const moduleLessons = outline.lessons.filter((l) => l.module === moduleIndex + 1);
          const created = await modules.create({
            course: courseId,
            title: mod.title,
            summary: mod.summary,
            sort: moduleIndex + 1,
          });
          const lessons = await items(ctx.api, 'lessons').createMany(
            moduleLessons.map((lesson, lessonIndex) => ({
              course: courseId,
              module: created.id,
              slug: `${(firstPosition[moduleIndex] ?? 0) + lessonIndex + 1}-${headingAnchor(lesson.title).slice(0, 80) || 'leccion'}`,
              title: lesson.title,
              objectives: lesson.objectives,
              estimated_minutes: lesson.estimatedMinutes,
              sort: lessonIndex + 1,
            })),
          );
          return lessons.map((l) => l.id);
        }),
      );
      lessonIds.push(...perModule.flat());
      return {
        calls: [result],
        detail: { modules: outline.modules.length, lessons: lessonIds.length },
        promptVersion: OUTLINE_PROMPT_VERSION,
      };
    },
    // The lessons' steps and jobs, as soon as the outline is written (alongside the run's totals).
    async () => {
      await plan(lessonIds);
      planned = true;
    },
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
