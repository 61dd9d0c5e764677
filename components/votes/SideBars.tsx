"use client";
import { useId } from "react";
import type { Position } from "@/lib/board/position";
import type { SideTotal } from "@/lib/session/votes";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { formatSigned, formatTotal, linearScale, niceTicks } from "./chart-scale";
import styles from "./ResultsPanel.module.css";
import tables from "./ResultsTables.module.css";

const WIDTH = 560;
const GUTTER = 64; // "For" / "Against" labels left of the bars
const RIGHT = 44; // room for the value after the longest bar
const ROW = 70;
const BAR = 16;
const AXIS = 26;

/**
 * For every position, the strength of the arguments pushing it up (For, solid) and down (Against,
 * striped, like the dashed against-cards), as horizontal bars so long position names fit. The table
 * under the chart carries the same numbers for screen readers and for copying.
 */
export function SideBars({ sides, positions }: { sides: SideTotal[]; positions: Position[] }) {
  const uid = useId().replace(/[^a-zA-Z0-9]/g, "");
  const rows = positions.map((p) => ({ position: p, side: sides.find((s) => s.positionId === p.id) ?? null }));
  const max = Math.max(0, ...rows.flatMap((r) => [r.side?.forStrength ?? 0, r.side?.againstStrength ?? 0]));
  const axis = niceTicks(0, max, 4);
  const x = linearScale([0, axis.max], [GUTTER, WIDTH - RIGHT]);
  const height = rows.length * ROW + AXIS;
  const plotBottom = rows.length * ROW;

  return (
    <figure className={styles.figure} data-testid="results-bars">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className={styles.chart} role="img" aria-labelledby={`${uid}-t ${uid}-d`}>
        <title id={`${uid}-t`}>Strength by position</title>
        <desc id={`${uid}-d`}>
          {rows.map((r) => `${r.position.label}: for ${formatTotal(r.side?.forStrength ?? 0)}, against ${formatTotal(r.side?.againstStrength ?? 0)}.`).join(" ")}
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
        {rows.map(({ position, side }, i) => {
          const top = i * ROW;
          const palette = POSITION_PALETTES[position.color];
          const bars = [
            { label: "For", value: side?.forStrength ?? 0, fill: palette.base },
            { label: "Against", value: side?.againstStrength ?? 0, fill: `url(#${uid}-stripe-${position.id})` },
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
                    <text x={x(bar.value) + 6} y={y + BAR - 4} className={styles.value}>
                      {formatTotal(bar.value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <table className={tables.table}>
        <caption className="visually-hidden">Strength by position</caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col" className={tables.num}>For</th>
            <th scope="col" className={tables.num}>Against</th>
            <th scope="col" className={tables.num}>Balance</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ position, side }) => (
            <tr key={position.id}>
              <th scope="row">{position.label}</th>
              <td className={tables.num}>{formatTotal(side?.forStrength ?? 0)}</td>
              <td className={tables.num}>{formatTotal(side?.againstStrength ?? 0)}</td>
              <td className={tables.num}>{formatSigned(side?.balance ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
