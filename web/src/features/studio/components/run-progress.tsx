'use client';
import type { CourseStatus } from '@aula/domain';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { useRunProgress } from '../hooks/use-run-progress.ts';
import { percent, runProviders, stepLabels } from '../run-labels.ts';
import type { StudioRunView } from '../studio-run.ts';
import { RunAttempts } from './run-attempts.tsx';
import { Failure, RunSteps } from './run-steps.tsx';

/**
 * Where a course stands once its run has finished: as the server read it, except that a course still
 * generating when the page was drawn is in review once its run completes.
 */
function courseNow(initial: CourseStatus | null, run: StudioRunView): CourseStatus | null {
  if (!initial) return null;
  if (run.status === 'completed' && (initial === 'generating' || initial === 'draft')) return 'in_review';
  return initial;
}

/**
 * A run as it is being made: a progress bar, its status (announced as it changes), totals, each step,
 * a failure in plain words with what each attempt did, and the next step: review the course (its
 * publishing is on the review page), retry, or edit the request. It asks /api/studio/runs/:id every
 * second while the run is queued or running, and stops once it has finished.
 */
export function RunProgress({ initial, courseStatus }: { initial: StudioRunView; courseStatus: CourseStatus | null }) {
  const { t } = useDictionary();
  const r = t.studio.run;
  const f = t.studio.flow;
  const { run, active, lost, cancel, retry, statusRef } = useRunProgress(initial);
  const share = percent(run.progress);
  const labels = stepLabels(run.steps, t);
  const failedStep = run.steps.find((step) => step.status === 'failed');
  const courseRun = (run.request?.kind ?? 'course') === 'course';
  const course = courseRun ? courseNow(courseStatus, run) : null;
  return (
    <section className="run" aria-labelledby="run-status-heading">
      <h2 id="run-status-heading" className="sr-only">
        {r.status}
      </h2>
      <div
        className="run__bar"
        role="progressbar"
        aria-label={r.progressLabel}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={share}
        aria-valuetext={r.progressText(run.progress.done, run.progress.total, share)}
      >
        <div className={`run__fill run__fill--${run.status}`} style={{ width: `${share}%` }} />
      </div>
      <p ref={statusRef} tabIndex={-1} className="run__status" role="status" aria-live="polite">
        <span className={`run-status run-status--${run.status}`}>{t.studio.statuses[run.status]}</span>{' '}
        {r.progressText(run.progress.done, run.progress.total, share)}
      </p>
      {lost && active ? <p className="run__lost">{r.watchFailed}</p> : null}
      {run.status === 'completed' && run.courseId ? (
        <div className="run__done">
          {/* What the page says follows the course as it is: in review, published or taken out. */}
          <p>{course ? f.courseState[course] : r.completed}</p>
          {course === 'in_review' ? <p>{f.reviewNext}</p> : null}
          <p>
            <a className="button" href={`/studio/cursos/${run.courseId}`}>
              {r.review}
            </a>
          </p>
        </div>
      ) : null}
      {run.status === 'cancelled' ? <p>{r.cancelled}</p> : null}
      {run.status === 'failed' ? (
        <div className="run-failure" role="alert">
          <h3>{r.failedTitle}</h3>
          {failedStep ? <p>{r.failedStep(labels.get(failedStep.id) ?? '')}</p> : null}
          <Failure message={run.error ?? failedStep?.error ?? null} t={t} />
        </div>
      ) : null}
      {run.status === 'failed' || run.status === 'cancelled' ? (
        <div className="run__again">
          {run.status === 'failed' ? (
            <button
              type="button"
              className="button"
              onClick={retry.run}
              disabled={retry.state === 'busy'}
              aria-disabled={retry.state === 'busy' || undefined}
            >
              {retry.state === 'busy' ? r.retrying : r.retry}
            </button>
          ) : null}
          {courseRun ? (
            <a className="button button--secondary" href={`/studio/nuevo?desde=${run.id}`}>
              {f.editRequest}
            </a>
          ) : null}
          {typeof retry.state === 'object' ? (
            <p role="alert">{`${r.retryFailed} ${retry.state.failed}`.trim()}</p>
          ) : null}
        </div>
      ) : null}
      <RunAttempts run={run} />
      {active ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={cancel.run}
            aria-disabled={cancel.busy || undefined}
            disabled={cancel.busy}
          >
            {cancel.busy ? r.cancelling : r.cancel}
          </button>
        </p>
      ) : null}
      {cancel.failed ? <p role="alert">{r.cancelFailed}</p> : null}
      <dl className="run__totals">
        <div>
          <dt>{r.provider}</dt>
          <dd>{runProviders(run).join(', ') || r.none}</dd>
        </div>
        <div>
          <dt>{r.tokens}</dt>
          <dd>{`${t.studio.tokens(run.tokensIn)} / ${t.studio.tokens(run.tokensOut)}`}</dd>
        </div>
        <div>
          <dt>{r.cost}</dt>
          <dd>{t.studio.cost(run.costUsd)}</dd>
        </div>
        {run.costCapUsd !== null ? (
          <div>
            <dt>{r.costCap}</dt>
            <dd>{t.studio.cost(run.costCapUsd)}</dd>
          </div>
        ) : null}
      </dl>
      <h2>{r.stepsTitle}</h2>
      <RunSteps run={run} labels={labels} t={t} />
    </section>
  );
}
