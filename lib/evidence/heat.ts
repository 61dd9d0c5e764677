import { codePointLength, codePointToUtf16, foldForMatching } from "../anchoring/text";
import type { Argument } from "../board/argument";
import type { Position } from "../board/position";
import type { PassageUnit } from "./passages";
import { listSides, sidesOfArguments, type EvidenceSide } from "./sides";

/**
 * The evidence heat-map: for every passage (sentence) of the source, how many arguments of each side
 * cite it and with how many quotes. A quote cites every passage it overlaps. Passages cited by two or
 * more sides are "contested"; passages nobody cites are listed so a class can see what it ignored.
 * Pure and cheap (one pass over quotes per passage), so views recompute it on every board change.
 */

export interface SideCount {
  /** Distinct arguments of the side with a quote overlapping the passage. */
  arguments: number;
  quotes: number;
}

export interface PassageHeat {
  unit: PassageUnit;
  /** Only sides that cite the passage, keyed by side key. */
  bySide: Record<string, SideCount>;
  /** Distinct citing arguments, all sides together. */
  arguments: number;
  contested: boolean;
}

export interface HeatMap {
  sides: EvidenceSide[];
  passages: PassageHeat[];
  /** Indexes of passages no argument cites, in reading order. */
  uncited: number[];
  /** The most arguments of one side citing one passage: the top of the intensity scale (0: nothing cited). */
  maxPerSide: number;
}

/** A quote located in the source, or null when its offsets no longer match its text (stale). */
export interface PlacedQuote {
  argumentId: string;
  start: number;
  end: number;
}

/** Every quote whose offsets still match the source text (as anchoring compares them). */
export function placedQuotes(source: string, args: Pick<Argument, "id" | "quotes">[]): PlacedQuote[] {
  const identity = codePointLength(source) === source.length;
  const to16 = (cp: number) => (identity ? cp : codePointToUtf16(source, cp));
  const out: PlacedQuote[] = [];
  for (const arg of args) {
    for (const quote of arg.quotes) {
      const text = source.slice(to16(quote.start), to16(quote.end));
      if (quote.end > quote.start && foldForMatching(text) === foldForMatching(quote.exact)) out.push({ argumentId: arg.id, start: quote.start, end: quote.end });
    }
  }
  return out;
}

/** Builds the heat-map of `units` (see passages.ts) from the board's arguments. */
export function computeHeat(source: string, units: PassageUnit[], positions: Position[], args: Argument[]): HeatMap {
  const sides = listSides(positions);
  const sideOfArgument = sidesOfArguments(args, positions);
  const quotes = placedQuotes(source, args).filter((q) => sideOfArgument.has(q.argumentId));
  // Sorted by start, so each passage scans only the quotes that began before its end.
  quotes.sort((a, b) => a.start - b.start);
  let maxPerSide = 0;
  const passages = units.map((unit) => {
    const bySide: Record<string, SideCount> = {};
    const citing = new Map<string, string>();
    for (const quote of quotes) {
      if (quote.start >= unit.end) break;
      if (quote.end <= unit.start) continue;
      const side = sideOfArgument.get(quote.argumentId)!;
      const count = (bySide[side] ??= { arguments: 0, quotes: 0 });
      count.quotes++;
      if (!citing.has(quote.argumentId)) {
        citing.set(quote.argumentId, side);
        count.arguments++;
        maxPerSide = Math.max(maxPerSide, count.arguments);
      }
    }
    return { unit, bySide, arguments: citing.size, contested: Object.keys(bySide).length >= 2 };
  });
  return { sides, passages, uncited: passages.filter((p) => p.arguments === 0).map((p) => p.unit.index), maxPerSide };
}

/** Intensity step 1–4 of a count on the map's scale, 0 for none: shading never relies on exact hues. */
export function heatLevel(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(4, Math.ceil((count / max) * 4))) as 1 | 2 | 3 | 4;
}

/** The words a screen reader or tooltip gives for a passage: "Cited 3× by US, 1× by Pakistan — contested". */
export function describePassageHeat(passage: PassageHeat, sides: EvidenceSide[]): string {
  const parts = sides.filter((s) => passage.bySide[s.key]).map((s) => `${passage.bySide[s.key].arguments}× by ${s.label}`);
  if (parts.length === 0) return "Not yet cited";
  return `Cited ${parts.join(", ")}${passage.contested ? " — contested" : ""}`;
}
