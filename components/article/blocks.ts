import { codePointLength } from "@/lib/anchoring/text";
import { splitSourceBlocks } from "@/lib/board/source-blocks";

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

/** A line that ends a sentence or a quotation is prose, never a heading. */
const ENDS_LIKE_PROSE = /[.!?:;,"'”’)…]$/;

/**
 * Splits a source into blocks on blank lines (see splitSourceBlocks) and guesses each block's role:
 * the first short line is the headline, a short dated second block the dateline, and short
 * unpunctuated lines sub-headings (the DW article's "A deep lack of trust"). Leading and trailing
 * spaces are left out of each block.
 */
export function splitIntoBlocks(source: string): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  let seen16 = 0;
  let seenCp = 0;
  for (const { text, start16, end16 } of splitSourceBlocks(source)) {
    // Whitespace never splits a surrogate pair, so counting code points piecewise is exact.
    seenCp += codePointLength(source.slice(seen16, start16));
    seen16 = start16;
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
