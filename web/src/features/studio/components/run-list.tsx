import Link from 'next/link';
import type { Dictionary, Locale } from '../../../shared/i18n/dictionary.ts';
import { elapsedSeconds } from '../run-labels.ts';
import type { RunRow } from '../server/studio-api.ts';
import { StudioTable } from './studio-table.tsx';

/** The runs as a table: what was asked, status, steps done, tokens, cost, duration, when. */
export function RunList({ runs, t, locale }: { runs: RunRow[]; t: Dictionary; locale: Locale }) {
  if (runs.length === 0) return <p>{t.studio.noRuns}</p>;
  const c = t.studio.columns;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <StudioTable
      caption={t.studio.runsTitle}
      columns={[c.course, c.status, c.progress, c.tokens, c.cost, c.duration, c.started]}
    >
      {runs.map((run) => (
        <tr key={run.id}>
          <th scope="row">
            <Link href={`/studio/runs/${run.id}`}>
              {run.kind === 'course'
                ? run.title || t.studio.run.untitled
                : run.kind === 'scan'
                  ? t.studio.scan
                  : `${t.studio.regeneration}: ${run.title}`}
            </Link>
            {/* The topic asked for stays in sight once the outline has given the course its title. */}
            {run.kind === 'course' && run.topic && run.topic !== run.title ? (
              <span className="studio__topic">
                {t.studio.flow.topic}: <q>{run.topic}</q>
              </span>
            ) : null}
          </th>
          <td data-label={c.status}>
            <span className={`run-status run-status--${run.status}`}>{t.studio.statuses[run.status]}</span>
          </td>
          <td data-label={c.progress}>{t.studio.steps(run.progress.done, run.progress.total)}</td>
          <td data-label={c.tokens}>{t.studio.tokens(run.tokens)}</td>
          <td data-label={c.cost}>{t.studio.cost(run.costUsd)}</td>
          <td data-label={c.duration}>
            {run.finishedAt ? t.studio.seconds(elapsedSeconds(run.createdAt, run.finishedAt)) : '—'}
          </td>
          <td data-label={c.started}>
            <time dateTime={run.createdAt}>{date.format(new Date(run.createdAt))}</time>
          </td>
        </tr>
      ))}
    </StudioTable>
  );
}
