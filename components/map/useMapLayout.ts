"use client";
import { useEffect, useRef, useState } from "react";
import type { MapGraph } from "@/lib/map/graph";
import { createLayoutEngine, type LaidOut, type LayoutEngine } from "./layout-engine";

/** Edits arrive keystroke by keystroke from other people: wait for a pause before laying out again. */
const RELAYOUT_DEBOUNCE_MS = 200;

export interface MapLayoutState {
  /** The newest layout back from the worker; the previous one stays on screen while the next is computed. */
  laidOut: LaidOut | null;
  /** Layouts finished so far (tests wait on it). */
  runs: number;
  error: string | null;
}

/** Lays out `graph` off the main thread, again (debounced) whenever it changes. */
export function useMapLayout(graph: MapGraph): MapLayoutState {
  const [state, setState] = useState<MapLayoutState>({ laidOut: null, runs: 0, error: null });
  const engine = useRef<LayoutEngine | null>(null);
  const first = useRef(true);

  useEffect(() => {
    const created = createLayoutEngine(
      (laidOut) => setState((s) => ({ laidOut, runs: s.runs + 1, error: null })),
      (error) => setState((s) => ({ ...s, error })),
    );
    engine.current = created;
    return () => {
      created.dispose();
      engine.current = null;
      first.current = true;
    };
  }, []);

  useEffect(() => {
    // The first layout goes at once; later ones wait for the edits to pause.
    const delay = first.current ? 0 : RELAYOUT_DEBOUNCE_MS;
    first.current = false;
    const timer = setTimeout(() => engine.current?.request(graph), delay);
    return () => clearTimeout(timer);
  }, [graph]);

  return state;
}
