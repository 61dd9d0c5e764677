"use client";
import { useCallback, useId, useMemo, useState, type RefObject } from "react";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import { computeHeat, type HeatMap, type PassageHeat } from "@/lib/evidence/heat";
import { passageUnits } from "@/lib/evidence/passages";

export interface HeatMapState {
  on: boolean;
  toggle(): void;
  /** The map while on, recomputed as arguments change; null while off. */
  map: HeatMap | null;
  /** Passages per source block, by block index (blocks as splitIntoBlocks numbers them). */
  byBlock: PassageHeat[][];
  /** Prefix of the passages' description ids. */
  prefix: string;
  /** Scrolls to passage `index` inside `container` and focuses it. */
  jumpTo(index: number): void;
}

/**
 * The article's heat-map, computed only while it is shown. It follows `args`, which the board's live
 * document updates, so shading and "contested" change as soon as anyone cites a passage.
 */
export function useHeatMap(text: string, language: string | undefined, positions: Position[], args: Argument[], container: RefObject<HTMLElement | null>, initiallyOn = false): HeatMapState {
  const [on, setOn] = useState(initiallyOn);
  const prefix = `heat${useId().replace(/:/g, "")}`;
  const units = useMemo(() => (on ? passageUnits(text, language) : []), [on, text, language]);
  const map = useMemo(() => (on ? computeHeat(text, units, positions, args) : null), [on, text, units, positions, args]);
  const byBlock = useMemo(() => {
    const groups: PassageHeat[][] = [];
    for (const passage of map?.passages ?? []) (groups[passage.unit.blockIndex] ??= []).push(passage);
    return groups;
  }, [map]);
  const toggle = useCallback(() => setOn((was) => !was), []);
  const jumpTo = useCallback(
    (index: number) => {
      const target = container.current?.querySelector<HTMLElement>(`[data-heat-index="${index}"]`);
      if (!target) return;
      const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      target.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
      target.focus({ preventScroll: true });
      target.dataset.jumped = "";
      window.setTimeout(() => delete target.dataset.jumped, 2000);
    },
    [container],
  );
  return { on, toggle, map, byBlock, prefix, jumpTo };
}
