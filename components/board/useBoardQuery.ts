"use client";
import { useCallback, useEffect, useState } from "react";
import { EMPTY_QUERY, queryFromParams, writeQueryParams, type ArgumentQuery } from "@/lib/views/argument-query";

/**
 * The board's search, filters and order, kept in the page URL (`?q=…&stance=against&sort=newest`) so
 * a view can be shared or survive a reload. The URL is replaced, not pushed: filtering is not
 * navigation, and Back should leave the board rather than undo a keystroke in the search box.
 */
export function useBoardQuery(): [ArgumentQuery, (patch: Partial<ArgumentQuery> | null) => void] {
  // Nothing query-dependent renders before the board has synced (a client-only moment), so reading
  // the URL in the initializer cannot make the server's HTML and the first client render disagree.
  const [query, setQuery] = useState<ArgumentQuery>(() => (typeof window === "undefined" ? EMPTY_QUERY : queryFromParams(new URLSearchParams(window.location.search))));
  useEffect(() => {
    const url = new URL(window.location.href);
    writeQueryParams(url.searchParams, query);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [query]);

  /** Changes some fields; null clears the search and every filter (and the order). */
  const change = useCallback((patch: Partial<ArgumentQuery> | null) => setQuery((current) => (patch === null ? EMPTY_QUERY : { ...current, ...patch })), []);
  return [query, change];
}
