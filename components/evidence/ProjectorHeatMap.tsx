"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import type { SourceView } from "@/lib/views/board-views";
import { splitIntoBlocks } from "@/components/article/blocks";
import { HeatBlockView } from "./HeatBlockView";
import { HeatMapBar } from "./HeatMapPanel";
import { useHeatMap } from "./useHeatMap";
import styles from "./ProjectorHeatMap.module.css";

/** The URL parameter that opens the projector with the heat-map showing: `/b/:id/projector?heat=1`. */
export const PROJECTOR_HEAT_PARAM = "heat";

/**
 * Whether the projector shows the heat-map: on with `?heat=1`, and switched from the projector itself;
 * the switch rewrites the URL, so a reload (or a bookmark of the projector) keeps the choice.
 */
export function useProjectorHeat(): [boolean, () => void] {
  const [on, setOn] = useState(false);
  useEffect(() => setOn(new URL(window.location.href).searchParams.get(PROJECTOR_HEAT_PARAM) === "1"), []);
  const toggle = useCallback(() => {
    setOn((was) => {
      const url = new URL(window.location.href);
      if (was) url.searchParams.delete(PROJECTOR_HEAT_PARAM);
      else url.searchParams.set(PROJECTOR_HEAT_PARAM, "1");
      window.history.replaceState(window.history.state, "", url);
      return !was;
    });
  }, []);
  return [on, toggle];
}

export function ProjectorHeatToggle({ on, onToggle }: { on: boolean; onToggle(): void }) {
  return (
    <button type="button" className={`btn btn-ghost btn-sm ${styles.toggle}`} aria-pressed={on} onClick={onToggle} data-testid="projector-heat-toggle">
      Heat-map
    </button>
  );
}

/** The article shaded by the heat-map, in projector type: live as the class cites passages. */
export function ProjectorHeatMap({ source, positions, args }: { source: SourceView; positions: Position[]; args: Argument[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const blocks = useMemo(() => splitIntoBlocks(source.text), [source.text]);
  const heat = useHeatMap(source.text, source.language || undefined, positions, args, scrollRef, true);
  if (!heat.map) return null;
  return (
    <section className={styles.panel} aria-label="Evidence heat-map" data-testid="projector-heat-map">
      <h2 className={styles.title}>Evidence heat-map</h2>
      <HeatMapBar heat={heat} />
      <div ref={scrollRef} className={styles.article} lang={source.language || undefined}>
        {blocks.map((block, i) => (
          <HeatBlockView key={block.start16} block={block} passages={heat.byBlock[i] ?? []} map={heat.map!} describedByPrefix={heat.prefix} focusable={false} />
        ))}
      </div>
    </section>
  );
}
