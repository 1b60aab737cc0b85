import { questionRowsOf } from '@aula/data/mappings';
import { AulaError } from '@aula/domain';
import { RunLedger, type RunRow, type RunStore, type StepRow, type StepWrite } from '@aula/jobs';
import type { ItemsOf } from './directus.ts';

const RUN_FIELDS = ['id', 'course', 'status', 'request', 'provider', 'model', 'cost_cap_usd', 'progress_total'];
const STEP_FIELDS = ['id', 'kind', 'target', 'status', 'attempts', 'error', 'tokens_in', 'tokens_out', 'cost_usd'];

/**
 * The run ledger's store for the course API: Directus's ItemsService with full rights (the use case
 * checked the caller's role first); inside a transaction when handed the transaction's `items`.
 */
export function directusRunStore(items: ItemsOf): RunStore {
  const runs = () => items('generation_runs');
  const steps = () => items('generation_steps');
  const stepsOf = (runId: string, only?: { kind: string; target: string | null }) =>
    steps().readByQuery({
      filter: {
        run: { _eq: runId },
        ...(only
          ? { kind: { _eq: only.kind }, target: only.target === null ? { _null: true } : { _eq: only.target } }
          : {}),
      },
      fields: STEP_FIELDS,
      limit: -1,
    }) as Promise<StepRow[]>;
  return {
    readRun: async (runId) => (await runs().readOne(runId, { fields: RUN_FIELDS })) as RunRow,
    createRun: (row) => runs().createOne(row),
    updateRun: async (runId, patch) => {
      await runs().updateOne(runId, patch);
    },
    moveRun: async (runId, from, patch) =>
      (await runs().updateByQuery({ filter: { id: { _eq: runId }, status: { _in: from } } }, patch)).length > 0,
    listSteps: stepsOf,
    createStep: async (row) => {
      const id = await steps().createOne(row);
      return (await steps().readOne(id, { fields: STEP_FIELDS })) as StepRow;
    },
    createSteps: async (rows) => {
      await steps().createMany(rows);
    },
    updateStep: async (stepId, patch) => {
      await steps().updateOne(stepId, patch);
    },
    // With `write`, only a step of its kind about its lesson (or its course): no row changes otherwise.
    finishStep: async (stepId, patch, write) => {
      const own = !write
        ? {}
        : write.kind === 'assemble'
          ? { kind: { _eq: write.kind }, run: { status: { _neq: 'cancelled' }, course: { _eq: write.courseId } } }
          : { kind: { _eq: write.kind }, target: { _eq: write.lessonId } };
      const kept =
        (
          await steps().updateByQuery(
            { filter: { id: { _eq: stepId }, run: { status: { _neq: 'cancelled' } }, ...own } },
            patch,
          )
        ).length > 0;
      if (kept && write) await writeStepResult(items, write);
      return kept;
    },
    moveSteps: async (runId, from, patch) => {
      await steps().updateByQuery({ filter: { run: { _eq: runId }, status: { _in: from } } }, patch);
    },
    setCourseStatus: async (courseId, status, from) => {
      if (from) {
        await items('courses').updateByQuery({ filter: { id: { _eq: courseId }, status: { _in: from } } }, { status });
      } else {
        await items('courses').updateOne(courseId, { status });
      }
    },
  };
}

/**
 * What a course's step made (`StepWrite`), written with its result: `items` is the transaction's, so
 * both are written or neither. A lesson's text; a quiz upserted by lesson (one quiz per lesson), its
 * questions replaced as a whole; the course in review with its total length, once every lesson has its
 * text (refused otherwise: nothing is written).
 */
async function writeStepResult(items: ItemsOf, write: StepWrite): Promise<void> {
  if (write.kind === 'assemble') {
    const lessons = await items('lessons').readByQuery({
      filter: { course: { _eq: write.courseId } },
      fields: ['body', 'estimated_minutes'],
      limit: -1,
    });
    const missing = lessons.filter((l) => !l.body).length;
    if (missing > 0) throw new AulaError('conflict', `${missing} lessons have no text yet`);
    await items('courses').updateOne(write.courseId, {
      status: 'in_review',
      estimated_minutes: lessons.reduce((n, l) => n + (l.estimated_minutes ?? 0), 0),
    });
    return;
  }
  if (write.kind === 'lesson') {
    const written = await items('lessons').updateByQuery(
      { filter: { id: { _eq: write.lessonId } } },
      { body: write.body },
    );
    if (written.length === 0) throw new AulaError('not_found', 'The lesson does not exist.');
    return;
  }
  const [existing] = await items('quizzes').readByQuery({
    filter: { lesson: { _eq: write.lessonId } },
    fields: ['id'],
    limit: 1,
  });
  if (existing) {
    const current = await items('questions').readByQuery({
      filter: { quiz: { _eq: existing.id } },
      fields: ['id'],
      limit: -1,
    });
    if (current.length > 0) await items('questions').deleteMany(current.map((q) => q.id as string));
    await items('questions').createMany(questionRowsOf(existing.id as string, write.drafts));
    return;
  }
  const quizId = await items('quizzes').createOne({ ...write.quiz, lesson: write.lessonId });
  await items('questions').createMany(questionRowsOf(quizId, write.drafts));
}

/** The run ledger of a request: runs and steps change only through it. */
export function ledgerOf(items: ItemsOf): RunLedger {
  return new RunLedger(directusRunStore(items));
}
