"use client";
import { useCallback, useEffect, useRef, useState } from "react";

const FOLLOW_KEY = "parley.followSpotlight";

/** Whether this person follows the facilitator's spotlight; on unless they turned it off here before. */
export function useFollowPreference(): [boolean, (follow: boolean) => void] {
  const [follow, setFollow] = useState(true);
  useEffect(() => {
    try {
      setFollow(window.localStorage.getItem(FOLLOW_KEY) !== "off");
    } catch {
      // storage blocked: follow, the classroom default
    }
  }, []);
  const change = useCallback((next: boolean) => {
    setFollow(next);
    try {
      window.localStorage.setItem(FOLLOW_KEY, next ? "on" : "off");
    } catch {
      // kept for this visit
    }
  }, []);
  return [follow, change];
}

/**
 * Brings each new spotlight into view once. `reveal` answers false while the card is not on the page
 * yet (the board is still loading); `retryKey` changing (the board arrived) tries again.
 */
export function useSpotlightFollow(
  spotlight: { argumentId: string | null; at: number } | null,
  enabled: boolean,
  reveal: (argumentId: string) => boolean,
  retryKey: unknown,
): void {
  const handled = useRef<number | null>(null);
  const argumentId = spotlight?.argumentId ?? null;
  const at = spotlight?.at ?? null;
  useEffect(() => {
    if (!argumentId || !enabled || at === null || handled.current === at) return;
    if (reveal(argumentId)) handled.current = at;
  }, [argumentId, at, enabled, reveal, retryKey]);
}

/** Scrolls a card to the middle of its pane without taking focus from someone typing. */
export function scrollCardIntoView(argumentId: string): boolean {
  const card = document.getElementById(`argument-${argumentId}`);
  if (!card) return false;
  const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  // After the pane switch (narrow screens) has rendered, or the card has no box to scroll to.
  requestAnimationFrame(() => card.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" }));
  return true;
}
