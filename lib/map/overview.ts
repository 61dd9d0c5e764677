import type { Point } from "./layout";

/**
 * The map's level of detail. A big board fitted to the screen paints ~1,000 DOM nodes and edges on every
 * frame of a pan (8–11 fps measured); below a zoom threshold the map is drawn instead as one canvas
 * "overview" and the DOM nodes are taken out of layout and paint. Pure: the view layer reads these rules.
 */

/** Below this zoom a big map switches to the canvas overview. */
export const OVERVIEW_ENTER_ZOOM = 0.35;
/**
 * Above this zoom it switches back. The gap between the two keeps a wheel turn that ends near the threshold
 * from flipping the whole map between DOM and canvas (each flip restyles every node once).
 */
export const OVERVIEW_LEAVE_ZOOM = 0.42;
/** Smaller maps stay DOM at any zoom: they paint fast enough, and their text and markers stay crisp. */
export const OVERVIEW_MIN_NODES = 200;
/** The zoom a click on the overview, or keyboard focus, brings the map to: reading size, DOM again. */
export const OVERVIEW_FOCUS_ZOOM = 0.8;

/** Whether the overview should be on, given whether it is on now (hysteresis, see OVERVIEW_LEAVE_ZOOM). */
export function overviewAfter(current: boolean, zoom: number, nodeCount: number): boolean {
  if (nodeCount < OVERVIEW_MIN_NODES || !Number.isFinite(zoom)) return false;
  return current ? zoom < OVERVIEW_LEAVE_ZOOM : zoom < OVERVIEW_ENTER_ZOOM;
}

/** A node's box in flow coordinates (its top-left corner and size), as laid out. */
export interface OverviewBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** xyflow's viewport: a flow point p is drawn at screen (p.x * zoom + x, p.y * zoom + y). */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The flow point under a point given relative to the map's top-left corner. */
export function screenToFlow(point: Point, viewport: Viewport): Point {
  return { x: (point.x - viewport.x) / viewport.zoom, y: (point.y - viewport.y) / viewport.zoom };
}

/**
 * The node under a flow point, or null. `slack` (flow units) widens every box, so that a box a few
 * screen pixels wide can still be hit; when boxes overlap that way, the one whose centre is nearest wins.
 */
export function hitTestBoxes(boxes: readonly OverviewBox[], point: Point, slack = 0): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const box of boxes) {
    if (point.x < box.x - slack || point.x > box.x + box.width + slack) continue;
    if (point.y < box.y - slack || point.y > box.y + box.height + slack) continue;
    const inside = point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
    // A direct hit always beats a near miss.
    const distance = (inside ? 0 : 1e12) + Math.hypot(point.x - (box.x + box.width / 2), point.y - (box.y + box.height / 2));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = box.id;
    }
  }
  return best;
}

/** Whether a box lies at least partly inside the visible flow rectangle (cheap culling before drawing). */
export function boxInView(box: OverviewBox, view: { x: number; y: number; width: number; height: number }): boolean {
  return box.x + box.width >= view.x && box.x <= view.x + view.width && box.y + box.height >= view.y && box.y <= view.y + view.height;
}

/** The flow rectangle a map of `size` screen pixels shows at `viewport`. */
export function visibleFlowRect(size: { width: number; height: number }, viewport: Viewport): { x: number; y: number; width: number; height: number } {
  const topLeft = screenToFlow({ x: 0, y: 0 }, viewport);
  return { x: topLeft.x, y: topLeft.y, width: size.width / viewport.zoom, height: size.height / viewport.zoom };
}

/**
 * A dash pattern in flow units that looks like `screenDash` (screen pixels) at reading zoom and never shrinks
 * below `minScreen` pixels per segment when zoomed out, so an attack edge stays visibly dashed on the overview.
 */
export function overviewDash(screenDash: readonly number[], zoom: number, minScreen = 3): number[] {
  return screenDash.map((length) => Math.max(length, minScreen / zoom));
}
