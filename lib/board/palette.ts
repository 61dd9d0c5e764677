import type { PositionColor } from "./position";

/**
 * Colours for the model's position colour tokens, shared by the screen, the SVG/PNG map and the PDF.
 * The model stores only the token, so the palette can change without touching any board.
 */
export interface PositionPalette {
  /** Column headers, underlines, the "for" stripe. */
  base: string;
  /** Text on light backgrounds (meets 4.5:1 on white). */
  strong: string;
  /** Card and header backgrounds. */
  soft: string;
  /** Translucent fill for highlights, so overlapping passages visibly darken. */
  tint: string;
}

export const POSITION_PALETTES: Record<PositionColor, PositionPalette> = {
  indigo: { base: "#4f46e5", strong: "#3730a3", soft: "#eef0ff", tint: "rgba(99, 102, 241, 0.24)" },
  emerald: { base: "#059669", strong: "#05603f", soft: "#e9faf2", tint: "rgba(16, 185, 129, 0.26)" },
  amber: { base: "#d97706", strong: "#8a3c0a", soft: "#fff8e6", tint: "rgba(245, 158, 11, 0.30)" },
  rose: { base: "#e11d48", strong: "#9f1239", soft: "#fff0f2", tint: "rgba(244, 63, 94, 0.24)" },
  violet: { base: "#7c3aed", strong: "#5b21b6", soft: "#f4f0ff", tint: "rgba(139, 92, 246, 0.24)" },
  teal: { base: "#0d9488", strong: "#115e59", soft: "#e9fbf8", tint: "rgba(20, 184, 166, 0.26)" },
};

/** An `rgba(…)` colour laid over white, as opaque hex: SVG 1.1 and PDF fills have no alpha. */
export function overWhite(rgba: string): string {
  const match = /^rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)$/.exec(rgba);
  if (!match) return rgba;
  const alpha = Number(match[4]);
  return `#${[1, 2, 3].map((i) => Math.round(255 - alpha * (255 - Number(match[i]))).toString(16).padStart(2, "0")).join("")}`;
}
