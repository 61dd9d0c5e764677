import { tokenDiff } from "./token-diff";
import { foldTypographyChar } from "./typography";

/**
 * Maps code-point offsets of an old source text to a new one through a diff of the two (words first,
 * then characters within each changed stretch: see token-diff.ts).
 *
 * diff-match-patch works on UTF-16 units and may split a surrogate pair. So both texts are first
 * re-encoded with exactly one UTF-16 unit per code point (astral characters borrow unused Private Use
 * Area units), after typography folding, so that every diff offset is a code-point offset and curly
 * versus straight quotes never show up as an edit.
 */

export type DiffSegment = {
  op: "equal" | "delete" | "insert";
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
};

/**
 * The diff of two sources plus both texts in the one-unit-per-code-point encoding, so that a string
 * index into `oldUnits`/`newUnits` is a code-point offset (and typography is already folded).
 */
export type SourceDiff = { segments: DiffSegment[]; oldUnits: string; newUnits: string };

const PRIVATE_USE_FIRST = 0xe000;
const PRIVATE_USE_LAST = 0xf8ff;

/** Re-encodes both texts with one UTF-16 unit per code point (see module comment). */
export function encodeOnePerCodePoint(oldText: string, newText: string): [string, string] {
  const used = new Set<number>();
  for (const char of oldText + newText) used.add(char.codePointAt(0)!);
  const substitutes = new Map<string, string>();
  let next = PRIVATE_USE_FIRST;
  const unitFor = (char: string): string => {
    const folded = foldTypographyChar(char);
    if (folded.length === 1 && !isSurrogate(folded.charCodeAt(0))) return folded;
    let unit = substitutes.get(folded);
    if (unit === undefined) {
      while (next <= PRIVATE_USE_LAST && used.has(next)) next++;
      // Out of spare units (thousands of distinct emoji): share the last one. Mapping stays
      // code-point aligned; callers compare the real characters before trusting a match.
      unit = String.fromCharCode(Math.min(next, PRIVATE_USE_LAST));
      if (next <= PRIVATE_USE_LAST) next++;
      substitutes.set(folded, unit);
    }
    return unit;
  };
  const encode = (text: string) => Array.from(text, unitFor).join("");
  return [encode(oldText), encode(newText)];
}

/** Computes the code-point diff of two source texts. */
export function diffSources(oldText: string, newText: string): SourceDiff {
  const [oldUnits, newUnits] = encodeOnePerCodePoint(oldText, newText);
  const diffs = tokenDiff(oldUnits, newUnits);
  const segments: DiffSegment[] = [];
  let oldPos = 0;
  let newPos = 0;
  for (const [op, text] of diffs) {
    const length = text.length;
    if (op === 0) {
      segments.push({ op: "equal", oldStart: oldPos, oldEnd: oldPos + length, newStart: newPos, newEnd: newPos + length });
      oldPos += length;
      newPos += length;
    } else if (op === -1) {
      segments.push({ op: "delete", oldStart: oldPos, oldEnd: oldPos + length, newStart: newPos, newEnd: newPos });
      oldPos += length;
    } else {
      segments.push({ op: "insert", oldStart: oldPos, oldEnd: oldPos, newStart: newPos, newEnd: newPos + length });
      newPos += length;
    }
  }
  return { segments, oldUnits, newUnits };
}

export type MappedRange = {
  start: number;
  end: number;
  /** Every old code point of the range survived unedited (modulo typography) and nothing was inserted inside. */
  intact: boolean;
};

/**
 * Maps the old code-point range `[start, end)` into the new text. Text inserted exactly at either
 * edge stays outside the range (it was written next to the quote, not in it), unless it replaces
 * deleted characters at the edge.
 */
export function mapRange(diff: SourceDiff, start: number, end: number): MappedRange {
  let newStart = -1;
  let newEnd = -1;
  let intact = true;
  let previous: DiffSegment | null = null;
  for (const segment of diff.segments) {
    const { op, oldStart, oldEnd } = segment;
    if (op === "insert") {
      const replacesInside = previous?.op === "delete" && previous.oldEnd > start && previous.oldStart < end;
      const inside = (oldStart > start && oldStart < end) || (replacesInside && oldStart >= start && oldStart <= end);
      if (inside) {
        intact = false;
        if (newStart < 0) newStart = segment.newStart;
        newEnd = Math.max(newEnd, segment.newEnd);
      }
    } else if (oldEnd > start && oldStart < end) {
      if (op === "delete") intact = false;
      const offsetIn = (at: number) => (op === "equal" ? segment.newStart + (at - oldStart) : segment.newStart);
      if (newStart < 0) newStart = offsetIn(Math.max(start, oldStart));
      newEnd = Math.max(newEnd, offsetIn(Math.min(end, oldEnd)));
    }
    previous = segment;
    if (oldStart > end) break;
  }
  if (newStart < 0) return { start: 0, end: 0, intact: false };
  return { start: newStart, end: Math.max(newStart, newEnd), intact };
}

/** Share in [0, 1] of the new range `[start, end)` that the diff marks as inserted text. */
export function insertedShare(diff: SourceDiff, start: number, end: number): number {
  return share(diff.segments, "insert", "newStart", "newEnd", start, end);
}

/** Share in [0, 1] of the old range `[start, end)` that the diff marks as deleted text. */
export function deletedShare(diff: SourceDiff, start: number, end: number): number {
  return share(diff.segments, "delete", "oldStart", "oldEnd", start, end);
}

function share(
  segments: DiffSegment[],
  op: DiffSegment["op"],
  from: "newStart" | "oldStart",
  to: "newEnd" | "oldEnd",
  start: number,
  end: number,
): number {
  if (end <= start) return 0;
  let covered = 0;
  for (const segment of segments) {
    if (segment.op !== op) continue;
    covered += Math.max(0, Math.min(end, segment[to]) - Math.max(start, segment[from]));
  }
  return covered / (end - start);
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}
