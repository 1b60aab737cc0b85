import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import { failureCause } from '../plain-failure.ts';
import type { StudioRunView, StudioStepView } from '../studio-run.ts';
import { StudioTable } from './studio-table.tsx';

/** A failure in plain words, with the provider's own message folded away for whoever needs it. */
export function Failure({ message, t }: { message: string | null; t: Dictionary }) {
  return (
    <>
      <p>{t.studio.run.causes[failureCause(message)]}</p>
      {message ? (
        <details className="run-failure__detail">
          <summary>{t.studio.run.technical}</summary>
          {/* The provider's and the workers' own words, in English: named so, for whoever needs them. */}
          <p>{t.studio.flow.providerMessage}:</p>
          <p lang="en">
            <code>{message}</code>
          </p>
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
  step: StudioStepView;
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
      <td data-label={r.status}>
        <span className={`run-status run-status--${step.status}`}>{t.studio.statuses[step.status]}</span>
        {step.status === 'skipped' ? (
          <p className="run-step__why">
            {t.studio.flow.skipped}: {skipReason(step.skipReason, t)}
          </p>
        ) : null}
        {step.status === 'failed' || (step.error && step.status !== 'completed') ? (
          <div className="run-step__error">
            <Failure message={step.error} t={t} />
          </div>
        ) : null}
      </td>
      <td data-label={r.provider}>
        {step.provider ? `${step.provider}${step.model ? ` · ${step.model}` : ''}` : r.none}
      </td>
      <td data-label={r.tokens}>{`${t.studio.tokens(step.tokensIn)} / ${t.studio.tokens(step.tokensOut)}`}</td>
      <td data-label={r.cost}>{t.studio.cost(step.costUsd)}</td>
      <td data-label={r.attempts}>{step.attempts}</td>
    </tr>
  );
}

/** Why a step was skipped, in plain words: the workers record a reason in English for the logs. */
function skipReason(reason: string | null | undefined, t: Dictionary): string {
  return /BROWSER_USE/i.test(reason ?? '') ? t.studio.flow.skipReasons.noBrowserUse : t.studio.flow.skipReasons.other;
}

/** A run's steps, one row each: status (and failure), provider and model, tokens, cost, attempts. */
export function RunSteps({ run, labels, t }: { run: StudioRunView; labels: Map<string, string>; t: Dictionary }) {
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
