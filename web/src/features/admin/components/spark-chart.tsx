const WIDTH = 160;
const HEIGHT = 36;

/**
 * The last hour of one figure as a small line (inline SVG, no chart library). The picture is hidden
 * from screen readers; `summary` (lowest, highest, now) says the same in words beside it.
 */
export function SparkChart({
  label,
  values,
  max,
  summary,
}: {
  label: string;
  values: number[];
  /** The top of the scale (1 for shares; the largest value when unset). */
  max?: number;
  summary: string;
}) {
  const series = values.length === 1 ? [values[0] ?? 0, values[0] ?? 0] : values;
  const top = max ?? Math.max(...series, 1e-9);
  const step = WIDTH / Math.max(series.length - 1, 1);
  const points = series
    .map((value, i) => {
      const y = HEIGHT - 2 - (Math.min(value, top) / top) * (HEIGHT - 4);
      return `${(i * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <figure className="admin-chart">
      <figcaption className="admin-chart__label">{label}</figcaption>
      <svg
        className="admin-chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <polyline points={points} />
      </svg>
      <p className="sr-only">{summary}</p>
    </figure>
  );
}
