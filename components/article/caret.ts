/**
 * Keyboard caret movement over the article, by word, sentence and paragraph. Pure: positions are
 * UTF-16 offsets into the source (as the DOM counts), and a caret only ever stands inside a block
 * `[start16, end16]` — the blank lines between paragraphs are never a place to stop.
 */

/** A paragraph-like span of the source (see blocks.ts); only the offsets matter here. */
export interface BlockSpan {
  start16: number;
  end16: number;
}

export type CaretUnit = "word" | "sentence" | "paragraph";
export type CaretDirection = "forward" | "backward";

/** A piece of a block's text as Intl.Segmenter cuts it, in source offsets. */
interface Piece {
  start16: number;
  end16: number;
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(granularity: "word" | "sentence", locale?: string): Intl.Segmenter {
  const key = `${granularity}:${locale ?? ""}`;
  let found = segmenters.get(key);
  if (!found) {
    found = new Intl.Segmenter(locale || undefined, { granularity });
    segmenters.set(key, found);
  }
  return found;
}

/**
 * The units of one block, trimmed of surrounding spaces: words (letters or digits, so punctuation is
 * stepped over), sentences, or the whole paragraph.
 */
export function unitsOf(source: string, block: BlockSpan, unit: CaretUnit, locale?: string): Piece[] {
  if (unit === "paragraph") return [{ start16: block.start16, end16: block.end16 }];
  const text = source.slice(block.start16, block.end16);
  const pieces: Piece[] = [];
  for (const s of segmenter(unit, locale).segment(text)) {
    if (unit === "word" && !s.isWordLike) continue;
    let start = s.index;
    let end = s.index + s.segment.length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) pieces.push({ start16: block.start16 + start, end16: block.start16 + end });
  }
  return pieces;
}

/** The block holding `pos`, or the nearest one after it (before it when `pos` is past the end). */
export function blockIndexAt(blocks: BlockSpan[], pos: number): number {
  for (let i = 0; i < blocks.length; i++) if (pos <= blocks[i].end16) return i;
  return blocks.length - 1;
}

/** Puts a position that fell between blocks onto the start of the next block (the end of the last). */
export function clampToBlocks(blocks: BlockSpan[], pos: number): number {
  if (blocks.length === 0) return 0;
  const block = blocks[blockIndexAt(blocks, pos)];
  return Math.min(Math.max(pos, block.start16), block.end16);
}

/**
 * Where the caret lands after one step: forward goes to the END of the current or next unit, backward
 * to the START of the current or previous one — so Shift+step selects whole words and sentences with
 * no stray spaces. At either end of the text the caret stays put.
 */
export function moveCaret(
  source: string,
  blocks: BlockSpan[],
  pos: number,
  unit: CaretUnit,
  direction: CaretDirection,
  locale?: string,
): number {
  if (blocks.length === 0) return pos;
  const from = clampToBlocks(blocks, pos);
  const first = blockIndexAt(blocks, from);
  if (direction === "forward") {
    for (let i = first; i < blocks.length; i++) {
      const next = unitsOf(source, blocks[i], unit, locale).find((p) => p.end16 > from);
      if (next) return next.end16;
    }
    return from;
  }
  for (let i = first; i >= 0; i--) {
    const previous = unitsOf(source, blocks[i], unit, locale).findLast((p) => p.start16 < from);
    if (previous) return previous.start16;
  }
  return from;
}

/** The unit around `pos` (or the next one, when `pos` sits between units): what "select sentence" takes. */
export function unitAround(source: string, blocks: BlockSpan[], pos: number, unit: CaretUnit, locale?: string): Piece | null {
  if (blocks.length === 0) return null;
  const from = clampToBlocks(blocks, pos);
  for (let i = blockIndexAt(blocks, from); i < blocks.length; i++) {
    const pieces = unitsOf(source, blocks[i], unit, locale);
    const hit = pieces.find((p) => p.start16 <= from && from < p.end16) ?? pieces.find((p) => p.start16 >= from);
    if (hit) return hit;
  }
  return null;
}
