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
} as const;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]>;

export const GENERATION_QUEUE = 'generation';

/** Deterministic ids: adding the same step twice is a no-op in BullMQ, so retries never duplicate work. */
export function jobId(name: JobName, data: { runId: string; lessonId?: string }): string {
  return [data.runId, name, data.lessonId].filter(Boolean).join('.');
}

export function parseJob<N extends JobName>(name: N, data: unknown): JobData<N> {
  return JOBS[name].parse(data) as JobData<N>;
}
