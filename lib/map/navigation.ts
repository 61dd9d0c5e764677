import type { MapGraph, MapNodeSpec } from "./graph";
import type { Point } from "./layout";
import type { Viewport } from "./overview";

/**
 * Moving around the map with the keyboard, on the graph as shown (collapsed subtrees left out):
 * up to what a node answers, down to its first answer, left and right among the answers to the
 * same thing (the positions are siblings of one another). Pure, so the rules are pinned by unit tests.
 */

export type MapDirection = "parent" | "firstChild" | "previousSibling" | "nextSibling";

/** The arrow keys and what they mean on a top-down tree. */
export const MAP_ARROW_KEYS: Readonly<Record<string, MapDirection>> = {
  ArrowUp: "parent",
  ArrowDown: "firstChild",
  ArrowLeft: "previousSibling",
  ArrowRight: "nextSibling",
};

/** The node one step from `fromId` in `direction`, or null when there is none (or `fromId` is not shown). */
export function mapNeighbour(graph: MapGraph, fromId: string, direction: MapDirection): string | null {
  const from = graph.nodes.find((n) => n.id === fromId);
  if (!from) return null;
  if (direction === "parent") return from.parentId !== null && graph.nodes.some((n) => n.id === from.parentId) ? from.parentId : null;
  if (direction === "firstChild") return graph.nodes.find((n) => n.parentId === from.id)?.id ?? null;
  const siblings = siblingsOf(graph.nodes, from);
  const at = siblings.indexOf(from);
  const next = siblings[direction === "nextSibling" ? at + 1 : at - 1];
  return next?.id ?? null;
}

function siblingsOf(nodes: readonly MapNodeSpec[], node: MapNodeSpec): MapNodeSpec[] {
  return node.kind === "position" ? nodes.filter((n) => n.kind === "position") : nodes.filter((n) => n.parentId === node.parentId);
}

/** What the ids of `collapsed` need of each argument: just its parent (read fresh, since arguments can move). */
export interface ParentLink {
  id: string;
  parentId: string;
}

/**
 * The collapsed set with every fold that hides `id` opened, so that selecting a card or a quote
 * always finds its node on the map. Returns `collapsed` itself when nothing hides it.
 */
export function revealInMap(collapsed: ReadonlySet<string>, args: readonly ParentLink[], id: string): ReadonlySet<string> {
  const parentOf = new Map(args.map((a) => [a.id, a.parentId]));
  const opened = new Set(collapsed);
  const seen = new Set<string>();
  // Walk up to the position; `seen` guards against a cycle in a damaged document.
  for (let at = parentOf.get(id); at !== undefined && !seen.has(at); at = parentOf.get(at)) {
    seen.add(at);
    opened.delete(at);
  }
  return opened.size === collapsed.size ? collapsed : opened;
}

/** Number of direct answers to each node, for the collapse button (shown only where there is something to fold). */
export function childCounts(args: readonly ParentLink[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const arg of args) counts.set(arg.parentId, (counts.get(arg.parentId) ?? 0) + 1);
  return counts;
}

/**
 * The viewport that keeps a node where it was on screen after a new layout moved it from `before` to
 * `after` (flow coordinates; a flow point p is drawn at p × zoom + viewport). Folding or unfolding a
 * subtree re-centres its node over what is left: without this the node, and the fold button just
 * clicked, jump away from under the pointer, even off the screen.
 */
export function viewportKeepingNode(viewport: Viewport, before: Point, after: Point): Viewport {
  return { x: viewport.x + (before.x - after.x) * viewport.zoom, y: viewport.y + (before.y - after.y) * viewport.zoom, zoom: viewport.zoom };
}
