'use client';
import type { Operation } from '@aula/ops/contract';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';

/**
 * An operation's steps as they happen. The list is a polite live region: a screen reader hears each
 * step as it changes state, and the end (done, failed, stopped) with its error.
 */
export function OperationView({ operation, lost, label }: { operation: Operation; lost?: boolean; label: string }) {
  const { t } = useDictionary();
  const o = t.admin.operation;
  const percent = operation.progress === undefined ? null : Math.round(operation.progress * 100);
  return (
    <section className="admin-op" aria-label={label} data-state={operation.state}>
      <div aria-live="polite" aria-atomic="false">
        <p className="admin-op__state">
          <strong>{o.finished[operation.state]}</strong>
          {percent !== null && operation.state === 'running' ? ` · ${o.progress(percent)}` : null}
        </p>
        {percent !== null && operation.state === 'running' ? (
          <progress className="admin-op__bar" max={100} value={percent} aria-label={label} />
        ) : null}
        <ol className="admin-op__steps" aria-label={o.steps}>
          {operation.steps.map((step) => (
            <li key={step.name} data-state={step.state}>
              <span className="admin-op__step-state">{o.states[step.state]}</span> {step.name}
              {step.detail ? <span className="admin-op__detail"> — {step.detail}</span> : null}
            </li>
          ))}
        </ol>
      </div>
      {operation.error ? (
        <p role="alert" className="admin-op__error">
          {operation.error}
        </p>
      ) : null}
      {lost ? <p className="admin-op__lost">{o.lost}</p> : null}
    </section>
  );
}
