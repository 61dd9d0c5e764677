"use client";
import { useStoreApi } from "@xyflow/react";
import { useEffect, useRef } from "react";
import type { Position } from "@/lib/board/position";
import { POSITION_PALETTES } from "@/lib/board/palette";
import type { MapLayout } from "@/lib/map/layout";
import { boxInView, overviewDash, visibleFlowRect, type Viewport } from "@/lib/map/overview";
import { MAP_RELATION_STYLE } from "./map-style";
import styles from "./MapView.module.css";

interface MapOverviewCanvasProps {
  layout: MapLayout;
  positionsById: ReadonlyMap<string, Position>;
  selectedId: string | null;
}

const SELECTED_COLOR = "#2457d6";
/** Argument boxes: the stance colours, lighter than the edges so the lines stay readable across them. */
const ARGUMENT_FILL = { for: "rgba(26, 127, 55, 0.55)", against: "rgba(198, 40, 40, 0.55)" };
const SCREEN_DASH = MAP_RELATION_STYLE.attack.dash.split(" ").map(Number);

/**
 * The whole map on one <canvas>, for the zoomed-out overview (lib/map/overview.ts): node boxes in their
 * position and stance colours, edges along their routes (support solid green, attack dashed red), the
 * selected node outlined. It follows xyflow's viewport without a React render per frame: it subscribes to
 * the store and redraws once per animation frame. Decorative for assistive technology (aria-hidden): the
 * DOM map says the same, and MapView's note says how to get it back.
 */
export function MapOverviewCanvas({ layout, positionsById, selectedId }: MapOverviewCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    let frame = 0;
    let drawn = "";
    const draw = () => {
      frame = 0;
      const { transform, width, height } = store.getState();
      const ratio = window.devicePixelRatio || 1;
      const key = `${transform.join()}|${width}x${height}@${ratio}`;
      if (key === drawn) return;
      drawn = key;
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
      }
      const viewport: Viewport = { x: transform[0], y: transform[1], zoom: transform[2] };
      drawOverview(context, { layout, positionsById, selectedId, viewport, size: { width, height }, ratio });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    schedule();
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store, layout, positionsById, selectedId]);

  return <canvas ref={canvasRef} className={styles.overviewCanvas} aria-hidden="true" data-testid="map-overview" />;
}

interface DrawInput {
  layout: MapLayout;
  positionsById: ReadonlyMap<string, Position>;
  selectedId: string | null;
  viewport: Viewport;
  size: { width: number; height: number };
  ratio: number;
}

/** One frame: everything batched into a few paths by colour, so a 1,000-node map is a handful of fills and strokes. */
function drawOverview(context: CanvasRenderingContext2D, { layout, positionsById, selectedId, viewport, size, ratio }: DrawInput): void {
  const { zoom } = viewport;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * viewport.x, ratio * viewport.y);
  const view = visibleFlowRect(size, viewport);

  for (const relation of ["support", "attack"] as const) {
    const style = MAP_RELATION_STYLE[relation];
    context.beginPath();
    for (const edge of layout.edges) {
      if (edge.relation !== relation || edge.points.length < 2) continue;
      context.moveTo(edge.points[0]!.x, edge.points[0]!.y);
      for (const point of edge.points.slice(1)) context.lineTo(point.x, point.y);
    }
    context.strokeStyle = style.color;
    context.lineWidth = Math.max(1.5, 1 / zoom);
    context.setLineDash(relation === "attack" ? overviewDash(SCREEN_DASH, zoom) : []);
    context.stroke();
  }
  context.setLineDash([]);

  // Fill colour → boxes of that colour.
  const batches = new Map<string, { x: number; y: number; width: number; height: number }[]>();
  for (const node of layout.nodes) {
    if (!boxInView(node, view)) continue;
    const color =
      node.kind === "position"
        ? (POSITION_PALETTES[positionsById.get(node.positionId)?.color ?? "indigo"]?.base ?? "#447")
        : node.stance === "for"
          ? ARGUMENT_FILL.for
          : ARGUMENT_FILL.against;
    const batch = batches.get(color) ?? [];
    batch.push(node);
    batches.set(color, batch);
  }
  for (const [color, boxes] of batches) {
    context.beginPath();
    for (const box of boxes) context.rect(box.x, box.y, box.width, box.height);
    context.fillStyle = color;
    context.fill();
  }

  const selected = selectedId ? layout.nodes.find((n) => n.id === selectedId) : undefined;
  if (selected) {
    // A ring a few screen pixels wide around the box, whatever the zoom.
    const ring = 4 / zoom;
    context.lineWidth = ring;
    context.strokeStyle = SELECTED_COLOR;
    context.strokeRect(selected.x - ring, selected.y - ring, selected.width + 2 * ring, selected.height + 2 * ring);
  }
}
