import type { CSSProperties } from "react";
import { POSITION_PALETTES } from "@/lib/board/palette";
import type { PositionColor } from "@/lib/board/position";

export { POSITION_PALETTES, type PositionPalette } from "@/lib/board/palette";

/** CSS custom properties (`--pos`, `--pos-strong`, `--pos-soft`, `--pos-tint`) for one position. */
export function positionStyle(color: PositionColor): CSSProperties {
  const p = POSITION_PALETTES[color];
  return { "--pos": p.base, "--pos-strong": p.strong, "--pos-soft": p.soft, "--pos-tint": p.tint } as CSSProperties;
}
