import type { Argument } from "../board/argument";
import type { Position } from "../board/position";
import { wrapText } from "../export/text-metrics";

/**
 * The argument map as a graph, before layout: one node per position and per argument, one edge from
 * each argument to what it answers. Node sizes come from the text alone (an estimate of DejaVu Sans
 * widths), never from a browser's measurement, so the screen and the SVG/PNG/PDF exports lay out the
 * very same boxes and get the very same picture.
 */

export const MAP_NODE = {
  width: 240,
  positionWidth: 280,
  padding: 10,
  text: { size: 13, line: 17, maxLines: 4 },
  meta: { line: 16 },
  positionText: { size: 15, line: 20, maxLines: 3 },
} as const;

export type MapRelation = "support" | "attack";

export interface MapNodeSpec {
  id: string;
  kind: "position" | "argument";
  positionId: string;
  /** The argument's parent (a position or argument id); null for a position. */
  parentId: string | null;
  stance: Argument["stance"] | null;
  /** The wrapped lines drawn in the box, already cut to fit. */
  lines: string[];
  width: number;
  height: number;
  /** Arguments hidden below this node because it is collapsed. */
  hiddenCount: number;
}

export interface MapEdgeSpec {
  id: string;
  /** The parent (what is answered): layered layout puts it above `target`. */
  source: string;
  /** The argument that answers it. */
  target: string;
  relation: MapRelation;
}

export interface MapGraph {
  nodes: MapNodeSpec[];
  edges: MapEdgeSpec[];
}

export interface MapGraphOptions {
  /** Node ids whose subtrees are folded away (the node itself stays, with a count). */
  collapsed?: ReadonlySet<string>;
}

/** Builds the graph for the given positions and the arguments that reach them (see readArguments). */
export function buildMapGraph(positions: readonly Position[], args: readonly Argument[], options: MapGraphOptions = {}): MapGraph {
  const collapsed = options.collapsed ?? new Set<string>();
  const childrenOf = new Map<string, Argument[]>();
  for (const arg of args) {
    const list = childrenOf.get(arg.parentId) ?? [];
    list.push(arg);
    childrenOf.set(arg.parentId, list);
  }
  const countBelow = (id: string): number => (childrenOf.get(id) ?? []).reduce((n, child) => n + 1 + countBelow(child.id), 0);

  const nodes: MapNodeSpec[] = [];
  const edges: MapEdgeSpec[] = [];
  const visit = (arg: Argument) => {
    const hidden = collapsed.has(arg.id) ? countBelow(arg.id) : 0;
    nodes.push(argumentNode(arg, hidden));
    edges.push({ id: `e:${arg.id}`, source: arg.parentId, target: arg.id, relation: arg.stance === "for" ? "support" : "attack" });
    if (hidden === 0) for (const child of childrenOf.get(arg.id) ?? []) visit(child);
  };
  for (const position of positions) {
    const hidden = collapsed.has(position.id) ? countBelow(position.id) : 0;
    nodes.push(positionNode(position, hidden));
    if (hidden === 0) for (const arg of childrenOf.get(position.id) ?? []) visit(arg);
  }
  return { nodes, edges };
}

function positionNode(position: Position, hiddenCount: number): MapNodeSpec {
  const { positionWidth: width, padding, positionText } = MAP_NODE;
  const lines = wrapText(position.label, width - padding * 2, positionText.size, positionText.maxLines, true);
  return {
    id: position.id,
    kind: "position",
    positionId: position.id,
    parentId: null,
    stance: null,
    lines,
    width,
    height: padding * 2 + lines.length * positionText.line + (hiddenCount > 0 ? MAP_NODE.meta.line : 0),
    hiddenCount,
  };
}

function argumentNode(arg: Argument, hiddenCount: number): MapNodeSpec {
  const { width, padding, text, meta } = MAP_NODE;
  const lines = wrapText(arg.text, width - padding * 2, text.size, text.maxLines);
  // One meta line: stance, author and quote count ("+ 3 hidden" joins it when collapsed).
  return {
    id: arg.id,
    kind: "argument",
    positionId: arg.positionId,
    parentId: arg.parentId,
    stance: arg.stance,
    lines,
    width,
    height: padding * 2 + lines.length * text.line + meta.line,
    hiddenCount,
  };
}
