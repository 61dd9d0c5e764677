"use client";
import { useId } from "react";
import type { Position } from "@/lib/board/position";
import type { Results } from "@/lib/session/votes";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { balanceSeries, formatSigned, linearScale, niceTicks, stepPath, timeAxis } from "./chart-scale";
import styles from "./ResultsPanel.module.css";
import tables from "./ResultsTables.module.css";
import { useChartWidth } from "./useChartWidth";

const MAX_WIDTH = 560;
/** Narrower than this, five clock labels would overlap. */
const MIN_WIDTH = 340;
const HEIGHT = 240;
const M = { top: 12, right: 28, bottom: 38, left: 48 };
/** With more ballots than this, dots per ballot would only smear the lines. */
const MAX_DOTS = 60;

/** Clock labels; seconds only when the ticks are less than a minute apart (a quick vote). */
const clock = (at: number, seconds = false) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}) });

/**
 * How each position's balance (For minus Against strength) moved, ballot by ballot: one stepped line
 * per position in its colour, with a zero line to show which side leads. The numbers behind every
 * step are in a table below the chart.
 */
export function BalanceTimeline({ timeline, positions }: { timeline: Results["timeline"]; positions: Position[] }) {
  const uid = useId().replace(/[^a-zA-Z0-9]/g, "");
  const { ref, width } = useChartWidth<HTMLElement>(MAX_WIDTH, MIN_WIDTH);
  if (timeline.length === 0) {
    return (
      <p className={styles.empty} data-testid="results-timeline">
        No ballots yet: the balance over time appears with the first vote.
      </p>
    );
  }
  const series = balanceSeries(timeline, positions.map((p) => p.id));
  const first = timeline[0].at;
  const last = timeline[timeline.length - 1].at;
  // The viewer's own clock: tick labels are local times, so the ticks sit on the local hour.
  // About one clock label per 100 units, so labels never overlap on a narrow chart.
  const intervals = Math.floor((width - M.left - M.right) / 100);
  const xAxis = timeAxis(first, last, intervals, -new Date(first).getTimezoneOffset() * 60_000);
  const values = [...series.values()].flatMap((points) => points.map((p) => p.value));
  const yAxis = niceTicks(Math.min(...values), Math.max(...values), 4);
  const x = linearScale([xAxis.min, xAxis.max], [M.left, width - M.right]);
  const y = linearScale([yAxis.min, yAxis.max], [HEIGHT - M.bottom, M.top]);
  const finals = positions.map((p) => ({ position: p, value: series.get(p.id)?.at(-1)?.value ?? 0 }));

  return (
    <figure ref={ref} className={styles.figure} data-testid="results-timeline">
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} className={styles.chart} role="img" aria-labelledby={`${uid}-t ${uid}-d`}>
        <title id={`${uid}-t`}>Balance over the session</title>
        <desc id={`${uid}-d`}>
          {`${timeline.length} ballots from ${clock(first)} to ${clock(last)}. Balance now: `}
          {finals.map((f) => `${f.position.label} ${formatSigned(f.value)}`).join(", ")}.
        </desc>
        {yAxis.ticks.map((tick) => (
          <g key={tick}>
            <line x1={M.left} x2={width - M.right} y1={y(tick)} y2={y(tick)} className={tick === 0 ? styles.zero : styles.grid} />
            <text x={M.left - 6} y={y(tick) + 4} textAnchor="end" className={styles.tick}>
              {formatSigned(tick)}
            </text>
          </g>
        ))}
        {xAxis.ticks.map((tick) => (
          <g key={tick} data-testid="timeline-x-tick">
            <line x1={x(tick)} x2={x(tick)} y1={M.top} y2={HEIGHT - M.bottom + 4} className={styles.grid} />
            <text x={x(tick)} y={HEIGHT - M.bottom + 16} textAnchor="middle" className={styles.tick}>
              {clock(tick, xAxis.showSeconds)}
            </text>
          </g>
        ))}
        <line x1={M.left} x2={M.left} y1={M.top} y2={HEIGHT - M.bottom} className={styles.axis} />
        <text x={(M.left + width - M.right) / 2} y={HEIGHT - 4} textAnchor="middle" className={styles.axisLabel}>
          Time
        </text>
        <text transform={`translate(12 ${(M.top + HEIGHT - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" className={styles.axisLabel}>
          Balance (for − against)
        </text>
        {positions.map((position, i) => {
          const points = series.get(position.id) ?? [];
          const color = POSITION_PALETTES[position.color].base;
          const xy = points.map((p) => ({ x: x(p.at), y: y(p.value) }));
          return (
            <g key={position.id}>
              {/* A second position gets a dashed line too: colour is never the only difference. */}
              <path d={stepPath(xy)} fill="none" stroke={color} strokeWidth={2.5} strokeDasharray={i % 2 === 1 ? "7 4" : undefined} />
              {points.length <= MAX_DOTS ? xy.slice(1).map((p, j) => <circle key={j} cx={p.x} cy={p.y} r={3} fill={color} />) : null}
            </g>
          );
        })}
      </svg>
      <ul className={styles.legend}>
        {finals.map(({ position, value }, i) => (
          <li key={position.id}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="1" x2="27" y1="5" y2="5" stroke={POSITION_PALETTES[position.color].base} strokeWidth="3" strokeDasharray={i % 2 === 1 ? "7 4" : undefined} />
            </svg>
            {position.label} <strong>{formatSigned(value)}</strong>
          </li>
        ))}
      </ul>
      <details className={styles.details}>
        <summary>Every ballot as a table</summary>
        <div className={tables.scroll}>
          <table className={tables.table}>
            <caption className="visually-hidden">Balance after each ballot</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {positions.map((p) => (
                  <th key={p.id} scope="col" className={tables.num}>
                    {p.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {timeline.map((entry, i) => (
                <tr key={i}>
                  <th scope="row">{new Date(entry.at).toLocaleTimeString()}</th>
                  {positions.map((p) => (
                    <td key={p.id} className={tables.num}>
                      {formatSigned(entry.balances[p.id] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
