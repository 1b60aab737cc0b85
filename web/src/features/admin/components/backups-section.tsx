'use client';
import { BACKUP_KINDS, type BackupEntry, type BackupKind, type RestoreReport } from '@aula/ops/contract';
import { useCallback, useEffect, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { formatBytes, formatWhen } from '../admin-format.ts';
import { adminFetch, messageOf } from '../hooks/admin-fetch.ts';
import { useOperation } from '../hooks/use-operation.ts';
import { DrillReport } from './drill-report.tsx';
import { OperationView } from './operation-view.tsx';

/**
 * Main's backups: start one (full or one part, optionally into a folder on the server) and watch it,
 * the list (size, checksum, when, kind) with download and a restore drill each, and the last drill.
 */
export function BackupsSection({ host, keep, onAction }: { host: string; keep: number; onAction: () => void }) {
  const { locale, t } = useDictionary();
  const b = t.admin.backups;
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [lastDrill, setLastDrill] = useState<RestoreReport | null>(null);
  const [kind, setKind] = useState<BackupKind>('full');
  const [to, setTo] = useState('');
  const [copied, setCopied] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setBackups(await adminFetch<BackupEntry[]>(`hosts/${host}/backups`));
      setListError(null);
    } catch (error) {
      setListError(messageOf(error));
    }
    setLastDrill(await adminFetch<RestoreReport | null>(`hosts/${host}/drills/last`).catch(() => null));
  }, [host]);
  useEffect(() => {
    void load();
  }, [load]);

  const backup = useOperation(host, () => {
    void load();
    onAction();
  });
  const drill = useOperation(host, () => {
    void load();
    onAction();
  });
  const busy = backup.running || drill.running;
  const drillResult =
    drill.operation?.state === 'done' ? (drill.operation.result as RestoreReport | undefined) : undefined;

  const copy = async (entry: BackupEntry) => {
    await navigator.clipboard?.writeText(entry.sha256).catch(() => undefined);
    setCopied(entry.id);
  };

  return (
    <section className="admin-section" aria-labelledby="admin-backups">
      <h2 id="admin-backups">{b.title}</h2>
      <p>{b.on(host)}</p>
      <form
        className="admin-backup-form"
        onSubmit={(event) => {
          event.preventDefault();
          void backup.start('backups', { kind, ...(to.trim() ? { to: to.trim() } : {}) });
        }}
      >
        <fieldset>
          <legend>{b.kind}</legend>
          {BACKUP_KINDS.map((k) => (
            <label key={k} className="admin-radio">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {b.kinds[k]}
            </label>
          ))}
        </fieldset>
        <label className="admin-field">
          <span>{b.to}</span>
          <input
            type="text"
            name="to"
            value={to}
            onChange={(event) => setTo(event.target.value)}
            aria-describedby="admin-backup-to-hint"
            autoComplete="off"
            spellCheck={false}
          />
          <span id="admin-backup-to-hint" className="admin-field__hint">
            {b.toHint}
          </span>
        </label>
        <button type="submit" className="button" disabled={busy}>
          {backup.running ? b.starting : b.start}
        </button>
      </form>
      {backup.error ? <p role="alert">{t.admin.actions.failed(backup.error)}</p> : null}
      {backup.operation ? <OperationView operation={backup.operation} lost={backup.lost} label={b.title} /> : null}

      <h3>{b.list}</h3>
      {listError ? <p role="alert">{t.admin.actions.failed(listError)}</p> : null}
      {backups === null && !listError ? <p>{t.admin.loading}</p> : null}
      {backups?.length === 0 ? <p className="admin-empty">{b.empty}</p> : null}
      {backups?.length ? (
        <div className="admin-table-wrap">
          <table className="admin-table admin-backups">
            <thead>
              <tr>
                <th scope="col">{b.when}</th>
                <th scope="col">{b.kind}</th>
                <th scope="col">{b.size}</th>
                <th scope="col">{b.checksum}</th>
                <th scope="col">{t.admin.servers.actions}</th>
              </tr>
            </thead>
            <tbody>
              {backups.map((entry) => (
                <tr key={entry.id} data-backup={entry.id}>
                  <th scope="row">
                    {formatWhen(entry.createdAt, locale)}
                    <span className="admin-backups__id">{entry.id}</span>
                  </th>
                  <td>{b.kindShort[entry.kind]}</td>
                  <td>{formatBytes(entry.bytes, locale)}</td>
                  <td>
                    <code title={entry.sha256}>{entry.sha256.slice(0, 12)}…</code>{' '}
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={b.copyLabel(entry.id)}
                      onClick={() => void copy(entry)}
                    >
                      {copied === entry.id ? b.copied : b.copy}
                    </button>
                  </td>
                  <td className="admin-actions">
                    <a
                      className="button button--secondary button--small"
                      href={`/api/admin/hosts/${encodeURIComponent(host)}/backups/${encodeURIComponent(entry.id)}/download`}
                      download={`${entry.id}.aula-backup`}
                      aria-label={b.downloadLabel(entry.id)}
                    >
                      {b.download}
                    </a>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={b.drillLabel(entry.id)}
                      disabled={busy}
                      onClick={() => void drill.start('drills', { backup: entry.id })}
                    >
                      {b.drill}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="admin-retention">{b.retention(keep)}</p>

      <h3>{t.admin.drill.title}</h3>
      {drill.error ? <p role="alert">{t.admin.actions.failed(drill.error)}</p> : null}
      {drill.operation ? (
        <OperationView operation={drill.operation} lost={drill.lost} label={t.admin.drill.title} />
      ) : null}
      {drillResult ? (
        <DrillReport report={drillResult} heading={t.admin.drill.title} />
      ) : lastDrill ? (
        <DrillReport report={lastDrill} heading={t.admin.drill.last} />
      ) : (
        <p className="admin-empty">{t.admin.drill.none}</p>
      )}
    </section>
  );
}
