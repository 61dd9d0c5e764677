"use client";
import { createContext, useContext } from "react";

/** What a lane needs from the board around it to virtualise its rows. */
export interface BoardLayout {
  /** The element that scrolls the board (the board pane), once mounted. */
  scroller: HTMLElement | null;
  /**
   * Calls `listener` whenever the board's size changes (a lane above grew, the toolbar wrapped), so a
   * lane can re-measure where it starts. A subscription rather than state: a resize re-renders only
   * the lanes that actually moved, not the whole board on every frame of a scroll.
   */
  onResize(listener: () => void): () => void;
  toggleReplies(argumentId: string): void;
}

export const BoardLayoutContext = createContext<BoardLayout | null>(null);

export function useBoardLayout(): BoardLayout {
  const layout = useContext(BoardLayoutContext);
  if (!layout) throw new Error("useBoardLayout must be used inside <BoardLayoutContext.Provider>");
  return layout;
}

/** The nearest ancestor that scrolls vertically; the page's own scrolling element when none does. */
export function scrollParentOf(element: HTMLElement): HTMLElement {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === "auto" || overflowY === "scroll" || overflowY === "overlay") return node;
  }
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}
