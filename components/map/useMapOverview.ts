"use client";
import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import type { MapLayout } from "@/lib/map/layout";
import { hitTestBoxes, OVERVIEW_FOCUS_ZOOM, overviewAfter, screenToFlow } from "@/lib/map/overview";

/** How far (screen pixels) a click may miss a tiny overview box and still pick it. */
const PICK_SLACK_PX = 4;

/**
 * Whether the map is in its canvas overview (lib/map/overview.ts), re-evaluated on every viewport change
 * but changing state only when a threshold is crossed, so React renders the map once per switch, not per
 * frame. Also: the node under a click on the overview, and zooming in to a node (which ends the overview).
 * `shown` is the graph as it is now: a node deleted since the last layout is neither drawn nor picked.
 */
export function useMapOverview(laidOut: MapLayout | null, shown: ReadonlyMap<string, unknown>) {
  const store = useStoreApi();
  const flow = useReactFlow();
  const [overview, setOverview] = useState(false);
  const current = useRef(false);
  const shownCount = shown.size;
  const count = useRef(shownCount);
  count.current = shownCount;
  const layout = useMemo<MapLayout | null>(() => {
    if (!laidOut) return null;
    const nodes = laidOut.nodes.filter((n) => shown.has(n.id));
    const edges = laidOut.edges.filter((e) => shown.has(e.source) && shown.has(e.target));
    return { ...laidOut, nodes, edges };
  }, [laidOut, shown]);

  useEffect(() => {
    const update = () => {
      const next = overviewAfter(current.current, store.getState().transform[2], count.current);
      if (next === current.current) return;
      current.current = next;
      setOverview(next);
    };
    update();
    return store.subscribe(update);
  }, [store, shownCount]);

  /** Brings a node to reading size in the middle of the map. */
  const zoomTo = useCallback(
    (id: string) => {
      const box = layout?.nodes.find((n) => n.id === id);
      if (box) void flow.setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: OVERVIEW_FOCUS_ZOOM, duration: 250 });
    },
    [flow, layout],
  );

  /** The node under a click on the overview's pane, or null. */
  const nodeAt = useCallback(
    (event: MouseEvent): string | null => {
      const pane = store.getState().domNode?.getBoundingClientRect();
      if (!layout || !pane) return null;
      const [x, y, zoom] = store.getState().transform;
      const point = screenToFlow({ x: event.clientX - pane.left, y: event.clientY - pane.top }, { x, y, zoom });
      return hitTestBoxes(layout.nodes, point, PICK_SLACK_PX / zoom);
    },
    [store, layout],
  );

  return { overview, layout, zoomTo, nodeAt };
}
