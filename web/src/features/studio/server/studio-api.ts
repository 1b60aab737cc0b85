import 'server-only';
import { CourseStatus, GenerateCourseAccepted, type GenerateCourseRequest, RunStatus, RunView } from '@aula/domain';
import { z } from 'zod';
import { directusFetch, directusGet, parseAnswer } from '../../../shared/directus.ts';
import { rowShape } from '../../../shared/row-shape.ts';
import { StudioRunView } from '../studio-run.ts';

// The studio side of Aula's course API and of Directus: every call carries the staff member's own
// token, so Directus's permissions (not this file) decide what they may do.

const id = (value: string) => encodeURIComponent(value);

export async function requestCourse({
  token,
  request,
}: {
  token: string;
  request: GenerateCourseRequest;
}): Promise<GenerateCourseAccepted> {
  const json = await directusFetch({ method: 'POST', path: '/aula/courses/generate', token, body: request });
  return parseAnswer('POST /aula/courses/generate', GenerateCourseAccepted, json);
}

const SkippedStep = z.object({
  id: z.string(),
  detail: z.object({ reason: z.string().optional() }).loose().nullable(),
});

/**
 * A run as the course API shows it; a skipped step also carries the reason its worker recorded in the
 * step's `detail` (read from Directus with the same token: staff may read the steps).
 */
export async function getRun({ token, runId }: { token: string; runId: string }): Promise<StudioRunView> {
  const json = await directusFetch({ path: `/aula/runs/${id(runId)}`, token });
  const run = parseAnswer('GET /aula/runs/:id', StudioRunView, json);
  if (!run.steps.some((step) => step.status === 'skipped')) return run;
  const skipped = await directusGet(
    '/items/generation_steps',
    {
      fields: 'id,detail',
      filter: JSON.stringify({ run: { _eq: runId }, status: { _eq: 'skipped' } }),
      limit: '-1',
    },
    z.array(SkippedStep),
    { token },
  );
  const reasons = new Map(skipped.map((step) => [step.id, step.detail?.reason ?? null]));
  return {
    ...run,
    steps: run.steps.map((step) =>
      step.status === 'skipped' ? { ...step, skipReason: reasons.get(step.id) ?? null } : step,
    ),
  };
}

/** What a run was asked for, as the studio shows it beside the generated title: the requested topic. */
export const requestedTopic = (request: unknown): string | null => {
  const topic = (request as { topic?: unknown } | null | undefined)?.topic;
  return typeof topic === 'string' && topic.trim() !== '' ? topic : null;
};

const CourseStatusChanged = z.object({ id: z.string(), status: z.enum(['published', 'archived']) });

/**
 * Publishes a reviewed course (students see it in the catalogue from then on), or archives a published
 * one (out of the catalogue; students keep their history).
 */
export async function changeCourseStatus({
  token,
  courseId,
  action,
}: {
  token: string;
  courseId: string;
  action: 'publish' | 'archive';
}) {
  const path = `/aula/courses/${id(courseId)}/${action}`;
  const json = await directusFetch({ method: 'POST', path, token, body: {} });
  return parseAnswer(`POST /aula/courses/:id/${action}`, CourseStatusChanged, json);
}

export async function cancelRun({ token, runId }: { token: string; runId: string }): Promise<RunView> {
  const json = await directusFetch({ method: 'POST', path: `/aula/runs/${id(runId)}/cancel`, token, body: {} });
  return parseAnswer('POST /aula/runs/:id/cancel', RunView, json);
}

