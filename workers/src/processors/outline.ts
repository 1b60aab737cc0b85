import { items } from '@aula/data';
import { headingAnchor, outlineFor, RunRequest } from '@aula/domain';
import { defaultJobOptions, GENERATION_QUEUE, jobId } from '@aula/jobs';
import { OUTLINE_PROMPT_VERSION, outlineMessages } from '@aula/llm/prompts';
import { UnrecoverableError } from 'bullmq';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { ensureSteps, type StepJob, withStep } from '../steps.ts';

/**
 * Outline → modules and lessons in Directus → one step row per artefact → the BullMQ flow:
 * assemble waits for every quiz (which waits for its lesson) and every reference search.
 */
export async function outline(ctx: WorkerCtx, job: StepJob, data: { runId: string }) {
  let lessonIds: string[] = [];
  await withStep(ctx, job, { runId: data.runId, kind: 'outline', target: null }, async (run) => {
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
    let position = 0;
    for (const [moduleIndex, mod] of outline.modules.entries()) {
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
          slug: `${++position}-${headingAnchor(lesson.title).slice(0, 80) || 'leccion'}`,
          title: lesson.title,
          objectives: lesson.objectives,
          estimated_minutes: lesson.estimatedMinutes,
          sort: lessonIndex + 1,
        })),
      );
      lessonIds.push(...lessons.map((l) => l.id));
    }
    return {
      calls: [result],
      detail: { promptVersion: OUTLINE_PROMPT_VERSION, modules: outline.modules.length, lessons: lessonIds.length },
    };
  });

  if (lessonIds.length === 0) {
    // Step was already done (a retry after a crash) or the run stopped: rebuild the list from Directus.
    const run = await items(ctx.api, 'generation_runs').get(data.runId, { fields: ['status', 'course'] });
    if (!['running', 'queued'].includes(run.status)) return;
    const lessons = await items(ctx.api, 'lessons').list({
      filter: { course: { _eq: run.course } },
      fields: ['id'],
      sort: ['module.sort', 'sort'],
    });
    lessonIds = lessons.map((l) => l.id as string);
  }

  await ensureSteps(ctx, data.runId, [
    ...lessonIds.flatMap((lessonId) =>
      (['lesson', 'quiz', 'references'] as const).map((kind) => ({ kind, target: lessonId })),
    ),
    { kind: 'assemble', target: null },
  ]);
  await items(ctx.api, 'generation_runs').update(data.runId, { progress_total: 3 * lessonIds.length + 2 });

  const child = (name: 'lesson' | 'quiz' | 'references', lessonId: string) => ({
    name,
    queueName: GENERATION_QUEUE,
    data: { runId: data.runId, lessonId },
    opts: { ...defaultJobOptions, jobId: jobId(name, { runId: data.runId, lessonId }), failParentOnFailure: true },
  });
  await ctx.queue.flows.add({
    name: 'assemble',
    queueName: GENERATION_QUEUE,
    data: { runId: data.runId },
    opts: { ...defaultJobOptions, jobId: jobId('assemble', data) },
    children: lessonIds.flatMap((lessonId) => [
      { ...child('quiz', lessonId), children: [child('lesson', lessonId)] },
      child('references', lessonId),
    ]),
  });
}
