/**
 * The map's layout, off the main thread: elkjs on a 1,000-argument board takes most of a second,
 * which would freeze typing and panning if it ran beside React. One request at a time; the page
 * (layout-engine.ts) sends only the newest graph, so nothing queues up here.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import { layoutMap } from "@/lib/map/layout";
import type { MapLayoutReply, MapLayoutRequest } from "./map-layout-protocol";

interface WorkerScope {
  onmessage: unknown;
  addEventListener(type: "message", listener: (event: MessageEvent<MapLayoutRequest>) => void): void;
  postMessage(message: MapLayoutReply): void;
}
const scope = self as unknown as WorkerScope;
// elk.bundled.js, loaded in a worker, takes over `onmessage` for its own worker protocol; this worker
// speaks ours, so that handler must go before our first message arrives.
scope.onmessage = null;
const elk = new ELK();

scope.addEventListener("message", (event) => {
  const { seq, graph } = event.data;
  const started = performance.now();
  layoutMap(graph, elk).then(
    (layout) => scope.postMessage({ seq, ok: true, layout, ms: performance.now() - started }),
    (error: unknown) => scope.postMessage({ seq, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
