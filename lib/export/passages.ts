import type { Stance } from "../board/argument";
import type { PositionColor } from "../board/position";
import type { ExportBoard } from "./board-export";

/**
 * Passage numbering for the handout: every quote on the board gets a number [1], [2] … in the order
 * a reader meets it in the article, and the outline refers back to those numbers. Pure, so any
 * format that wants the same numbering (and its tests) can use it without loading a PDF library.
 */

/** One quote, numbered as the article shows it. `start16`/`end16` index the source as a JS string. */
export interface CitedPassage {
  number: number;
  argumentId: string;
  quoteIndex: number;
  exact: string;
  color: PositionColor;
  stance: Stance;
  /** False when the offsets no longer match the source: listed in the outline, not highlighted. */
  placed: boolean;
  start16: number;
  end16: number;
}

/** UTF-16 index of each code-point offset in `points`, found in one pass; offsets past the end are absent. */
function toUtf16(text: string, points: number[]): Map<number, number> {
  const out = new Map<number, number>();
  let cp = 0;
  let unit = 0;
  for (const target of [...new Set(points)].sort((a, b) => a - b)) {
    while (cp < target && unit < text.length) {
      const high = text.charCodeAt(unit);
      const low = text.charCodeAt(unit + 1);
      unit += high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
      cp++;
    }
    if (cp === target) out.set(target, unit);
  }
  return out;
}

/**
 * Numbers every quote on the board: passages found in the source first, in reading order (by start,
 * then end), then any whose offsets went stale. Overlapping or repeated quotes each get a number.
 */
export function numberPassages(board: ExportBoard): CitedPassage[] {
  const colorOf = new Map(board.positions.map((p) => [p.id, p.color]));
  const text = board.source.text;
  const offsets = toUtf16(text, board.arguments.flatMap((a) => a.quotes.flatMap((q) => [q.start, q.end])));
  const fold = (s: string) => s.replace(/[\u00a0\u2007\u202f]/g, " "); // as anchoring compares quotes
  const all = board.arguments.flatMap((arg) =>
    arg.quotes.map((q, quoteIndex) => {
      const start16 = offsets.get(q.start) ?? -1;
      const end16 = offsets.get(q.end) ?? -1;
      const placed = start16 >= 0 && end16 > start16 && fold(text.slice(start16, end16)) === fold(q.exact);
      const color = colorOf.get(arg.positionId) ?? "indigo";
      return { number: 0, argumentId: arg.id, quoteIndex, exact: q.exact, color, stance: arg.stance, placed, start16, end16 };
    }),
  );
  const placed = all.filter((p) => p.placed).sort((a, b) => a.start16 - b.start16 || a.end16 - b.end16);
  return [...placed, ...all.filter((p) => !p.placed)].map((p, i) => ({ ...p, number: i + 1 }));
}
