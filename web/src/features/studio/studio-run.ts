import { RegenerationResult, RunDecision, RunStepView, RunView } from '@aula/domain';
import { z } from 'zod';

/**
 * A run as the studio shows it: the course API's view, with a regeneration's result and decision, and
 * for a skipped step the reason its worker gave (read from the step's `detail`, see studio-api.ts).
 */
export const StudioRunView = RunView.extend({
  result: RegenerationResult.nullable().optional(),
  decision: RunDecision.nullable().optional(),
  decidedAt: z.string().nullable().optional(),
  steps: z.array(RunStepView.extend({ skipReason: z.string().nullable().optional() })),
});
export type StudioRunView = z.output<typeof StudioRunView>;
export type StudioStepView = StudioRunView['steps'][number];
