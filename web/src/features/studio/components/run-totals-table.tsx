import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import { runTotals } from '../run-totals.ts';
import type { RunRow } from '../server/studio-api.ts';
import { StudioTable } from './studio-table.tsx';

/** The listed runs summed per provider: how many, how long, tokens in and out, cost; then the total. */
export function RunTotalsTable({ runs, t }: { runs: RunRow[]; t: Dictionary }) {
  const rows = runTotals(runs);
  if (rows.length === 0) return null;
  const c = t.studio.totals;
  const all = rows.reduce(
    (sum, row) => ({
      runs: sum.runs + row.runs,
      seconds: sum.seconds + row.seconds,
      tokensIn: sum.tokensIn + row.tokensIn,
      tokensOut: sum.tokensOut + row.tokensOut,
      costUsd: sum.costUsd + row.costUsd,
    }),
    { runs: 0, seconds: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 },
  );
  const cells = (row: typeof all) => (
    <>
      <td data-label={c.runs}>{t.studio.tokens(row.runs)}</td>
      <td data-label={c.duration}>{t.studio.seconds(row.seconds)}</td>
      <td data-label={c.tokensIn}>{t.studio.tokens(row.tokensIn)}</td>
      <td data-label={c.tokensOut}>{t.studio.tokens(row.tokensOut)}</td>
      <td data-label={c.cost}>{t.studio.cost(row.costUsd)}</td>
    </>
  );
  return (
    <section aria-labelledby="run-totals" className="run-totals">
      <h2 id="run-totals">{c.title}</h2>
      <p className="studio__intro">{c.note}</p>
      <StudioTable
        caption={c.title}
        columns={[c.provider, c.runs, c.duration, c.tokensIn, c.tokensOut, c.cost]}
        footer={
          rows.length > 1 ? (
            <tr>
              <th scope="row">{c.all}</th>
              {cells(all)}
            </tr>
          ) : null
        }
      >
        {rows.map((row) => (
          <tr key={row.provider ?? ''}>
            <th scope="row">{row.provider ?? c.none}</th>
            {cells(row)}
          </tr>
        ))}
      </StudioTable>
    </section>
  );
}
