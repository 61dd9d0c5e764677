import { createAnchor, type AnchorResult } from "@/lib/anchoring/anchor";
import type { OffsetMapper } from "./offsets";

/** Every rendered block carries `data-block` plus its UTF-16 span of the source. */
export const BLOCK_SELECTOR = "[data-block]";

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

const WORD_CHAR = /[\p{L}\p{N}]/u;
const inWord = (source: string, i: number) => WORD_CHAR.test(source[i - 1] ?? "") && WORD_CHAR.test(source[i] ?? "");

/**
 * Maps a DOM selection inside the article to a quote anchor on the source. A selection that starts or
 * ends between blocks is clamped to the nearest block; whitespace at either end is dropped (a
 * double-click in Chrome takes the trailing space along) and a cut-off word at either end is completed,
 * because a quote that ends in "talks w" is never what a student meant. Returns null when no text is selected.
 */
export function selectionToAnchor(range: Range, root: HTMLElement, source: string, mapper: OffsetMapper): AnchorResult | null {
  const blocks = Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)).filter((b) => range.intersectsNode(b));
  if (blocks.length === 0) return null;
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  let start16 = Number(first.dataset.start16);
  if (first.contains(range.startContainer)) start16 += offsetInBlock(first, range.startContainer, range.startOffset);
  let end16 = Number(last.dataset.end16);
  if (last.contains(range.endContainer)) end16 = Number(last.dataset.start16) + offsetInBlock(last, range.endContainer, range.endOffset);

  while (start16 < end16 && /\s/.test(source[start16])) start16++;
  while (end16 > start16 && /\s/.test(source[end16 - 1])) end16--;
  const floor = Number(first.dataset.start16);
  const ceiling = Number(last.dataset.end16);
  while (start16 > floor && start16 < end16 && inWord(source, start16)) start16--;
  while (end16 < ceiling && end16 > start16 && inWord(source, end16)) end16++;
  if (end16 <= start16) return null;
  return createAnchor(source, mapper.toCodePoint(start16), mapper.toCodePoint(end16));
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
