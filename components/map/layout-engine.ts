"use client";
import type { MapGraph } from "@/lib/map/graph";
import { layoutMap, type MapLayout } from "@/lib/map/layout";
import type { MapLayoutReply } from "./map-layout-protocol";

export interface LaidOut {
  /** The graph this layout places (a newer one may be waiting). */
  graph: MapGraph;
  layout: MapLayout;
  /** Time ELK itself took (in the worker, or on the main thread in the fallback). */
  layoutMs: number;
  /** From handing the graph over to having the layout back, message passing included. */
  roundTripMs: number;
  mode: "worker" | "main-thread";
}

export interface LayoutEngine {
  /** Lays out `graph`; a graph asked for while another is being laid out replaces any still waiting. */
  request(graph: MapGraph): void;
  dispose(): void;
}

/**
 * Runs the map layout in a Web Worker, one graph at a time, always the newest: while ELK works on one
 * graph, later edits only replace the single waiting graph, so a burst of edits costs at most two
 * layouts. If the worker cannot start (or dies), layouts continue on the main thread, asynchronously;
 * ELK cannot be cut into idle-time chunks, so on a big board that fallback will stutter, and says so.
 */
export function createLayoutEngine(onLaidOut: (result: LaidOut) => void, onError: (message: string) => void): LayoutEngine {
  let worker: Worker | null = null;
  let disposed = false;
  let seq = 0;
  let busy: { seq: number; started: number; graph: MapGraph } | null = null;
  let waiting: MapGraph | null = null;

  try {
    worker = new Worker(new URL("./map-layout.worker.ts", import.meta.url), { type: "module", name: "map-layout" });
    worker.addEventListener("message", (event: MessageEvent<MapLayoutReply>) => finish(event.data));
    worker.addEventListener("error", () => {
      // A worker that fails to load or crashes: fall back and redo what it was doing.
      worker?.terminate();
      worker = null;
      console.warn("Map layout worker failed; laying out on the main thread instead.");
      const again = waiting;
      busy = null;
      if (again) start(again);
    });
  } catch {
    worker = null;
  }

  const finish = (reply: MapLayoutReply) => {
    if (disposed || !busy || reply.seq !== busy.seq) return;
    const roundTripMs = performance.now() - busy.started;
    const { graph } = busy;
    busy = null;
    if (reply.ok) onLaidOut({ graph, layout: reply.layout, layoutMs: reply.ms, roundTripMs, mode: worker ? "worker" : "main-thread" });
    else onError(reply.error);
    const next = waiting;
    waiting = null;
    if (next) start(next);
  };

  const start = (graph: MapGraph) => {
    busy = { seq: ++seq, started: performance.now(), graph };
    const current = busy.seq;
    if (worker) {
      waiting = null;
      worker.postMessage({ seq: current, graph });
      return;
    }
    waiting = null;
    void layOutHere(graph).then(
      ({ layout, ms }) => finish({ seq: current, ok: true, layout, ms }),
      (error: unknown) => finish({ seq: current, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };

  return {
    request(graph) {
      if (disposed) return;
      if (busy) waiting = graph;
      else start(graph);
    },
    dispose() {
      disposed = true;
      worker?.terminate();
    },
  };
}

let mainThreadElk: Promise<{ layout(graph: object): Promise<object> }> | null = null;

async function layOutHere(graph: MapGraph): Promise<{ layout: MapLayout; ms: number }> {
  mainThreadElk ??= import("elkjs/lib/elk.bundled.js").then(({ default: ELK }) => new ELK());
  const elk = await mainThreadElk;
  const started = performance.now();
  const layout = await layoutMap(graph, elk as Parameters<typeof layoutMap>[1]);
  return { layout, ms: performance.now() - started };
}