const RunRow = z
  .object({
    id: z.string(),
    status: RunStatus,
    request: z.object({ kind: z.string().optional(), topic: z.string().optional() }).passthrough().nullable(),
    course: z.object({ title: z.string().nullable() }).nullable(),
    provider: z.string().nullable(),
    steps: z.array(z.object({ provider: z.string().nullable() })).optional(),
    tokens_in: z.number().nullable(),
    tokens_out: z.number().nullable(),
    cost_usd: z.number().nullable(),
    progress_done: z.number().nullable(),
    progress_total: z.number().nullable(),
    date_created: z.string(),
    finished_at: z.string().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    status: row.status,
    kind: row.request?.kind ?? 'course',
    title: row.course?.title ?? row.request?.topic ?? '',
    topic: requestedTopic(row.request),
    // The run's own choice, else whichever its steps used (the configured chain).
    provider: row.provider ?? row.steps?.find((step) => step.provider)?.provider ?? null,
    tokens: (row.tokens_in ?? 0) + (row.tokens_out ?? 0),
    tokensIn: row.tokens_in ?? 0,
    tokensOut: row.tokens_out ?? 0,
    costUsd: row.cost_usd ?? 0,
    progress: { done: row.progress_done ?? 0, total: row.progress_total ?? 0 },
    createdAt: row.date_created,
    finishedAt: row.finished_at,
  }));
export type RunRow = z.output<typeof RunRow>;

/** The latest runs, newest first, with their totals (read from Directus with the staff member's token). */
export function listRuns({ token, limit = 50 }: { token: string; limit?: number }): Promise<RunRow[]> {
  return directusGet(
    '/items/generation_runs',
    {
      fields:
        'id,status,request,course.title,provider,steps.provider,tokens_in,tokens_out,cost_usd,progress_done,progress_total,date_created,finished_at',
      sort: '-date_created',
      limit: String(limit),
    },
    z.array(RunRow),
    { token },
  );
}

/** A course's title and status as they stand (the title is the topic until the outline names it). */
export async function getCourseSummary({ token, courseId }: { token: string; courseId: string }) {
  return directusGet(
    `/items/courses/${id(courseId)}`,
    { fields: 'title,status' },
    z.object({ title: z.string(), status: CourseStatus }),
    { token },
  );
}

const CourseRow = z.object({
  id: z.string(),
  title: z.string(),
  status: CourseStatus,
  date_updated: z.string().nullable().optional(),
  date_created: z.string().nullable().optional(),
});
const LastRun = z
  .object(
    rowShape<'generation_runs'>()({
      id: z.string(),
      status: RunStatus,
      course: z.string().nullable(),
      date_created: z.string(),
    }),
  )
  .extend({ request: z.object({ kind: z.string().optional(), topic: z.string().optional() }).loose().nullable() });

export type CourseListRow = z.output<typeof CourseRow> & {
  lastRun: z.output<typeof LastRun> | null;
  /** What the course was requested as (its course run's topic), when that is known. */
  topic: string | null;
};

/**
 * Every course, in any state (newest change first), each with its latest run: two reads with the
 * staff member's token, the runs' newest first so the first one met per course is its latest.
 */
export async function listCourses({ token }: { token: string }): Promise<CourseListRow[]> {
  const [courses, runs] = await Promise.all([
    directusGet(
      '/items/courses',
      { fields: 'id,title,status,date_updated,date_created', sort: '-date_created', limit: '500' },
      z.array(CourseRow),
      { token },
    ),
    directusGet(
      '/items/generation_runs',
      {
        fields: 'id,status,course,date_created,request',
        sort: '-date_created',
        limit: '500',
        filter: '{"course":{"_nnull":true}}',
      },
      z.array(LastRun),
      { token },
    ),
  ]);
  const latest = new Map<string, z.output<typeof LastRun>>();
  for (const run of runs) if (run.course && !latest.has(run.course)) latest.set(run.course, run);
  // A course's latest run is its latest regeneration too; its topic is the one its course run asked for.
  const topics = new Map<string, string>();
  for (const run of runs) {
    const topic = run.course && (run.request?.kind ?? 'course') === 'course' ? requestedTopic(run.request) : null;
    if (run.course && topic && !topics.has(run.course)) topics.set(run.course, topic);
  }
  return courses.map((course) => ({
    ...course,
    lastRun: latest.get(course.id) ?? null,
    topic: topics.get(course.id) ?? null,
  }));
}
