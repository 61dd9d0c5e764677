"use client";
import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { viewFromParams, writeViewParam, type BoardView } from "@/lib/map/view";

/**
 * The board's view (columns or map), kept in the page URL. Read through Next's search params, so the
 * server's HTML and the first client render agree; written by replacing the URL (a view switch is not
 * navigation: Back leaves the board), which Next feeds back into the search params.
 */
export function useBoardView(): [BoardView, (view: BoardView) => void] {
  const params = useSearchParams();
  const view = viewFromParams(params);
  const setView = useCallback((next: BoardView) => {
    const url = new URL(window.location.href);
    writeViewParam(url.searchParams, next);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, []);
  return [view, setView];
}
