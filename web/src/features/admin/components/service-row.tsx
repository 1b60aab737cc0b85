'use client';
import type { ServiceState } from '@aula/ops/contract';
import { useId, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { adminFetch, messageOf } from '../hooks/admin-fetch.ts';
import { useOperation } from '../hooks/use-operation.ts';
import { ConfirmButton } from './confirm-button.tsx';

/** One service of a host: its state and version, a restart (confirmed) and its log's last 200 lines. */
export function ServiceRow({ host, service, onAction }: { host: string; service: ServiceState; onAction: () => void }) {
  const { t } = useDictionary();
  const a = t.admin.actions;
  const s = t.admin.servers;
  const restart = useOperation(host, onAction);
  const [log, setLog] = useState<{ lines: string[] } | { error: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const logId = useId();
  const readLog = async () => {
    setLoading(true);
    try {
      setLog(await adminFetch<{ lines: string[] }>(`hosts/${host}/services/${service.name}/log`));
    } catch (error) {
      setLog({ error: messageOf(error) });
    } finally {
      setLoading(false);
    }
  };
  const op = restart.operation;
  return (
    <>
      <tr>
        <th scope="row">{service.name}</th>
        <td>
          <span className="admin-state" data-state={service.state}>
            {s.states[service.state]}
          </span>
        </td>
        <td>{service.version ?? '—'}</td>
        <td className="admin-actions">
          <ConfirmButton
            label={a.restart}
            accessibleLabel={`${a.restart} ${service.name}`}
            question={a.restartConfirm(service.name, host)}
            disabled={restart.running}
            className="button button--secondary button--small"
            onConfirm={() => {
              void restart.start(`services/${service.name}/restart`).then(onAction);
            }}
          />
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={log !== null}
            aria-controls={log ? logId : undefined}
            onClick={() => (log ? setLog(null) : void readLog())}
          >
            {log ? a.hideLog : a.log}
            <span className="sr-only"> {service.name}</span>
          </button>
          <span aria-live="polite" className="admin-actions__status">
            {restart.error
              ? a.failed(restart.error)
              : op?.state === 'running'
                ? a.restarting(service.name)
                : op?.state === 'done'
                  ? a.restarted(service.name)
                  : op?.state === 'failed'
                    ? a.failed(op.error ?? '')
                    : ''}
          </span>
        </td>
      </tr>
      {log ? (
        <tr>
          <td colSpan={4} id={logId}>
            <section className="admin-log" aria-label={a.logTitle(service.name, host)}>
              <h4>{a.logTitle(service.name, host)}</h4>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => void readLog()}
                disabled={loading}
              >
                {a.refreshLog}
              </button>
              {'error' in log ? (
                <p role="alert">{a.failed(log.error)}</p>
              ) : log.lines.length ? (
                // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls; keyboard users need to reach it
                <pre className="admin-log__lines" tabIndex={0}>
                  {log.lines.join('\n')}
                </pre>
              ) : (
                <p>{a.emptyLog}</p>
              )}
            </section>
          </td>
        </tr>
      ) : null}
    </>
  );
}
