"use client";
import { useEffect, useState } from "react";

/**
 * The current time, refreshed every `intervalMs`, so relative times stay true on a board left open
 * on a projector. Starts at 0 on the server render to keep hydration deterministic.
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
