import { createHash } from 'node:crypto';
import type { FlowJob } from 'bullmq';
import { GENERATION_QUEUE, type JobData, type JobName, jobId, type LessonAhead, parseJob } from '../definitions.ts';
import { defaultJobOptions } from '../queue.ts';

/** The steps every lesson of a course run has, besides the run's outline and assemble. */
export const LESSON_STEP_KINDS = ['lesson', 'quiz', 'references'] as const;

/** How many steps a run has, which is what its progress counts to. Computed here only. */
export function progressTotal(request: { kind: string; lessonCount?: number }): number {
  return request.kind === 'course' ? 2 + LESSON_STEP_KINDS.length * (request.lessonCount ?? 0) : 1;
}

/** A course run's step rows once its outline named the lessons: outline, three per lesson, assemble. */
export function courseStepPlan(lessonIds: string[]) {
  return [
    { kind: 'outline' as const, target: null },
    ...lessonIds.flatMap((lessonId) => LESSON_STEP_KINDS.map((kind) => ({ kind, target: lessonId }))),
    { kind: 'assemble' as const, target: null },
  ];
}

/**
 * The key of a course run's lesson at `position` (0 the first, in course order), made by the outline's
 * step: the same on every try of that step, so the flow it adds before its rows are written and the rows
 * any try writes name the same lessons (a name-based UUID, version 5's layout over SHA-256).
 */
export function courseLessonId(runId: string, position: number): string {
  const hash = createHash('sha256').update(`aula:course-lesson:${runId}:${position}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type FirstJob = { [N in JobName]: { name: N; data: JobData<N> } }[JobName];

/** The job that starts (or restarts) a run of this request; a scan is one job. */
export function firstJob(runId: string, request: { kind: string; lessonId?: string }): FirstJob {
  switch (request.kind) {
    case 'course':
      return { name: 'outline', data: { runId } };
    case 'lesson':
      return { name: 'regenerate-lesson', data: { runId, lessonId: request.lessonId as string } };
    case 'quiz':
      return { name: 'regenerate-quiz', data: { runId, lessonId: request.lessonId as string } };
    case 'scan':
      return { name: 'scan-trends', data: { runId } };
    default:
      throw new Error(`no job starts a ${request.kind} run`);
  }
}

const step = <N extends JobName>(name: N, data: JobData<N>, extra: FlowJob['opts'] = {}): FlowJob => {
  const parsed = parseJob(name, data);
  return {
    name,
    queueName: GENERATION_QUEUE,
    data: parsed,
    opts: { ...defaultJobOptions, ...extra, jobId: jobId(name, parsed) },
  };
};

/**
 * The BullMQ flow after a course's outline (each lesson's job carrying `ahead`, when given): assemble waits for every quiz (which waits for its
 * lesson) and every reference search (none when `references` is false: their steps were planned as
 * skipped); a child failing for good fails its parent. Every payload is parsed here, as `enqueue`
 * parses a single job's.
 */
export function courseFlow(
  runId: string,
  lessonIds: string[],
  options: {
    references?: boolean;
    /** Per lesson, what its step needs to start its provider call without reading Directus first. */
    ahead?: Map<string, LessonAhead>;
  } = {},
): FlowJob {
  const child = (name: 'lesson' | 'quiz' | 'references', lessonId: string) =>
    step(name, { runId, lessonId }, { failParentOnFailure: true });
  const lessonChild = (lessonId: string) => {
    const ahead = options.ahead?.get(lessonId);
    return ahead
      ? step('lesson', { runId, lessonId, ahead }, { failParentOnFailure: true })
      : child('lesson', lessonId);
  };
  return {
    ...step('assemble', { runId }),
    children: lessonIds.flatMap((lessonId) => [
      { ...child('quiz', lessonId), children: [lessonChild(lessonId)] },
      ...(options.references === false ? [] : [child('references', lessonId)]),
    ]),
  };
}

/** Every job id a run may have in Redis (a course: its outline and whole flow), for a retry to clear. */
export function runJobIds(runId: string, request: { kind: string; lessonId?: string }, lessonIds: string[]) {
  if (request.kind !== 'course') {
    const first = firstJob(runId, request);
    return [jobId(first.name, first.data)];
  }
  return [
    jobId('assemble', { runId }),
    jobId('outline', { runId }),
    ...lessonIds.flatMap((lessonId) => LESSON_STEP_KINDS.map((name) => jobId(name, { runId, lessonId }))),
  ];
}
