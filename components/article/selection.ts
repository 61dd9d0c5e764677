import { createAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import { LIMITS } from "@/lib/board/constants";
import type { BlockSpan } from "./caret";
import type { OffsetMapper } from "./offsets";
import { quoteRanges } from "./quote-ranges";

/** Every rendered block carries `data-block` plus its UTF-16 span of the source. */
export const BLOCK_SELECTOR = "[data-block]";

/** What a selection in the article would cite: one quote per paragraph it touches, or why it cannot. */
export type SelectionQuotes = { ok: true; anchors: QuoteAnchor[] } | { ok: false; message: string };

const spanOf = (block: HTMLElement): BlockSpan => ({ start16: Number(block.dataset.start16), end16: Number(block.dataset.end16) });

/**
 * UTF-16 offset of a DOM boundary point, counted over the block's text. Measuring a range's string
 * rather than walking nodes keeps this right however the block is split into highlight spans.
 */
function offsetInBlock(block: HTMLElement, node: Node, offset: number): number {
  const measure = document.createRange();
  measure.selectNodeContents(block);
  measure.setEnd(node, offset);
  return measure.toString().length;
}

/**
 * The source range `[start16, end16)` a DOM range covers inside the article. A range that starts or
 * ends between blocks is clamped to the nearest block. Null when it touches no block.
 */
export function rangeToSource(range: Range, root: HTMLElement): { start16: number; end16: number } | null {
  const blocks = Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)).filter((b) => range.intersectsNode(b));
  if (blocks.length === 0) return null;
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  let start16 = spanOf(first).start16;
  if (first.contains(range.startContainer)) start16 += offsetInBlock(first, range.startContainer, range.startOffset);
  let end16 = spanOf(last).end16;
  if (last.contains(range.endContainer)) end16 = spanOf(last).start16 + offsetInBlock(last, range.endContainer, range.endOffset);
  return { start16, end16 };
}

/** The source offset of a DOM boundary point inside one of `root`'s blocks; null anywhere else. */
export function pointToSource(root: HTMLElement, node: Node | null, offset: number): number | null {
  const element = node instanceof Element ? node : node?.parentElement;
  const block = element?.closest<HTMLElement>(BLOCK_SELECTOR);
  if (!node || !block || !root.contains(block)) return null;
  return spanOf(block).start16 + offsetInBlock(block, node, offset);
}

/** The block spans rendered under `root`, in reading order. */
export function renderedBlocks(root: HTMLElement): BlockSpan[] {
  return Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)).map(spanOf);
}

/**
 * Maps the source range `[start16, end16)` to the quotes to cite (see quoteRanges): a selection across
 * a paragraph break gives one quote per paragraph. Null when nothing but whitespace is selected.
 */
export function sourceRangeToQuotes(
  source: string,
  blocks: BlockSpan[],
  start16: number,
  end16: number,
  mapper: OffsetMapper,
): SelectionQuotes | null {
  const ranges = quoteRanges(source, blocks, start16, end16);
  if (ranges.length === 0) return null;
  if (ranges.length > LIMITS.quotesPerArgument) {
    return { ok: false, message: `A selection can span at most ${LIMITS.quotesPerArgument} paragraphs — cite it in parts.` };
  }
  const anchors: QuoteAnchor[] = [];
  for (const r of ranges) {
    const result = createAnchor(source, mapper.toCodePoint(r.start16), mapper.toCodePoint(r.end16));
    if (!result.ok) return { ok: false, message: result.message };
    anchors.push(result.anchor);
  }
  return { ok: true, anchors };
}

/** Maps a DOM selection inside the article to the quotes it would cite. Null when no text is selected. */
export function selectionToQuotes(range: Range, root: HTMLElement, source: string, mapper: OffsetMapper): SelectionQuotes | null {
  const span = rangeToSource(range, root);
  return span ? sourceRangeToQuotes(source, renderedBlocks(root), span.start16, span.end16, mapper) : null;
}

/**
 * The DOM boundary point for source offset `pos16`, inside the block that holds it: the inverse of
 * rangeToSource, used to draw a keyboard selection as a real DOM selection. Null outside every block.
 */
export function domPoint(root: HTMLElement, pos16: number): { node: Node; offset: number } | null {
  const block = Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)).find((b) => {
    const span = spanOf(b);
    return span.start16 <= pos16 && pos16 <= span.end16;
  });
  if (!block) return null;
  let left = pos16 - spanOf(block).start16;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (left <= node.length) return { node, offset: left };
    left -= node.length;
    last = node;
  }
  return last ? { node: last, offset: last.length } : { node: block, offset: 0 };
}

/** Where to put the Cite button: just below the end of the selection, in `container`'s scroll space. */
export function citePoint(range: Range, container: HTMLElement): { x: number; y: number } {
  const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
  const rect = rects[rects.length - 1] ?? range.getBoundingClientRect();
  const box = container.getBoundingClientRect();
  const x = rect.right - box.left + container.scrollLeft;
  return {
    x: Math.max(8, Math.min(x, container.clientWidth - 120)),
    y: rect.bottom - box.top + container.scrollTop + 6,
  };
}
