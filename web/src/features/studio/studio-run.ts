import { RegenerationResult, RunDecision, RunView } from '@aula/domain';
import { z } from 'zod';

/** A run as the studio shows it: the course API's view, with a regeneration's result and decision. */
export const StudioRunView = RunView.extend({
  result: RegenerationResult.nullable().optional(),
  decision: RunDecision.nullable().optional(),
  decidedAt: z.string().nullable().optional(),
});
export type StudioRunView = z.output<typeof StudioRunView>;
