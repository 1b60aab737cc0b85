import type { ReactNode } from 'react';

/**
 * The studio's tables: a caption for screen readers, a header row of column names; the rows (and a
 * footer row, if any) are the caller's. On a phone each row is a card (studio.css): its row header the
 * title, then each cell after the column name the caller gives it in `data-label`.
 */
export function StudioTable({
  caption,
  columns,
  footer,
  live = false,
  children,
}: {
  caption: string;
  columns: ReactNode[];
  footer?: ReactNode;
  /** Announce the table when it appears (a result the person asked for). */
  live?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" aria-live={live ? 'polite' : undefined}>
      <table className="studio-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed, in order.
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {footer ? <tfoot>{footer}</tfoot> : null}
      </table>
    </div>
  );
}
