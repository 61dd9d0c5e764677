import type { MapGraph } from "@/lib/map/graph";
import type { MapLayout } from "@/lib/map/layout";

/** Main thread → layout worker: lay out this graph; `seq` pairs the answer with its request. */
export interface MapLayoutRequest {
  seq: number;
  graph: MapGraph;
}

/** Layout worker → main thread. `ms` is the time ELK took inside the worker, without the message passing. */
export type MapLayoutReply = { seq: number; ok: true; layout: MapLayout; ms: number } | { seq: number; ok: false; error: string };
