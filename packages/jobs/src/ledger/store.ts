import type { Row } from '@aula/data';
import type { CourseStatus, QuestionDraft, RunStatus, StepKind, StepStatus } from '@aula/domain';

/** A `generation_runs` row, as far as the ledger reads it (derived from the schema in @aula/data). */
export type RunRow = Pick<
  Row<'generation_runs'>,
  'id' | 'course' | 'status' | 'request' | 'provider' | 'model' | 'cost_cap_usd' | 'progress_total'
>;

/** A `generation_steps` row, as far as the ledger reads it. */
export type StepRow = Pick<
  Row<'generation_steps'>,
  'id' | 'kind' | 'target' | 'status' | 'attempts' | 'error' | 'tokens_in' | 'tokens_out' | 'cost_usd'
>;

export type Patch = Record<string, unknown>;

/**
 * What a course's step writes with its result, in the same transaction as the step is finished
 * (`RunStore.finishStep`): a lesson's text; a quiz (upserted by lesson, its questions replaced as a
 * whole, so a retry never leaves duplicates); the course sent to review. Nothing of it is written when
 * the result is dropped.
 */
export type StepWrite =
  | { kind: 'lesson'; lessonId: string; body: string }
  /** Assemble: every lesson of the course has its text (else the step fails), the course waits in review. */
  | { kind: 'assemble'; courseId: string }
  | {
      kind: 'quiz';
      lessonId: string;
      quiz: { course: string; title: string; pass_score: number };
      drafts: QuestionDraft[];
    };

/**
 * Where the ledger keeps runs and steps: the port. Two stores implement it, one on Directus's
 * ItemsService (the course API, directus/extensions/aula-api/src/run-store.ts) and one on
 * `@aula/data`'s REST client (the workers, workers/src/run-store.ts). Only the ledger calls it.
 */
export type RunStore = {
  readRun: (runId: string) => Promise<RunRow>;
  createRun: (row: Patch) => Promise<string>;
  updateRun: (runId: string, patch: Patch) => Promise<void>;
  /** One filtered update: the run changes only while its status is one of `from`. True when it changed. */
  moveRun: (runId: string, from: RunStatus[], patch: Patch) => Promise<boolean>;
  /**
   * The run and its step (kind, target) if that row exists, in one read: a step's start. Optional; the
   * ledger reads them apart (`readRun`, `listSteps`) when a store has no such read.
   */
  readRunStep?: (
    runId: string,
    only: { kind: StepKind; target: string | null },
  ) => Promise<{ run: RunRow; step: StepRow | undefined }>;
  /** The run's steps, all of them or those of one (kind, target). */
  listSteps: (runId: string, only?: { kind: StepKind; target: string | null }) => Promise<StepRow[]>;
  /** Creates step rows; a unique index on (run, kind, target) refuses a second row for one step. */
  createStep: (row: Patch) => Promise<StepRow>;
  createSteps: (rows: Patch[]) => Promise<void>;
  updateStep: (stepId: string, patch: Patch) => Promise<void>;
  /**
   * The step's result, in one filtered update: written only while its run is not cancelled. True when
   * written; false when a person cancelled the run meanwhile (the result is dropped). With `write`, what
   * the step made is written in the same transaction, only when the result is.
   */
  finishStep: (stepId: string, patch: Patch, write?: StepWrite) => Promise<boolean>;
  /** Every step of the run whose status is one of `from`. */
  moveSteps: (runId: string, from: StepStatus[], patch: Patch) => Promise<void>;
  /** The course a run generates follows the run: generating while it works, a draft when it stops. */
  setCourseStatus: (courseId: string, status: CourseStatus, from?: CourseStatus[]) => Promise<void>;
};
