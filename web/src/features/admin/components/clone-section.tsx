'use client';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { useOperation } from '../hooks/use-operation.ts';
import { ConfirmButton } from './confirm-button.tsx';
import { OperationView } from './operation-view.tsx';

/** Clone Main onto the Mirror: one confirmed button, the steps as they happen, a stop, and again. */
export function CloneSection({ host, onAction }: { host: string | undefined; onAction: () => void }) {
  const { t } = useDictionary();
  const c = t.admin.clone;
  const clone = useOperation(host, onAction);
  return (
    <section className="admin-section" aria-labelledby="admin-clone">
      <h2 id="admin-clone">{c.title}</h2>
      <p>{c.intro}</p>
      {host ? (
        <div className="admin-actions">
          {clone.running ? (
            <button type="button" className="button button--secondary" onClick={() => void clone.stop()}>
              {c.stop}
            </button>
          ) : (
            <ConfirmButton
              label={clone.operation ? c.again : c.start}
              question={c.confirm}
              className="button"
              onConfirm={() => void clone.start('clone', { to: 'mirror' })}
            />
          )}
        </div>
      ) : (
        <p>{c.noMain}</p>
      )}
      {clone.error ? <p role="alert">{t.admin.actions.failed(clone.error)}</p> : null}
      {clone.operation ? <OperationView operation={clone.operation} lost={clone.lost} label={c.title} /> : null}
    </section>
  );
}
