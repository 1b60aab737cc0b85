'use client';
import type { HostSample } from '@aula/ops/contract';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { formatBytes, formatPercent, formatUptime, formatWhen } from '../admin-format.ts';
import type { PanelHostView } from '../panel-types.ts';
import { ServiceRow } from './service-row.tsx';
import { SparkChart } from './spark-chart.tsx';

/** One host: its figures, the last hour as small charts, its services; or why it does not answer. */
export function HostCard({ view, onAction }: { view: PanelHostView; onAction: () => void }) {
  const { locale, t } = useDictionary();
  const s = t.admin.servers;
  const headingId = `host-${view.name}`;
  const title = (
    <h3 id={headingId} className="admin-host__name">
      {view.name} <span className="admin-host__role">{s.roles[view.role]}</span>
    </h3>
  );
  if (!view.reachable)
    return (
      <article className="admin-host admin-host--down" aria-labelledby={headingId} data-host={view.name}>
        {title}
        <p className="admin-host__reach" data-reachable="false">
          <strong>{s.unreachable}</strong>
        </p>
        <p className="admin-host__why">{t.admin.failures[view.failure ?? 'answer'](view.name)}</p>
        <p className="admin-host__error">
          {t.admin.technical}: {view.error}
        </p>
        <p className="admin-host__checked">{s.checkedAt(formatWhen(view.checkedAt, locale))}</p>
      </article>
    );
  const { status } = view;
  const memShare = status.memory.usedBytes / Math.max(status.memory.totalBytes, 1);
  const diskShare = status.disk.usedBytes / Math.max(status.disk.totalBytes, 1);
  const lastCpu = status.history.at(-1)?.cpu;
  const pct = (v: number) => formatPercent(v, locale);
  const summary = (what: string, values: number[], show: (v: number) => string) =>
    s.chartSummary(what, show(Math.min(...values)), show(Math.max(...values)), show(values.at(-1) ?? 0));
  const series = (pick: (h: HostSample) => number) => status.history.map(pick);
  const cpu = series((h) => h.cpu);
  const mem = series((h) => h.memUsedBytes / Math.max(h.memTotalBytes, 1));
  const disk = series((h) => h.diskUsedBytes / Math.max(h.diskTotalBytes, 1));
  const load = series((h) => h.load1);
  return (
    <article className="admin-host" aria-labelledby={headingId} data-host={view.name}>
      {title}
      <p className="admin-host__reach" data-reachable="true">
        {s.reachable} · {s.version} {status.aulaVersion} · {s.checkedAt(formatWhen(status.at, locale))}
      </p>
      <dl className="admin-figures">
        <div>
          <dt>{s.cpu}</dt>
          <dd>
            {lastCpu === undefined ? '—' : pct(lastCpu)} <span className="admin-figures__of">({status.cpus} CPU)</span>
          </dd>
        </div>
        <div>
          <dt>{s.memory}</dt>
          <dd>
            {formatBytes(status.memory.usedBytes, locale)} / {formatBytes(status.memory.totalBytes, locale)} (
            {pct(memShare)})
          </dd>
        </div>
        <div>
          <dt>{s.disk}</dt>
          <dd data-warn={diskShare > 0.85 ? 'true' : undefined}>
            {formatBytes(status.disk.usedBytes, locale)} / {formatBytes(status.disk.totalBytes, locale)} (
            {pct(diskShare)})
          </dd>
        </div>
        <div>
          <dt>{s.load}</dt>
          <dd>{status.load.map((l) => l.toFixed(2)).join(' · ')}</dd>
        </div>
        <div>
          <dt>{s.uptime}</dt>
          <dd>{formatUptime(status.uptimeSeconds)}</dd>
        </div>
        <div>
          <dt>{t.admin.backups.title}</dt>
          <dd>{status.lastBackup ? s.lastBackup(formatWhen(status.lastBackup.at, locale)) : s.noBackupYet}</dd>
        </div>
      </dl>
      <h4 className="admin-host__sub">{s.lastHour}</h4>
      {status.history.length ? (
        <div className="admin-charts">
          <SparkChart label={s.cpu} values={cpu} max={1} summary={summary(s.cpu, cpu, pct)} />
          <SparkChart label={s.memory} values={mem} max={1} summary={summary(s.memory, mem, pct)} />
          <SparkChart label={s.disk} values={disk} max={1} summary={summary(s.disk, disk, pct)} />
          <SparkChart label={s.load} values={load} summary={summary(s.load, load, (v) => v.toFixed(2))} />
        </div>
      ) : (
        <p>{s.noHistory}</p>
      )}
      <h4 className="admin-host__sub">{s.services}</h4>
      {status.services.length ? (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{s.service}</th>
                <th scope="col">{s.state}</th>
                <th scope="col">{s.serviceVersion}</th>
                <th scope="col">{s.actions}</th>
              </tr>
            </thead>
            <tbody>
              {status.services.map((service) => (
                <ServiceRow key={service.name} host={view.name} service={service} onAction={onAction} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{s.noServices}</p>
      )}
    </article>
  );
}
