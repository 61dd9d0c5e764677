"use client";
import { useCallback, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from "react";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import { describeCaret } from "./announce";
import { clampToBlocks, moveCaret, unitAround, type BlockSpan, type CaretDirection, type CaretUnit } from "./caret";
import type { OffsetMapper } from "./offsets";
import { domPoint, pointToSource, selectionToQuotes } from "./selection";

/** The drawn caret, in the container's scroll space. */
export interface CaretBox {
  x: number;
  y: number;
  height: number;
}

/** Arrow keys and Home/End: which unit they step by, and which way. */
const MOVES: Record<string, [CaretUnit, CaretDirection]> = {
  ArrowRight: ["word", "forward"],
  ArrowLeft: ["word", "backward"],
  ArrowDown: ["sentence", "forward"],
  ArrowUp: ["sentence", "backward"],
  End: ["paragraph", "forward"],
  Home: ["paragraph", "backward"],
};
/** Letter keys that select the unit around the caret in one press. */
const SELECT_UNIT: Record<string, CaretUnit> = { s: "sentence", p: "paragraph" };

const collapsed = (at: number) => ({ anchor: at, focus: at });

interface Options {
  containerRef: RefObject<HTMLElement | null>;
  source: string;
  blocks: BlockSpan[];
  mapper: OffsetMapper;
  locale?: string;
  /** Absent when this person may not cite now: the caret still reads, Enter says why not. */
  onCite?: (anchors: QuoteAnchor[]) => void;
}

/**
 * Keyboard citing: with the article focused, arrows move a caret by word (←/→) and sentence (↑/↓),
 * Home/End go to the paragraph's edges, Shift extends a selection, S/P select the sentence or
 * paragraph, Enter or C cites and Escape clears. The selection is a real DOM selection, so the mouse
 * path (useCiteSelection, the Cite button) sees it too, and a mouse selection can be extended by keys.
 * Every step is announced through a live region for screen-reader users.
 */
export function useKeyboardCaret({ containerRef, source, blocks, mapper, locale, onCite }: Options) {
  const [caret, setCaret] = useState<CaretBox | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // Where the caret was when the DOM selection was last ours: survives a cite clearing the selection.
  const last = useRef<{ anchor: number; focus: number } | null>(null);

  /** The current selection in source offsets: the DOM's when it lies in the article, else our last one. */
  const current = useCallback((): { anchor: number; focus: number } | null => {
    const root = containerRef.current;
    const selection = document.getSelection();
    if (root && selection && selection.rangeCount > 0) {
      const anchor = pointToSource(root, selection.anchorNode, selection.anchorOffset);
      const focus = pointToSource(root, selection.focusNode, selection.focusOffset);
      if (anchor !== null && focus !== null) return { anchor, focus };
    }
    return last.current;
  }, [containerRef]);

  /** Draws `anchor`→`focus` as the document selection, moves the drawn caret and keeps it in view. */
  const show = useCallback(
    (anchor: number, focus: number) => {
      const root = containerRef.current;
      const a = root && domPoint(root, anchor);
      const f = root && domPoint(root, focus);
      if (!root || !a || !f) return;
      last.current = { anchor, focus };
      document.getSelection()?.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
      const at = document.createRange();
      at.setStart(f.node, f.offset);
      const rect = at.getClientRects()[0] ?? at.getBoundingClientRect();
      const box = root.getBoundingClientRect();
      const y = rect.top - box.top + root.scrollTop;
      setCaret({ x: rect.left - box.left + root.scrollLeft, y, height: rect.height || 20 });
      // Keep the caret a line clear of the edges as it walks past them.
      const margin = 40;
      if (rect.top < box.top + margin) root.scrollTop = y - margin;
      else if (rect.bottom > box.bottom - margin) root.scrollTop = y + rect.height + margin - root.clientHeight;
    },
    [containerRef],
  );

  /** The caret's starting point on arriving by keyboard: the first paragraph in view. */
  const firstVisible = useCallback((): number => {
    const root = containerRef.current;
    if (!root || blocks.length === 0) return 0;
    const top = root.getBoundingClientRect().top;
    const elements = Array.from(root.querySelectorAll<HTMLElement>("[data-block]"));
    const visible = elements.find((el) => el.getBoundingClientRect().bottom > top);
    return visible ? Number(visible.dataset.start16) : blocks[0].start16;
  }, [containerRef, blocks]);

  const cite = useCallback(() => {
    const root = containerRef.current;
    const selection = document.getSelection();
    const range = selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    const result = root && range ? selectionToQuotes(range, root, source, mapper) : null;
    if (!onCite) return setAnnouncement("You cannot cite right now.");
    if (!result) return setAnnouncement("Nothing is selected. Hold Shift and use the arrow keys, or press S to select a sentence.");
    if (!result.ok) return setAnnouncement(result.message);
    const end = last.current ? Math.max(last.current.anchor, last.current.focus) : null;
    onCite(result.anchors);
    if (end !== null) last.current = { anchor: end, focus: end };
    const n = result.anchors.length;
    setAnnouncement(n > 1 ? `Cited ${n} quotes.` : "Cited.");
  }, [containerRef, source, mapper, onCite]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      // Keys on the Cite button, a highlight or the popover are theirs; modified keys are the browser's.
      if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const here = current() ?? collapsed(firstVisible());
      let next: { anchor: number; focus: number } | null = null;
      if (MOVES[key]) {
        const [unit, direction] = MOVES[key];
        const focus = moveCaret(source, blocks, here.focus, unit, direction, locale);
        next = { anchor: event.shiftKey ? clampToBlocks(blocks, here.anchor) : focus, focus };
      } else if (SELECT_UNIT[key]) {
        const around = unitAround(source, blocks, here.focus, SELECT_UNIT[key], locale);
        if (around) next = { anchor: around.start16, focus: around.end16 };
      } else if (key === "Escape" && here.anchor !== here.focus) {
        next = collapsed(here.focus);
      } else if (key === "Enter" || key === "c") {
        // preventDefault also stops the key typing itself into the editor that the cite opens.
        event.preventDefault();
        return cite();
      }
      if (!next) return;
      event.preventDefault();
      show(next.anchor, next.focus);
      setAnnouncement(describeCaret({ source, blocks, ...next, from: here.focus, canCite: Boolean(onCite) }));
    },
    [current, firstVisible, source, blocks, locale, show, cite, onCite],
  );

  /** Arriving by keyboard (not a mouse click, which makes its own selection) puts the caret in view. */
  const onFocus = useCallback(
    (event: FocusEvent<HTMLElement>) => {
      if (event.target !== event.currentTarget || !event.currentTarget.matches(":focus-visible")) return;
      const here = current();
      const start = here ? here.focus : firstVisible();
      show(here ? here.anchor : start, start);
    },
    [current, firstVisible, show],
  );

  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    if (event.target === event.currentTarget) setCaret(null);
  }, []);

  return { caret, announcement, onKeyDown, onFocus, onBlur };
}
