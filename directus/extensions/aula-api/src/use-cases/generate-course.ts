import { randomBytes } from 'node:crypto';
import { AulaError, GenerateCourseRequest, headingAnchor, invalidFromIssues, ROLE_NAMES } from '@aula/domain';
import { firstJob, progressTotal } from '@aula/jobs';
import { type Ctx, requireRole } from '../context.ts';
import { ledgerOf } from '../run-store.ts';

/**
 * Validates a course request, stores the course (status generating) and its run, then enqueues the
 * outline job. The run lives in Directus first: if the queue is down, the run is marked failed and
 * the caller gets 503, so nothing about the request lives only in Redis.
 */
export async function generateCourse({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireRole(ctx, [ROLE_NAMES.contentManager, ROLE_NAMES.pipeline]);
  const parsed = GenerateCourseRequest.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const request = parsed.data;

  const { courseId, runId } = await ctx.transaction(async (items) => {
    const courseId = await items('courses').createOne({
      title: request.topic,
      slug: `${headingAnchor(request.topic).slice(0, 80) || 'curso'}-${randomBytes(3).toString('hex')}`,
      status: 'generating',
      language: request.language,
      audience: request.audience ?? null,
      level: request.level ?? 'beginner',
      user_created: ctx.user,
    });
    const runId = await ledgerOf(items).open({
      course: courseId,
      request: { kind: 'course', ...request },
      provider: request.provider,
      model: request.model,
      costCapUsd: request.costCapUsd,
      requestedBy: ctx.user,
    });
    return { courseId, runId };
  });

  try {
    // The outline's job carries the run as created here: its provider call starts without reading it
    // (the worker still reads the run before it writes anything, so a cancel meanwhile wins).
    const first = firstJob(runId, { kind: 'course' });
    const runRequest = { kind: 'course', ...request };
    await ctx.queue().enqueue('outline', {
      ...first.data,
      ahead: {
        run: {
          id: runId,
          course: courseId,
          status: 'queued',
          request: runRequest,
          provider: request.provider ?? null,
          model: request.model ?? null,
          cost_cap_usd: request.costCapUsd ?? null,
          progress_total: progressTotal(runRequest),
        },
      },
    });
  } catch (error) {
    ctx.logger.error(error, 'aula: could not enqueue a generation run');
    await ledgerOf(ctx.items).notQueued(
      runId,
      'Not queued: the job queue (Redis) did not answer, so nothing was generated. Retry the run.',
    );
    throw new AulaError('unavailable', 'The job queue is unavailable right now; try again in a moment.');
  }
  return { runId, courseId };
}
