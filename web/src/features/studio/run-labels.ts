import type { RunStepView, RunView } from '@aula/domain';
import type { Dictionary } from '../../shared/i18n/dictionary.ts';

/**
 * Each step's name for people: "Esquema del curso", "Lección 2", "Cuestionario 2"… Steps about a
 * lesson are numbered in the order the run first met that lesson (the outline's order).
 */
export function stepLabels(steps: RunStepView[], t: Dictionary): Map<string, string> {
  const order = new Map<string, number>();
  for (const step of steps) {
    if (step.target && !order.has(step.target)) order.set(step.target, order.size + 1);
  }
  const many = order.size > 1;
  return new Map(
    steps.map((step) => {
      const n = step.target ? order.get(step.target) : undefined;
      const kind = t.studio.kinds[step.kind];
      return [step.id, n !== undefined && many ? `${kind} ${n}` : kind];
    }),
  );
}

/** Whole seconds from `start` to `end` (or to now, while the run goes on). */
export function elapsedSeconds(start: string, end: string | null, now = Date.now()): number {
  const to = end ? Date.parse(end) : now;
  return Math.max(0, Math.round((to - Date.parse(start)) / 1000));
}

export const isActive = (status: string) => status === 'queued' || status === 'running';

export const percent = ({ done, total }: { done: number; total: number }) =>
  total > 0 ? Math.min(100, Math.round((100 * done) / total)) : 0;

/**
 * Who answered: the run's own provider and model when it asked for one, else each one its steps used
 * (the configured chain, fallbacks included), in order of first use.
 */
export function runProviders(run: RunView): string[] {
  const name = (provider: string, model: string | null) => (model ? `${provider} · ${model}` : provider);
  if (run.provider) return [name(run.provider, run.model)];
  const used = run.steps.flatMap((step) => (step.provider ? [name(step.provider, step.model)] : []));
  return [...new Set(used)];
}
