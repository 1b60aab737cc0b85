import type { RunStepView, RunView } from '@aula/domain';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import { failureCause } from '../plain-failure.ts';
import { StudioTable } from './studio-table.tsx';

/** A failure in plain words, with the provider's own message folded away for whoever needs it. */
export function Failure({ message, t }: { message: string | null; t: Dictionary }) {
  return (
    <>
      <p>{t.studio.run.causes[failureCause(message)]}</p>
      {message ? (
        <details className="run-failure__detail">
          <summary>{t.studio.run.technical}</summary>
          <p>{message}</p>
        </details>
      ) : null}
    </>
  );
}

function StepRow({
  step,
  label,
  courseId,
  t,
}: {
  step: RunStepView;
  label: string;
  courseId: string | null;
  t: Dictionary;
}) {
  const r = t.studio.run;
  // A written lesson can be read on the review page while the rest of the course is still being made.
  const written = step.kind === 'lesson' && step.status === 'completed' && courseId && step.target;
  return (
    <tr className={`run-step run-step--${step.status}`}>
      <th scope="row">{written ? <a href={`/studio/cursos/${courseId}#leccion-${step.target}`}>{label}</a> : label}</th>
      <td>
        <span className={`run-status run-status--${step.status}`}>{t.studio.statuses[step.status]}</span>
        {step.status === 'failed' || (step.error && step.status !== 'completed') ? (
          <div className="run-step__error">
            <Failure message={step.error} t={t} />
          </div>
        ) : null}
      </td>
      <td>{step.provider ? `${step.provider}${step.model ? ` · ${step.model}` : ''}` : r.none}</td>
      <td>{`${t.studio.tokens(step.tokensIn)} / ${t.studio.tokens(step.tokensOut)}`}</td>
      <td>{t.studio.cost(step.costUsd)}</td>
      <td>{step.attempts}</td>
    </tr>
  );
}

/** A run's steps, one row each: status (and failure), provider and model, tokens, cost, attempts. */
export function RunSteps({ run, labels, t }: { run: RunView; labels: Map<string, string>; t: Dictionary }) {
  const r = t.studio.run;
  if (run.steps.length === 0) return <p>{r.noSteps}</p>;
  return (
    <StudioTable
      caption={r.stepsTitle}
      columns={[t.studio.columns.step, r.status, r.provider, r.tokens, r.cost, r.attempts]}
    >
      {run.steps.map((step) => (
        <StepRow key={step.id} step={step} label={labels.get(step.id) ?? step.kind} courseId={run.courseId} t={t} />
      ))}
    </StudioTable>
  );
}
