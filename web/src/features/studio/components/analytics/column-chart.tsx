import type { ReactNode } from 'react';
import { ChartFrame } from './chart-frame.tsx';

const W = 640;
const H = 220;
const PAD = { top: 16, right: 8, bottom: 32, left: 36 };

/** A series over time as columns (server-drawn SVG), with its table. */
export function ColumnChart({
  id,
  title,
  showData,
  points,
  table,
}: {
  id: string;
  title: string;
  showData: string;
  points: { label: string; value: number }[];
  table: ReactNode;
}) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(1, points.length);
  const barW = Math.max(1, Math.min(40, step * 0.8));
  const every = Math.max(1, Math.ceil(points.length / 8));
  const y = (v: number) => PAD.top + innerH - (innerH * v) / max;
  return (
    <ChartFrame id={id} title={title} showData={showData} width={W} height={H} table={table}>
      <line className="chart__axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
      <line className="chart__grid" x1={PAD.left} x2={W - PAD.right} y1={y(max)} y2={y(max)} />
      <text className="chart__tick" x={PAD.left - 6} y={y(max) + 4} textAnchor="end">
        {max}
      </text>
      <text className="chart__tick" x={PAD.left - 6} y={y(0) + 4} textAnchor="end">
        0
      </text>
      {points.map((p, i) => {
        const x = PAD.left + i * step + (step - barW) / 2;
        return (
          <g key={p.label}>
            <rect className="chart__bar" x={x} y={y(p.value)} width={barW} height={y(0) - y(p.value)}>
              <title>{`${p.label}: ${p.value}`}</title>
            </rect>
            {i % every === 0 || i === points.length - 1 ? (
              <text className="chart__tick" x={x + barW / 2} y={H - PAD.bottom + 16} textAnchor="middle">
                {p.label.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartFrame>
  );
}
