"use client";
import { useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { viewFromParams, writeViewParam, type BoardView } from "@/lib/map/view";

/**
 * The board's view (columns or map), kept in the page URL. First read through Next's search params, so
 * the server's HTML and the first client render agree; then held here and written into the URL by
 * replacing it (a view switch is not navigation: Back leaves the board).
 */
export function useBoardView(): [BoardView, (view: BoardView) => void] {
  const params = useSearchParams();
  const [view, setViewState] = useState<BoardView>(() => viewFromParams(params));
  const setView = useCallback((next: BoardView) => {
    setViewState(next);
    const url = new URL(window.location.href);
    writeViewParam(url.searchParams, next);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, []);
  return [view, setView];
}
