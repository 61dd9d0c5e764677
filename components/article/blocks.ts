import { codePointLength } from "@/lib/anchoring/text";

export type BlockKind = "headline" | "dateline" | "subheading" | "paragraph";

/**
 * One paragraph-like piece of the source. Invariant: `text === source.slice(start16, end16)`, so the
 * text the DOM shows for a block maps back to the source by adding `start16`.
 */
export interface ArticleBlock {
  kind: BlockKind;
  text: string;
  start16: number;
  end16: number;
  /** Code-point offsets `[start, end)` of the block, as quote anchors count them. */
  start: number;
  end: number;
}

/** Blank lines (possibly holding stray spaces) separate blocks. */
const BLANK_LINE = /\n[^\S\n]*\n\s*/g;

/** A line that ends a sentence or a quotation is prose, never a heading. */
const ENDS_LIKE_PROSE = /[.!?:;,"'”’)…]$/;

/**
 * Splits a source into blocks on blank lines and guesses each block's role: the first short line is
 * the headline, a short dated second block the dateline, and short unpunctuated lines sub-headings
 * (the DW article's "A deep lack of trust"). Leading and trailing spaces are left out of each block.
 */
export function splitIntoBlocks(source: string): ArticleBlock[] {
  const pieces: { start16: number; end16: number }[] = [];
  let cursor = 0;
  for (const match of source.matchAll(BLANK_LINE)) {
    pieces.push({ start16: cursor, end16: match.index });
    cursor = match.index + match[0].length;
  }
  pieces.push({ start16: cursor, end16: source.length });

  const blocks: ArticleBlock[] = [];
  let seen16 = 0;
  let seenCp = 0;
  for (const piece of pieces) {
    let { start16, end16 } = piece;
    while (start16 < end16 && /\s/.test(source[start16])) start16++;
    while (end16 > start16 && /\s/.test(source[end16 - 1])) end16--;
    if (start16 === end16) continue;
    // Whitespace never splits a surrogate pair, so counting code points piecewise is exact.
    seenCp += codePointLength(source.slice(seen16, start16));
    seen16 = start16;
    const text = source.slice(start16, end16);
    blocks.push({ kind: classify(text, blocks.length), text, start16, end16, start: seenCp, end: seenCp + codePointLength(text) });
  }
  return blocks;
}

function classify(text: string, index: number): BlockKind {
  const oneLine = !text.includes("\n");
  if (index === 0 && oneLine && text.length <= 200 && !/[.]$/.test(text)) return "headline";
  if (index === 1 && oneLine && text.length < 40 && /\d/.test(text)) return "dateline";
  if (index > 0 && oneLine && text.length < 60 && !ENDS_LIKE_PROSE.test(text)) return "subheading";
  return "paragraph";
}
