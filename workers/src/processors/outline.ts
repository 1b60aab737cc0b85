import { items, qs } from '@aula/data';
import { headingAnchor, outlineFor, RunRequest } from '@aula/domain';
import { courseFlow } from '@aula/jobs';
import { OUTLINE_PROMPT_VERSION, outlineMessages } from '@aula/llm/prompts';
import { UnrecoverableError } from 'bullmq';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { ledgerOf, type StepJob, withStep } from '../steps.ts';
import { REFERENCES_OFF } from './references.ts';

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
    // Without Browser Use no reference search can run: those steps are skipped now, with no jobs.
    await ledger.planCourse(
      data.runId,
      ids,
      ctx.referencesEnabled ? undefined : { kinds: ['references'], detail: { reason: REFERENCES_OFF } },
    );
    await ctx.queue.flows.add(courseFlow(data.runId, ids, { references: ctx.referencesEnabled }));
  };
  await withStep(
    ctx,
    job,
    { runId: data.runId, kind: 'outline', target: null },
    async (run, mark, attempt) => {
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
      mark('provider');

      // A previous attempt may have crashed half-way through writing: start from a clean course (before
      // the first attempt nothing was written: no need to look). The course's own fields meanwhile.
      const modules = items(ctx.api, 'modules');
      const courseWritten = items(ctx.api, 'courses').update(courseId, {
        title: outline.title,
        summary: outline.summary,
        audience: request.audience ?? outline.audience,
      });
      courseWritten.catch(() => {});
      await attempt.counted;
      if (attempt.number > 1) {
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
