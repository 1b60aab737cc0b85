import { AulaError, invalidFromIssues, isUuid, RegenerateRequest, ROLE_NAMES } from '@aula/domain';
import { type Ctx, requireRole } from '../context.ts';
import type { Row } from '../directus.ts';
import { regenerationCapUsd } from '../spend.ts';

/**
 * Regenerates one lesson or one quiz with an instruction, as a run of one step. The worker stores the
 * old and the new version on the run; nothing changes until someone accepts it
 * (decide-regeneration.ts), and then the item keeps its id, so progress and attempts stay attached.
 * Every regeneration has a cost cap: the request's, or AULA_REGENERATION_COST_CAP_USD.
 */
export async function regenerate({
  ctx,
  kind,
  id,
  input,
}: {
  ctx: Ctx;
  kind: 'lesson' | 'quiz';
  id: string;
  input: unknown;
}) {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  const parsed = RegenerateRequest.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  if (!isUuid(id)) throw new AulaError('not_found', `No such ${kind}.`);
  // A lesson (with its text) or a quiz (with its lesson).
  const [target]: (Pick<Row<'lessons'>, 'id' | 'course'> &
    Partial<Pick<Row<'lessons'>, 'body'>> &
    Partial<Pick<Row<'quizzes'>, 'lesson'>>)[] = await ctx
    .items(kind === 'lesson' ? 'lessons' : 'quizzes')
    .readByQuery({
      filter: { id: { _eq: id } },
      fields: kind === 'lesson' ? ['id', 'course', 'body'] : ['id', 'course', 'lesson'],
    });
  if (!target) throw new AulaError('not_found', `No such ${kind}.`);
  if (kind === 'lesson' && !target.body) throw new AulaError('conflict', 'This lesson has not been written yet.');
  const lessonId = kind === 'lesson' ? target.id : (target.lesson as string);

  const active = await ctx.items('generation_runs').readByQuery({
    filter: { course: { _eq: target.course }, status: { _in: ['queued', 'running'] } },
    fields: ['id'],
    limit: 1,
  });
  if (active.length > 0) throw new AulaError('conflict', 'A generation run is still working on this course.');

  const runId = await ctx.items('generation_runs').createOne({
    course: target.course,
    status: 'queued',
    request: { kind, ...(kind === 'quiz' ? { quizId: id } : {}), lessonId, ...parsed.data },
    provider: parsed.data.provider ?? null,
    model: parsed.data.model ?? null,
    cost_cap_usd: parsed.data.costCapUsd ?? regenerationCapUsd(ctx),
    requested_by: ctx.user,
    progress_total: 1,
  });
  try {
    await ctx.queue().enqueue(kind === 'lesson' ? 'regenerate-lesson' : 'regenerate-quiz', { runId, lessonId });
  } catch (error) {
    ctx.logger.error(error, 'aula: could not enqueue a regeneration');
    await ctx.items('generation_runs').updateOne(runId, {
      status: 'failed',
      error: 'Not queued: the job queue (Redis) did not answer, so nothing was regenerated. Retry the run.',
      finished_at: new Date().toISOString(),
    });
    throw new AulaError('unavailable', 'The job queue is unavailable right now; try again in a moment.');
  }
  return { runId };
}
