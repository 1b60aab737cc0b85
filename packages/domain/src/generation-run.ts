import { z } from 'zod';
import { RunStatus, StepKind, StepStatus } from './generation.ts';
import { RegenerationResult, RunDecision } from './regeneration.ts';

/**
 * A generation run as the course API shows it (`GET /aula/runs/:id`, `POST /aula/runs/:id/cancel`,
 * directus/extensions/aula-api/src/use-cases/runs.ts): status, totals, progress, each step.
 */
const Timestamp = z.string();
const Usage = {
  provider: z.string().nullable(),
  model: z.string().nullable(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costUsd: z.number(),
};

export const RunStepView = z.object({
  id: z.uuid(),
  kind: StepKind,
  target: z.string().nullable(),
  status: StepStatus,
  ...Usage,
  error: z.string().nullable(),
  attempts: z.number().int(),
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type RunStepView = z.infer<typeof RunStepView>;

/** An earlier attempt of a run that was retried: how it ended, why, and when (newest last). */
export const RunAttempt = z.object({
  status: z.enum(['failed', 'cancelled']),
  error: z.string().nullable(),
  finishedAt: Timestamp.nullable(),
});
export type RunAttempt = z.infer<typeof RunAttempt>;

export const RunView = z.object({
  id: z.uuid(),
  courseId: z.uuid().nullable(),
  status: RunStatus,
  ...Usage,
  costCapUsd: z.number().nullable(),
  error: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  steps: z.array(RunStepView),
  /** The attempts before this one, when the run was retried (`POST /aula/runs/:id/retry`); oldest first. */
  history: z.array(RunAttempt).optional(),
  /** What was asked (`kind`: course, lesson, quiz or scan, and the request's settings). */
  request: z.looseObject({ kind: z.enum(['course', 'lesson', 'quiz', 'scan']) }).optional(),
  /**
   * Content managers and administrators only: a completed regeneration's before/after, and what
   * was decided about it (`POST /aula/runs/:id/accept`, `/discard`). Null until there is one.
   */
  result: RegenerationResult.nullable().optional(),
  decision: RunDecision.nullable().optional(),
  decidedAt: Timestamp.nullable().optional(),
  decidedBy: z.uuid().nullable().optional(),
});
export type RunView = z.infer<typeof RunView>;

/** `POST /aula/courses/generate` answers 202 with the stored run and its (draft) course. */
export const GenerateCourseAccepted = z.object({ runId: z.uuid(), courseId: z.uuid() });
export type GenerateCourseAccepted = z.infer<typeof GenerateCourseAccepted>;
