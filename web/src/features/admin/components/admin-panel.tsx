'use client';
import { useCallback, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { adminFetch, messageOf } from '../hooks/admin-fetch.ts';
import { useOperation } from '../hooks/use-operation.ts';
import { useVisiblePoll } from '../hooks/use-visible-poll.ts';
import type { PanelHostView } from '../panel-types.ts';
import { AuditSection } from './audit-section.tsx';
import { BackupsSection } from './backups-section.tsx';
import { CloneSection } from './clone-section.tsx';
import { ConfirmButton } from './confirm-button.tsx';
import { HostCard } from './host-card.tsx';

export type HostsAnswer =
  | { configured: true; hosts: PanelHostView[] }
  | { configured: false; problem: string | null; hosts: [] };

/** How often the servers are read again while the tab is visible. */
const REFRESH_MS = 5_000;

/** The panel: the servers (live), Main's backups and drills, the clone, the queue, the audit log. */
export function AdminPanel({
  initial,
  mainHost,
  backupKeep,
}: {
  initial: HostsAnswer;
  mainHost: string | undefined;
  /** How many backups Main keeps (AULA_BACKUP_KEEP). */
  backupKeep: number;
}) {
  const { t } = useDictionary();
  const [hosts, setHosts] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [auditVersion, setAuditVersion] = useState(0);
  const refresh = useCallback(async () => {
    try {
      setHosts(await adminFetch<HostsAnswer>('hosts'));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  const paused = useVisiblePoll(refresh, REFRESH_MS, initial.configured);
  const afterAction = useCallback(() => {
    setAuditVersion((v) => v + 1);
    void refresh();
  }, [refresh]);
  const drain = useOperation(mainHost, afterAction);

  if (!hosts.configured)
    return (
      <section className="admin-section admin-empty" aria-labelledby="admin-none">
        <h2 id="admin-none">{t.admin.notConfiguredTitle}</h2>
        {hosts.problem ? <p role="alert">{t.admin.configProblem(hosts.problem)}</p> : null}
        <p>{t.admin.notConfigured}</p>
      </section>
    );
  return (
    <>
      <section className="admin-section" aria-labelledby="admin-servers">
        <h2 id="admin-servers">{t.admin.servers.title}</h2>
        <p className="admin-live">{paused ? t.admin.servers.paused : t.admin.servers.live}</p>
        {error ? <p role="alert">{t.admin.actions.failed(error)}</p> : null}
        <div className="admin-hosts">
          {hosts.hosts.map((view) => (
            <HostCard key={view.name} view={view} onAction={afterAction} />
          ))}
        </div>
      </section>
      {mainHost ? (
        <>
          <BackupsSection host={mainHost} keep={backupKeep} onAction={afterAction} />
          <section className="admin-section" aria-labelledby="admin-queue">
            <h2 id="admin-queue">{t.admin.actions.drain}</h2>
            <ConfirmButton
              label={t.admin.actions.drain}
              question={t.admin.actions.drainConfirm}
              disabled={drain.running}
              onConfirm={() => void drain.start('queues/drain')}
            />
            <p aria-live="polite">
              {drain.error
                ? t.admin.actions.failed(drain.error)
                : drain.operation?.state === 'done'
                  ? t.admin.actions.drained
                  : drain.operation?.state === 'failed'
                    ? t.admin.actions.failed(drain.operation.error ?? '')
                    : ''}
            </p>
          </section>
        </>
      ) : null}
      <CloneSection host={mainHost} onAction={afterAction} />
      <AuditSection version={auditVersion} />
    </>
  );
}
