'use client';
import type { RunStepView, RunView } from '@aula/domain';
import { useEffect, useRef, useState } from 'react';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { failureCause } from '../plain-failure.ts';
import { isActive, percent, runProviders, stepLabels } from '../run-labels.ts';

/** How often the view asks for the run while it goes on. */
const POLL_MS = 1_000;

/** A failure in plain words, with the provider's own message folded away for whoever needs it. */
function Failure({ message, t }: { message: string | null; t: Dictionary }) {
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

/**
 * A run as it is being made: a progress bar, its status (announced as it changes), totals, each step,
 * a failure in plain words, and a cancel button. It asks /api/studio/runs/:id every second while the
 * run is queued or running, and stops once it has finished.
 */
export function RunProgress({ initial }: { initial: RunView }) {
  const { t } = useDictionary();
  const r = t.studio.run;
  const [run, setRun] = useState(initial);
  const [lost, setLost] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelFailed, setCancelFailed] = useState(false);
  const [retry, setRetry] = useState<'idle' | 'busy' | { failed: string }>('idle');
  // Where the generated course stands after the run: as generated, or published / archived from here.
  const [course, setCourse] = useState<
    | 'generated'
    | 'published'
    | 'archived'
    | { busy: 'publish' | 'archive' }
    | { failed: 'publish' | 'archive'; why: string }
  >('generated');
  const publishRef = useRef<HTMLParagraphElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const active = isActive(run.status);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch(`/api/studio/runs/${run.id}`, { cache: 'no-store' });
        if (stopped) return;
        if (res.ok) {
          setRun((await res.json()) as RunView);
          setLost(false);
        } else {
          setLost(true);
        }
      } catch {
        if (!stopped) setLost(true);
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, run.id]);

  async function cancel() {
    setCancelling(true);
    setCancelFailed(false);
    try {
      const res = await fetch(`/api/studio/runs/${run.id}/cancel`, { method: 'POST' });
      if (res.ok) setRun((await res.json()) as RunView);
      else setCancelFailed(true);
    } catch {
      setCancelFailed(true);
    } finally {
      setCancelling(false);
      statusRef.current?.focus();
    }
  }

  /** Runs a failed run again: the same run goes back to the queue, or the page moves to the new one. */
  async function retryRun() {
    setRetry('busy');
    try {
      const res = await fetch(`/api/studio/runs/${run.id}/retry`, { method: 'POST' });
      const body = (await res.json().catch(() => null)) as {
        runId?: string;
        errors?: { message?: string }[];
      } | null;
      if (!res.ok || !body?.runId) {
        setRetry({ failed: body?.errors?.[0]?.message ?? '' });
        return;
      }
      if (body.runId !== run.id) {
        window.location.assign(`/studio/runs/${body.runId}`);
        return;
      }
      const again = await fetch(`/api/studio/runs/${run.id}`, { cache: 'no-store' });
      if (again.ok) setRun((await again.json()) as RunView);
      setRetry('idle');
      statusRef.current?.focus();
    } catch {
      setRetry({ failed: '' });
    }
  }

  async function changeCourse(action: 'publish' | 'archive') {
    if (!run.courseId) return;
    setCourse({ busy: action });
    try {
      const res = await fetch(`/api/studio/courses/${run.courseId}/${action}`, { method: 'POST' });
      if (res.ok) setCourse(action === 'publish' ? 'published' : 'archived');
      else {
        const body = (await res.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
        setCourse({ failed: action, why: body?.errors?.[0]?.message ?? '' });
      }
    } catch {
      setCourse({ failed: action, why: '' });
    } finally {
      publishRef.current?.focus();
    }
  }
  const busy = typeof course === 'object' && 'busy' in course ? course.busy : null;
  const failed = typeof course === 'object' && 'failed' in course ? course.failed : null;
  // What the button offers: what is under way (or again, after a failure), else the next step.
  const offer = busy ?? failed ?? (course === 'published' ? 'archive' : 'publish');

  const share = percent(run.progress);
  const labels = stepLabels(run.steps, t);
  const failedStep = run.steps.find((step) => step.status === 'failed');
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
      {run.status === 'completed' ? (
        <p className="run__done">
          {r.completed} {run.courseId ? <a href={`/studio/cursos/${run.courseId}`}>{r.review}</a> : null}
        </p>
      ) : null}
      {/* Publishing belongs to a course run; a regeneration is decided on the review page. */}
      {run.status === 'completed' && run.courseId && (run.request?.kind ?? 'course') === 'course' ? (
        <div className="run__publish">
          <button
            type="button"
            className={offer === 'publish' ? 'button' : 'button button--secondary'}
            onClick={() => changeCourse(offer)}
            aria-disabled={busy !== null || undefined}
            disabled={busy !== null}
          >
            {busy === 'publish'
              ? r.publishing
              : busy === 'archive'
                ? r.archiving
                : offer === 'publish'
                  ? r.publish
                  : r.archive}
          </button>
          <p ref={publishRef} tabIndex={-1} aria-live="polite" className="run__publish-result">
            {course === 'published' ? (
              <>
                {r.published} <a href="/">{r.seeCatalogue}</a>
              </>
            ) : course === 'archived' ? (
              r.archived
            ) : typeof course === 'object' && 'failed' in course ? (
              `${course.failed === 'publish' ? r.publishFailed : r.archiveFailed} ${course.why}`.trim()
            ) : null}
          </p>
        </div>
      ) : null}
      {run.status === 'cancelled' ? <p>{r.cancelled}</p> : null}
      {run.status === 'failed' ? (
        <div className="run-failure" role="alert">
          <h3>{r.failedTitle}</h3>
          {failedStep ? <p>{r.failedStep(labels.get(failedStep.id) ?? '')}</p> : null}
          <Failure message={run.error ?? failedStep?.error ?? null} t={t} />
          <p>
            <button
              type="button"
              className="button"
              onClick={retryRun}
              disabled={retry === 'busy'}
              aria-disabled={retry === 'busy' || undefined}
            >
              {retry === 'busy' ? r.retrying : r.retry}
            </button>
          </p>
          {typeof retry === 'object' ? <p>{`${r.retryFailed} ${retry.failed}`.trim()}</p> : null}
        </div>
      ) : null}
      {active ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={cancel}
            aria-disabled={cancelling || undefined}
            disabled={cancelling}
          >
            {cancelling ? r.cancelling : r.cancel}
          </button>
        </p>
      ) : null}
      {cancelFailed ? <p role="alert">{r.cancelFailed}</p> : null}
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
      {run.steps.length === 0 ? (
        <p>{r.noSteps}</p>
      ) : (
        <div className="table-scroll">
          <table className="studio-table">
            <caption className="sr-only">{r.stepsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.studio.columns.step}</th>
                <th scope="col">{r.status}</th>
                <th scope="col">{r.provider}</th>
                <th scope="col">{r.tokens}</th>
                <th scope="col">{r.cost}</th>
                <th scope="col">{r.attempts}</th>
              </tr>
            </thead>
            <tbody>
              {run.steps.map((step) => (
                <StepRow
                  key={step.id}
                  step={step}
                  label={labels.get(step.id) ?? step.kind}
                  courseId={run.courseId}
                  t={t}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
