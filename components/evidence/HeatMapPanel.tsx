"use client";
import type { HeatMap } from "@/lib/evidence/heat";
import { POSITION_PALETTES } from "@/lib/board/palette";
import { HeatDescriptions } from "./HeatBlockView";
import { sidePaint, sidePattern } from "./heat-style";
import type { HeatMapState } from "./useHeatMap";
import styles from "./HeatMap.module.css";

/** The heat-map's on/off switch for the article pane's header. */
export function HeatMapToggle({ on, onToggle }: { on: boolean; onToggle(): void }) {
  return (
    <button type="button" className={`btn btn-ghost btn-sm ${styles.toggle}`} aria-pressed={on} onClick={onToggle} data-testid="heat-toggle">
      Heat-map
    </button>
  );
}

/** Key of the map: each side's colour and pattern, the contested mark, and the counts. */
export function HeatMapLegend({ map }: { map: HeatMap }) {
  const cited = map.passages.length - map.uncited.length;
  const contested = map.passages.filter((p) => p.contested).length;
  return (
    <div data-testid="heat-legend">
      <ul className={styles.sides} aria-label="Heat-map key">
        {map.sides.map((side, index) => (
          <li key={side.key}>
            <span
              className={styles.swatch}
              style={{ backgroundImage: sidePattern(index, sidePaint(side.color, 4)), boxShadow: `inset 0 -2px 0 ${POSITION_PALETTES[side.color].base}` }}
              aria-hidden="true"
            />
            {side.label}
          </li>
        ))}
        <li>
          <span className={`${styles.swatch} ${styles.contestedSwatch}`} aria-hidden="true" />
          contested (cited by both sides)
        </li>
      </ul>
      <p className={styles.summary} data-testid="heat-summary">
        {cited} of {map.passages.length} sentences cited · <span data-testid="heat-contested-count">{contested}</span> contested · darker = cited by more
        arguments
      </p>
    </div>
  );
}

/** The passages nobody has cited yet; each one scrolls the article to it. */
export function UncitedList({ map, onJump }: { map: HeatMap; onJump(index: number): void }) {
  const uncited = map.uncited.map((index) => map.passages[index].unit);
  return (
    <details className={styles.uncited} data-testid="uncited-list">
      <summary>
        Not yet cited (<span data-testid="uncited-count">{uncited.length}</span>)
      </summary>
      {uncited.length === 0 ? (
        <p>Every sentence is cited at least once.</p>
      ) : (
        <ol>
          {uncited.map((unit) => (
            <li key={unit.index}>
              <button type="button" className={styles.uncitedButton} onClick={() => onJump(unit.index)} data-testid="uncited-passage" data-heat-index={unit.index}>
                {unit.text.length > 140 ? `${unit.text.slice(0, 139)}…` : unit.text}
              </button>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

/** Everything the heat-map adds above the article: key, counts, the uncited list and the passages' descriptions. */
export function HeatMapBar({ heat }: { heat: HeatMapState }) {
  if (!heat.map) return null;
  return (
    <section className={styles.bar} aria-label="Evidence heat-map" data-testid="heat-map">
      <HeatMapLegend map={heat.map} />
      <UncitedList map={heat.map} onJump={heat.jumpTo} />
      <HeatDescriptions map={heat.map} prefix={heat.prefix} />
    </section>
  );
}
