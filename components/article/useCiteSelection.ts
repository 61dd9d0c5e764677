"use client";
import { useCallback, useEffect, useState, type RefObject } from "react";
import type { OffsetMapper } from "./offsets";
import { citePoint, selectionToQuotes, type SelectionQuotes } from "./selection";

export interface PendingCite {
  result: SelectionQuotes;
  x: number;
  y: number;
}

/** Waits this long after the last selection change, so the button does not chase a dragging mouse. */
const SETTLE_MS = 120;

/**
 * Watches the document selection and, when it lies inside `containerRef`, turns it into quote
 * anchors (one per paragraph) plus a place for the Cite button. Works for mouse, touch (long-press
 * handles) and keyboard selection alike, because all of them end in `selectionchange`.
 */
export function useCiteSelection(
  containerRef: RefObject<HTMLElement | null>,
  source: string,
  mapper: OffsetMapper,
): { pending: PendingCite | null; clear(): void } {
  const [pending, setPending] = useState<PendingCite | null>(null);

  useEffect(() => {
    let pointerDown = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const evaluate = () => {
      const container = containerRef.current;
      const selection = document.getSelection();
      if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) return setPending(null);
      const range = selection.getRangeAt(0);
      if (!container.contains(range.commonAncestorContainer)) return setPending(null);
      const result = selectionToQuotes(range, container, source, mapper);
      setPending(result ? { result, ...citePoint(range, container) } : null);
    };
    const schedule = () => {
      clearTimeout(timer);
      if (!pointerDown) timer = setTimeout(evaluate, SETTLE_MS);
    };
    const onDown = () => {
      pointerDown = true;
    };
    const onUp = () => {
      pointerDown = false;
      schedule();
    };

    document.addEventListener("selectionchange", schedule);
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("pointerup", onUp);
    document.addEventListener("pointercancel", onUp);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("selectionchange", schedule);
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("pointerup", onUp);
      document.removeEventListener("pointercancel", onUp);
    };
  }, [containerRef, source, mapper]);

  const clear = useCallback(() => {
    document.getSelection()?.removeAllRanges();
    setPending(null);
  }, []);

  return { pending, clear };
}
