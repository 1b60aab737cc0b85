import type { ReactNode } from 'react';

/**
 * A chart as a picture with its data behind it: the SVG (`role="img"`, named by its title), a visible
 * caption, and the same figures as a table under "show the data" for screen readers and for reading
 * exact numbers (decision 019).
 */
export function ChartFrame({
  id,
  title,
  showData,
  width,
  height,
  children,
  table,
}: {
  id: string;
  title: string;
  showData: string;
  width: number;
  height: number;
  children: ReactNode;
  table: ReactNode;
}) {
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <svg
        className="chart__svg"
        role="img"
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        {children}
      </svg>
      <figcaption id={`${id}-caption`} className="chart__caption">
        {title}
      </figcaption>
      <details className="chart__data">
        <summary>{showData}</summary>
        {table}
      </details>
    </figure>
  );
}
