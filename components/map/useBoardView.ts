"use client";
import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { z } from "zod";

/** How the arguments are shown: the columns alone, or the map beside them. */
export const BoardViewSchema = z.enum(["columns", "map"]);
export type BoardView = z.infer<typeof BoardViewSchema>;

/** The URL parameter that carries the view, so a link can open the map (`/b/<id>?view=map`). */
export const VIEW_PARAM = "view";

/** Any other value in the URL (a typo, an old link) falls back to the columns. */
export function viewFromParams(params: Pick<URLSearchParams, "get">): BoardView {
  const parsed = BoardViewSchema.safeParse(params.get(VIEW_PARAM));
  return parsed.success ? parsed.data : "columns";
}

/**
 * The board's view, kept in the page URL. Read through Next's search params, so the server's HTML and
 * the first client render agree; written by replacing the URL (a view switch is not navigation: Back
 * leaves the board), which Next feeds back into the search params.
 */
export function useBoardView(): [BoardView, (view: BoardView) => void] {
  const params = useSearchParams();
  const view = viewFromParams(params);
  const setView = useCallback((next: BoardView) => {
    const url = new URL(window.location.href);
    if (next === "columns") url.searchParams.delete(VIEW_PARAM);
    else url.searchParams.set(VIEW_PARAM, next);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, []);
  return [view, setView];
}
