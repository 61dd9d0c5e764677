import type { BlockSpan } from "./caret";

/** A UTF-16 range `[start16, end16)` of the source. */
export interface Range16 {
  start16: number;
  end16: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const inWord = (source: string, i: number) => WORD_CHAR.test(source[i - 1] ?? "") && WORD_CHAR.test(source[i] ?? "");

/**
 * Turns a selected range of the source into the passages to quote: one per paragraph it touches, so
 * a selection across a paragraph break becomes two quotes instead of one run-on sentence. Each piece
 * is trimmed of whitespace (a double-click in Chrome takes the trailing space along) and a cut-off
 * word at either end is completed, because a quote ending in "talks w" is never what a student meant.
 * Pieces that hold only whitespace are dropped; the result is in reading order.
 */
export function quoteRanges(source: string, blocks: BlockSpan[], start16: number, end16: number): Range16[] {
  const ranges: Range16[] = [];
  for (const block of blocks) {
    if (block.end16 <= start16 || block.start16 >= end16) continue;
    let start = Math.max(start16, block.start16);
    let end = Math.min(end16, block.end16);
    while (start < end && /\s/.test(source[start])) start++;
    while (end > start && /\s/.test(source[end - 1])) end--;
    while (start > block.start16 && start < end && inWord(source, start)) start--;
    while (end < block.end16 && end > start && inWord(source, end)) end++;
    if (end > start) ranges.push({ start16: start, end16: end });
  }
  return ranges;
}
