'use client';
import { useCallback, useEffect, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { formatWhen } from '../admin-format.ts';
import { adminFetch, messageOf } from '../hooks/admin-fetch.ts';
import type { AuditAnswer } from '../panel-types.ts';

/** Who did what, when, on which host, and how it ended: every host's audit log, newest first. */
export function AuditSection({ version }: { version: number }) {
  const { locale, t } = useDictionary();
  const a = t.admin.audit;
  const [audit, setAudit] = useState<AuditAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setAudit(await adminFetch<AuditAnswer>('audit'));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes after each action, to read the log again
  useEffect(() => {
    void load();
  }, [load, version]);
  return (
    <section className="admin-section" aria-labelledby="admin-audit">
      <h2 id="admin-audit">{a.title}</h2>
      <button type="button" className="button button--secondary button--small" onClick={() => void load()}>
        {a.refresh}
      </button>
      {error ? <p role="alert">{t.admin.actions.failed(error)}</p> : null}
      {audit === null && !error ? <p>{t.admin.loading}</p> : null}
      {audit?.problems.map((problem) => (
        <p key={problem.host} className="admin-audit__problem">
          {t.admin.audit.unread(problem.host)} {t.admin.failures[problem.failure](problem.host)}
        </p>
      ))}
      {audit?.entries.length === 0 ? <p className="admin-empty">{a.empty}</p> : null}
      {audit?.entries.length ? (
        <div className="admin-table-wrap">
          <table className="admin-table admin-audit">
            <thead>
              <tr>
                <th scope="col">{a.when}</th>
                <th scope="col">{a.who}</th>
                <th scope="col">{a.what}</th>
                <th scope="col">{a.host}</th>
                <th scope="col">{a.outcome}</th>
              </tr>
            </thead>
            <tbody>
              {audit.entries.map((entry) => (
                <tr key={entry.key}>
                  <td>{formatWhen(entry.at, locale)}</td>
                  <td>{entry.actor}</td>
                  <td>
                    {entry.action}
                    {entry.target ? ` ${entry.target}` : ''}
                    {entry.detail ? <span className="admin-audit__detail"> — {entry.detail}</span> : null}
                  </td>
                  <td>{entry.host}</td>
                  <td data-outcome={entry.outcome}>{a.outcomes[entry.outcome]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
