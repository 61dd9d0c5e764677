"use client";
import { useEffect, useRef } from "react";

/**
 * Brings a stage item into view whenever `key` changes (a new spotlight, votes just revealed): nobody
 * scrolls a projector, so what changed last must come into view by itself. Only the stage scrolls,
 * never the page, so the board beside it keeps following the spotlight on its own.
 */
export function useStageReveal<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const item = ref.current;
    const stage = item?.parentElement;
    if (!item || !stage) return;
    const box = item.getBoundingClientRect();
    const view = stage.getBoundingClientRect();
    if (box.top >= view.top && box.bottom <= view.bottom) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    // Its top edge a little below the stage's, or as much of a tall item as fits.
    stage.scrollBy({ top: box.top - view.top - 16, behavior: smooth ? "smooth" : "auto" });
  }, [key]);
  return ref;
}
