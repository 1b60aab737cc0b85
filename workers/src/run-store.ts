import { type Api, items, qs } from '@aula/data';
import type { RunRow, RunStore, StepRow } from '@aula/jobs';

const RUN_FIELDS = ['id', 'course', 'status', 'request', 'provider', 'model', 'cost_cap_usd', 'progress_total'];
const STEP_FIELDS = ['id', 'kind', 'target', 'status', 'attempts', 'error', 'tokens_in', 'tokens_out', 'cost_usd'];

/** The run ledger's store for the workers: Directus over REST, as the generator account. */
export function restRunStore(api: Api): RunStore {
  const runs = items(api, 'generation_runs');
  const steps = items(api, 'generation_steps');
  return {
    readRun: async (runId) => (await runs.get(runId, { fields: RUN_FIELDS })) as RunRow,
    readRunStep: async (runId, only) => {
      const { steps: found, ...run } = await api.request<RunRow & { steps: StepRow[] }>(
        'GET',
        `/items/generation_runs/${runId}${qs({
          fields: [...RUN_FIELDS, ...STEP_FIELDS.map((f) => `steps.${f}`)],
          deep: {
            steps: {
              _filter: {
                kind: { _eq: only.kind },
                target: only.target === null ? { _null: true } : { _eq: only.target },
              },
            },
          },
        })}`,
      );
      return { run: run as RunRow, step: found[0] };
    },
    createRun: async (row) => (await runs.create(row)).id,
    updateRun: async (runId, patch) => {
      await runs.update(runId, patch);
    },
    moveRun: async (runId, from, patch) =>
      (await runs.updateMany({ id: { _eq: runId }, status: { _in: from } }, patch)).length > 0,
    listSteps: async (runId, only) =>
      (await steps.list({
        filter: {
          run: { _eq: runId },
          ...(only
            ? { kind: { _eq: only.kind }, target: only.target === null ? { _null: true } : { _eq: only.target } }
            : {}),
        },
        fields: STEP_FIELDS,
      })) as StepRow[],
    createStep: async (row) => (await steps.create(row)) as unknown as StepRow,
    createSteps: async (rows) => {
      await steps.createMany(rows);
    },
    updateStep: async (stepId, patch) => {
      await steps.update(stepId, patch);
    },
    // With what the step made: the course API writes both in one transaction (POST /aula/steps/:id/finish).
    finishStep: async (stepId, patch, write) =>
      write
        ? (await api.request<{ kept: boolean }>('POST', `/aula/steps/${stepId}/finish`, { patch, write })).kept
        : (await steps.updateMany({ id: { _eq: stepId }, run: { status: { _neq: 'cancelled' } } }, patch)).length > 0,
    moveSteps: async (runId, from, patch) => {
      await steps.updateMany({ run: { _eq: runId }, status: { _in: from } }, patch);
    },
    setCourseStatus: async (courseId, status, from) => {
      if (from) await items(api, 'courses').updateMany({ id: { _eq: courseId }, status: { _in: from } }, { status });
      else await items(api, 'courses').update(courseId, { status });
    },
  };
}
