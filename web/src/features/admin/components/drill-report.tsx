'use client';
import type { RestoreReport } from '@aula/ops/contract';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { formatWhen } from '../admin-format.ts';

/** A restore drill's result: passed or not, the tables and rows it compared, what differed. */
export function DrillReport({ report, heading }: { report: RestoreReport; heading: string }) {
  const { locale, t } = useDictionary();
  const d = t.admin.drill;
  const rows = report.tables.reduce((sum, table) => sum + table.rows, 0);
  return (
    <section className="admin-drill" data-ok={report.ok} aria-label={heading}>
      <h4>{heading}</h4>
      <p className="admin-drill__verdict">
        <strong>{report.ok ? d.ok : d.notOk}</strong> — {report.ok ? d.passed : d.failed}
      </p>
      <p>
        {d.of(report.backupId, formatWhen(report.at, locale))} ·{' '}
        <span className="admin-drill__summary">{d.summary(report.tables.length, rows, report.seconds.toFixed(1))}</span>
      </p>
      {report.problems.length ? (
        <ul className="admin-drill__problems">
          {report.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      {report.tables.length ? (
        <details>
          <summary>
            {d.table} ({report.tables.length})
          </summary>
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{d.table}</th>
                  <th scope="col">{d.rows}</th>
                  <th scope="col">{d.expected}</th>
                </tr>
              </thead>
              <tbody>
                {report.tables.map((table) => (
                  <tr
                    key={table.table}
                    data-ok={table.rows === table.expectedRows && table.checksum === table.expectedChecksum}
                  >
                    <th scope="row">{table.table}</th>
                    <td>{table.rows}</td>
                    <td>{table.expectedRows}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}
