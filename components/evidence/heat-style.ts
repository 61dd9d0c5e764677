import type { CSSProperties } from "react";
import { POSITION_PALETTES } from "@/lib/board/palette";
import type { PositionColor } from "@/lib/board/position";
import { heatLevel, type HeatMap, type PassageHeat } from "@/lib/evidence/heat";

/** How strong a side's shading is at each intensity step (percent of its colour). */
const LEVEL_PERCENT = [0, 18, 32, 46, 62] as const;

/**
 * Each side has its own pattern as well as its colour, so the map reads without colour vision:
 * the first side solid, the second striped one way, the third the other way, then vertical bars.
 */
export function sidePattern(sideIndex: number, paint: string): string {
  switch (sideIndex % 4) {
    case 0:
      return `linear-gradient(${paint}, ${paint})`;
    case 1:
      return `repeating-linear-gradient(-45deg, ${paint} 0 4px, transparent 4px 7px)`;
    case 2:
      return `repeating-linear-gradient(45deg, ${paint} 0 4px, transparent 4px 7px)`;
    default:
      return `repeating-linear-gradient(90deg, ${paint} 0 3px, transparent 3px 6px)`;
  }
}

export const sidePaint = (color: PositionColor, level: number) => `color-mix(in srgb, ${POSITION_PALETTES[color].base} ${LEVEL_PERCENT[level]}%, transparent)`;

/** Paint of one passage: a pattern layer and an underline per citing side, stronger with more citing arguments. */
export function heatStyle(passage: PassageHeat, map: HeatMap): CSSProperties | undefined {
  const layers: string[] = [];
  const underlines: string[] = [];
  map.sides.forEach((side, index) => {
    const count = passage.bySide[side.key]?.arguments ?? 0;
    const level = heatLevel(count, map.maxPerSide);
    if (level === 0) return;
    layers.push(sidePattern(index, sidePaint(side.color, level)));
    underlines.push(`inset 0 -${2 * (underlines.length + 1)}px 0 ${POSITION_PALETTES[side.color].base}`);
  });
  if (layers.length === 0) return undefined;
  return { backgroundImage: layers.join(", "), boxShadow: underlines.join(", ") };
}
