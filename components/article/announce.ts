/**
 * What the article's live region says as the keyboard caret moves: pure, so the wording is tested
 * without a screen reader. Offsets are UTF-16 indices into the source.
 */
import type { BlockSpan } from "./caret";
import { quoteRanges } from "./quote-ranges";

/** Longest excerpt read out; a screen reader reading a whole page back on every keypress is no help. */
export const ANNOUNCE_MAX_CHARS = 160;

/** The text, whitespace folded to single spaces, cut in the middle when too long ("first words … last words"). */
export function excerpt(text: string, max = ANNOUNCE_MAX_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const half = Math.floor((max - 3) / 2);
  return `${flat.slice(0, half).trimEnd()} … ${flat.slice(flat.length - half).trimStart()}`;
}

/**
 * The announcement for a selection from `anchor` to `focus`: the selected words, how many quotes they
 * make, and which key cites them. A collapsed selection reads the text just passed over instead.
 */
export function describeCaret(options: {
  source: string;
  blocks: BlockSpan[];
  anchor: number;
  focus: number;
  /** Where the caret stood before this key: the passed-over text is read out. */
  from: number;
  canCite: boolean;
}): string {
  const { source, blocks, anchor, focus, from, canCite } = options;
  if (anchor === focus) {
    if (from === focus) return focus <= (blocks[0]?.start16 ?? 0) ? "Start of the article." : "End of the article.";
    const passed = source.slice(Math.min(from, focus), Math.max(from, focus));
    return excerpt(passed.replace(/\n\s*\n/g, " ¶ "));
  }
  const pieces = quoteRanges(source, blocks, Math.min(anchor, focus), Math.max(anchor, focus));
  if (pieces.length === 0) return "Nothing but spaces selected.";
  const text = pieces.map((p) => source.slice(p.start16, p.end16)).join(" ¶ ");
  const count = pieces.length > 1 ? ` (${pieces.length} paragraphs, ${pieces.length} quotes)` : "";
  const hint = canCite ? ` Press Enter to cite ${pieces.length > 1 ? "them" : "it"}.` : "";
  return `Selected${count}: “${excerpt(text)}”${hint}`;
}
