"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ActivityEvent } from "@/lib/review/activity";
import type { Replay } from "@/lib/review/replay";

/** The slider's granularity. */
export const SLIDER_STEP_MS = 1000;

/** How long playback dwells on each moment something happened. */
export const PLAY_INTERVAL_MS = 800;

export interface Timeline {
  start: number;
  end: number;
  /** The moment shown. */
  t: number;
  /** Every moment something happened (feed times), ascending: what play and the step buttons visit. */
  stops: number[];
  playing: boolean;
  seek(t: number): void;
  /** Moves to the previous (-1) or next (+1) stop. */
  step(direction: -1 | 1): void;
  togglePlay(): void;
}

/**
 * The slider's state. Its range runs from just before the first activity to the last, not from the
 * board's creation: a board is often prepared days before class, and a span that starts there would
 * squeeze the whole lesson into the slider's last pixels. Playback visits the moments something
 * happened rather than running a clock, so a quiet ten minutes does not mean ten minutes of waiting.
 */
export function useTimeline(replay: Replay, activity: readonly ActivityEvent[]): Timeline {
  const stops = useMemo(() => [...new Set(activity.map((e) => e.at))].sort((a, b) => a - b), [activity]);
  const { start, end } = useMemo(() => {
    const first = stops[0] ?? replay.steps[0]?.at ?? 0;
    const last = Math.max(stops.at(-1) ?? first, replay.steps.at(-1)?.at ?? first);
    const created = replay.steps[0]?.at ?? first;
    // One second before the first event (but not before the board existed): the board before anyone acted.
    const from = Math.max(created, first - 1000);
    // The slider moves in whole seconds from `start`; a span of whole seconds lets its far right end
    // reach the last event instead of stopping just short of it.
    return { start: from, end: from + Math.max(1, Math.ceil((last - from) / SLIDER_STEP_MS)) * SLIDER_STEP_MS };
  }, [replay, stops]);
  const [t, setT] = useState(end);
  const [playing, setPlaying] = useState(false);

  const seek = useCallback((next: number) => setT(Math.min(end, Math.max(start, next))), [start, end]);
  const step = useCallback(
    (direction: -1 | 1) => {
      setPlaying(false);
      setT((current) => (direction > 0 ? (stops.find((s) => s > current) ?? end) : (stops.findLast((s) => s < current) ?? start)));
    },
    [stops, start, end],
  );
  const togglePlay = useCallback(() => {
    // Playing from the end starts over, as a video player does.
    if (!playing && t >= end) setT(start);
    setPlaying(!playing);
  }, [playing, t, start, end]);

  // One timeout per stop: each move of `t` schedules the next, and dragging the slider while playing
  // simply continues from wherever it was dropped.
  useEffect(() => {
    if (!playing) return;
    const next = stops.find((s) => s > t);
    const timer = setTimeout(() => (next === undefined ? setPlaying(false) : setT(next)), next === undefined ? 0 : PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, t, stops]);

  return { start, end, t, stops, playing, seek, step, togglePlay };
}
