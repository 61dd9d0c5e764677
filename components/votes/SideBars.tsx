"use client";
import { useId } from "react";
import type { Position } from "@/lib/board/position";
import type { SideTotal } from "@/lib/session/votes";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { formatSigned, formatTotal, linearScale, niceTicks } from "./chart-scale";
import type { SideCounts } from "./results-rows";
import { useChartWidth } from "./useChartWidth";
import styles from "./ResultsPanel.module.css";
import tables from "./ResultsTables.module.css";

const MAX_WIDTH = 560;
/** Narrower than this, the position names and bar labels would collide. */
const MIN_WIDTH = 320;
const GUTTER = 64; // "For" / "Against" labels left of the bars
const RIGHT = 96; // room for "12.5 · 14 args" after the longest bar
const ROW = 70;
const BAR = 16;
const AXIS = 42; // tick labels and the axis title under the bars

/** Beside each bar: the sum and how many rated arguments make it up. */
const barValue = (sum: number, count: number) => `${formatTotal(sum)} · ${count} arg${count === 1 ? "" : "s"}`;

interface SideBarsProps {
  sides: SideTotal[];
  positions: Position[];
  /** Rated arguments behind each sum (see ratedCounts). */
  counts: ReadonlyMap<string, SideCounts>;
  /**
   * Width of the drawing in SVG units (text is in the same units): a narrower drawing shown at the
   * same size prints larger type, which is how the projector makes the chart readable from the back.
   * Without it the chart is drawn at its box's width (at most 560), so text keeps its size on a phone.
   */
  width?: number;
  /** Leave out the table under the chart (the projector shows the chart alone). */
  chartOnly?: boolean;
}

/**
 * For every position, the strength of the arguments pushing it up (For, solid) and down (Against,
 * striped, like the dashed against-cards), as horizontal bars so long position names fit. A bar is a
 * SUM of argument averages (each 1–5), so it is labelled as one, with the number of arguments in it.
 * The table under the chart carries the same numbers for screen readers and for copying.
 */
export function SideBars({ sides, positions, counts, width: fixedWidth, chartOnly = false }: SideBarsProps) {
  const fitted = useChartWidth<HTMLElement>(MAX_WIDTH, MIN_WIDTH);
  const width = fixedWidth ?? fitted.width;
  const uid = useId().replace(/[^a-zA-Z0-9]/g, "");
  const rows = positions.map((p) => ({ position: p, side: sides.find((s) => s.positionId === p.id) ?? null }));
  const max = Math.max(0, ...rows.flatMap((r) => [r.side?.forStrength ?? 0, r.side?.againstStrength ?? 0]));
  const axis = niceTicks(0, max, 4);
  const x = linearScale([0, axis.max], [GUTTER, width - RIGHT]);
  const height = rows.length * ROW + AXIS;
  const countOf = (id: string) => counts.get(id) ?? { for: 0, against: 0 };
  const plotBottom = rows.length * ROW;

  return (
    <figure ref={fitted.ref} className={styles.figure} data-testid="results-bars">
      <svg viewBox={`0 0 ${width} ${height}`} className={styles.chart} role="img" aria-labelledby={`${uid}-t ${uid}-d`}>
        <title id={`${uid}-t`}>Total strength by position</title>
        <desc id={`${uid}-d`}>
          {rows
            .map((r) => `${r.position.label}: for ${barValue(r.side?.forStrength ?? 0, countOf(r.position.id).for)}, against ${barValue(r.side?.againstStrength ?? 0, countOf(r.position.id).against)}.`)
            .join(" ")}
        </desc>
        <defs>
          {rows.map(({ position }) => (
            <pattern key={position.id} id={`${uid}-stripe-${position.id}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill={POSITION_PALETTES[position.color].soft} />
              <rect width="3" height="6" fill={POSITION_PALETTES[position.color].base} />
            </pattern>
          ))}
        </defs>
        {axis.ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={plotBottom} className={styles.grid} />
            <text x={x(tick)} y={plotBottom + 16} textAnchor="middle" className={styles.tick}>
              {formatTotal(tick)}
            </text>
          </g>
        ))}
        <text x={width / 2} y={height - 4} textAnchor="middle" className={styles.axisLabel} data-testid="bars-axis-title">
          Sum of the arguments&apos; average strength (each 1–5)
        </text>
        {rows.map(({ position, side }, i) => {
          const top = i * ROW;
          const palette = POSITION_PALETTES[position.color];
          const bars = [
            { label: "For", value: side?.forStrength ?? 0, count: countOf(position.id).for, fill: palette.base },
            { label: "Against", value: side?.againstStrength ?? 0, count: countOf(position.id).against, fill: `url(#${uid}-stripe-${position.id})` },
          ];
          return (
            <g key={position.id}>
              <text x={0} y={top + 14} className={styles.rowTitle} fill={palette.strong}>
                {position.label}
              </text>
              {bars.map((bar, j) => {
                const y = top + 22 + j * (BAR + 6);
                return (
                  <g key={bar.label}>
                    <text x={GUTTER - 8} y={y + BAR - 4} textAnchor="end" className={styles.tick}>
                      {bar.label}
                    </text>
                    <rect x={GUTTER} y={y} width={Math.max(0, x(bar.value) - GUTTER)} height={BAR} rx={3} fill={bar.fill} stroke={palette.base} strokeWidth={bar.value > 0 ? 1 : 0} />
                    <text x={x(bar.value) + 6} y={y + BAR - 4} className={styles.value} data-testid="bar-value">
                      {barValue(bar.value, bar.count)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {chartOnly ? null : <SideTable rows={rows} countOf={countOf} />}
    </figure>
  );
}

/** The chart's numbers as a table, for screen readers and for copying. */
function SideTable({ rows, countOf }: { rows: { position: Position; side: SideTotal | null }[]; countOf(id: string): SideCounts }) {
  return (
    <table className={`${tables.table} ${tables.fitted}`}>
      <caption className="visually-hidden">Total strength by position</caption>
      <thead>
        <tr>
          <th scope="col">Position</th>
          <th scope="col" className={tables.num}>For (sum)</th>
          <th scope="col" className={tables.num}>Against (sum)</th>
          <th scope="col" className={tables.num}>Balance</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ position, side }) => (
          <tr key={position.id}>
            <th scope="row">{position.label}</th>
            <td className={tables.num}>
              <SumCell sum={side?.forStrength ?? 0} count={countOf(position.id).for} />
            </td>
            <td className={tables.num}>
              <SumCell sum={side?.againstStrength ?? 0} count={countOf(position.id).against} />
            </td>
            <td className={tables.num}>{formatSigned(side?.balance ?? 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A sum with its argument count on a line of its own, so the table's columns stay narrow. */
function SumCell({ sum, count }: { sum: number; count: number }) {
  return (
    <>
      {formatTotal(sum)}
      <span className={tables.unit}>
        {count} arg{count === 1 ? "" : "s"}
      </span>
    </>
  );
}
