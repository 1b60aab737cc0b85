import { z } from 'zod';

/** Every job of a generation run carries ids only: content, keys and personal data stay in Directus. */
const RunJob = z.object({ runId: z.uuid() }).strict();
const LessonJob = RunJob.extend({ lessonId: z.uuid() }).strict();

export const JOBS = {
  outline: RunJob,
  lesson: LessonJob,
  quiz: LessonJob,
  references: LessonJob,
  assemble: RunJob,
  'regenerate-lesson': LessonJob,
  'regenerate-quiz': LessonJob,
  /** A trend scan's LLM call; the feed items it reads are on the run's request in Directus. */
  'scan-trends': RunJob,
} as const;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]>;

export const GENERATION_QUEUE = 'generation';
/**
 * Trend scans have a queue of their own: a person (n8n's workflow) waits for a scan's answer, which
 * must not queue behind a course's lessons; and a worker can serve scans alone.
 */
export const TRENDS_QUEUE = 'trends';
export const QUEUES = [GENERATION_QUEUE, TRENDS_QUEUE] as const;
export type QueueName = (typeof QUEUES)[number];

export function queueOf(name: JobName): QueueName {
  return name === 'scan-trends' ? TRENDS_QUEUE : GENERATION_QUEUE;
}

/** A job's options besides the defaults: a scan is one try, as its caller is waiting for the answer. */
export const JOB_OPTIONS: Partial<Record<JobName, { attempts: number }>> = { 'scan-trends': { attempts: 1 } };

/** Deterministic ids: adding the same step twice is a no-op in BullMQ, so retries never duplicate work. */
export function jobId(name: JobName, data: { runId: string; lessonId?: string }): string {
  return [data.runId, name, data.lessonId].filter(Boolean).join('.');
}

export function parseJob<N extends JobName>(name: N, data: unknown): JobData<N> {
  return JOBS[name].parse(data) as JobData<N>;
}

/**
 * The periodic re-check of the published courses' references (a repeatable job on the generation
 * queue, no payload): broken ones are hidden from students, ones that work again come back.
 */
export const RECHECK_REFERENCES_JOB = 'recheck-references';
export const RecheckReferencesJob = z.object({}).strict();
/** The job scheduler's id: one schedule per Redis prefix, however many worker hosts upsert it. */
export const RECHECK_REFERENCES_SCHEDULER = 'recheck-references-schedule';
export const DEFAULT_RECHECK_REFERENCES_MS = 24 * 3600 * 1000;
