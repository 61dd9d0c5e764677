"use client";
import { useEffect, useState } from "react";
import { remainingMs, type Clock } from "@/lib/session/session";

/** How often the countdown redraws: often enough that seconds never visibly skip. */
const TICK_MS = 250;

/**
 * Milliseconds left on the facilitator's clock, on the server's time, so every screen (and a reloaded
 * one) shows the same second. Null when no phase runs or the phase has no limit.
 */
export function usePhaseClock(clock: Clock | null, serverNow: () => number): number | null {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (!clock || clock.phaseId === null) return setLeft(null);
    const tick = () => setLeft(remainingMs(clock, serverNow()));
    tick();
    if (clock.startedAt === null || clock.durationMs === null) return; // paused or untimed: nothing moves
    const timer = setInterval(tick, TICK_MS);
    return () => clearInterval(timer);
  }, [clock, serverNow]);
  return left;
}
