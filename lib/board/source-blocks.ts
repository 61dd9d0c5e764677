/**
 * The source text as paragraph-like blocks, the unit both the article pane and the PDF handout lay
 * out. Pure: offsets are UTF-16 indices into the source, as the DOM and pdfkit count.
 */

/** One block of the source. Invariant: `text === source.slice(start16, end16)`, never empty. */
export interface SourceBlock {
  text: string;
  start16: number;
  end16: number;
}

/** Blank lines (possibly holding stray spaces) separate blocks. */
const BLANK_LINE = /\n[^\S\n]*\n\s*/g;

/**
 * Splits a source into blocks on blank lines, in reading order. Leading and trailing whitespace is
 * left out of each block, and blocks of whitespace alone are dropped.
 */
export function splitSourceBlocks(source: string): SourceBlock[] {
  const pieces: { start16: number; end16: number }[] = [];
  let cursor = 0;
  for (const match of source.matchAll(BLANK_LINE)) {
    pieces.push({ start16: cursor, end16: match.index });
    cursor = match.index + match[0].length;
  }
  pieces.push({ start16: cursor, end16: source.length });

  const blocks: SourceBlock[] = [];
  for (const piece of pieces) {
    let { start16, end16 } = piece;
    while (start16 < end16 && /\s/.test(source[start16])) start16++;
    while (end16 > start16 && /\s/.test(source[end16 - 1])) end16--;
    if (start16 < end16) blocks.push({ text: source.slice(start16, end16), start16, end16 });
  }
  return blocks;
}
