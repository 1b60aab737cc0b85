import type { ReactNode } from 'react';
import { ChartFrame } from './chart-frame.tsx';

const W = 640;
const LABEL_W = 220;
const ROW = 28;
const GAP = 10;

/**
 * Horizontal bars, one row per item and one bar per series (server-drawn SVG), with a legend when
 * there are several series, and its table. Each bar is labelled with its text (a count, a share).
 */
export function BarChart({
  id,
  title,
  showData,
  series,
  rows,
  max,
  table,
}: {
  id: string;
  title: string;
  showData: string;
  series: string[];
  rows: { label: string; values: { value: number; text: string }[] }[];
  /** The value of a full bar (e.g. the enrolments); the largest value when not given. */
  max?: number;
  table: ReactNode;
}) {
  const top = series.length > 1 ? 24 : 4;
  const rowH = ROW * series.length + GAP;
  const H = top + rows.length * rowH;
  const full = Math.max(1, max ?? 0, ...rows.flatMap((r) => r.values.map((v) => v.value)));
  const barMax = W - LABEL_W - 60;
  return (
    <ChartFrame id={id} title={title} showData={showData} width={W} height={H} table={table}>
      {series.length > 1
        ? series.map((name, s) => (
            <g key={name}>
              <rect className={`chart__bar chart__bar--${s}`} x={LABEL_W + s * 200} y={4} width={12} height={12} />
              <text className="chart__tick" x={LABEL_W + s * 200 + 18} y={15}>
                {name}
              </text>
            </g>
          ))
        : null}
      {rows.map((row, r) => {
        const y0 = top + r * rowH;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows keep their order; labels may repeat.
          <g key={r}>
            <text className="chart__label" x={LABEL_W - 8} y={y0 + (ROW * series.length) / 2 + 4} textAnchor="end">
              {row.label.length > 32 ? `${row.label.slice(0, 31)}…` : row.label}
            </text>
            {row.values.map((v, s) => {
              const w = (barMax * v.value) / full;
              const y = y0 + s * ROW + 4;
              return (
                <g key={series[s] ?? s}>
                  <rect className={`chart__bar chart__bar--${s}`} x={LABEL_W} y={y} width={w} height={ROW - 8}>
                    <title>{`${row.label} · ${series[s] ?? ''}: ${v.text}`}</title>
                  </rect>
                  <text className="chart__value" x={LABEL_W + w + 6} y={y + ROW / 2}>
                    {v.text}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </ChartFrame>
  );
}
