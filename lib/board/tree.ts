import type { Argument, Stance } from "./argument";
import { compareSiblings } from "./order";
import type { Position } from "./position";

/** An argument with the arguments that answer it, for rendering and outline exports. */
export interface ArgumentNode {
  argument: Argument;
  depth: number;
  children: ArgumentNode[];
}

export interface PositionColumn {
  position: Position;
  lanes: Record<Stance, ArgumentNode[]>;
}

/**
 * Groups arguments into one column per position with For/Against lanes; replies nest under their parent.
 * Siblings keep the board's order (lib/board/order.ts), which every export shares.
 */
export function buildColumns(positions: Position[], args: Argument[]): PositionColumn[] {
  const childrenOf = new Map<string, Argument[]>();
  for (const arg of args) {
    const list = childrenOf.get(arg.parentId) ?? [];
    list.push(arg);
    childrenOf.set(arg.parentId, list);
  }
  for (const list of childrenOf.values()) list.sort(compareSiblings);
  const toNode = (argument: Argument, depth: number): ArgumentNode => ({
    argument,
    depth,
    children: (childrenOf.get(argument.id) ?? []).map((child) => toNode(child, depth + 1)),
  });
  return positions.map((position) => {
    const top = (childrenOf.get(position.id) ?? []).map((arg) => toNode(arg, 0));
    return {
      position,
      lanes: { for: top.filter((n) => n.argument.stance === "for"), against: top.filter((n) => n.argument.stance === "against") },
    };
  });
}

/** Ids of `rootId` and every argument below it. */
export function subtreeIds(args: Argument[], rootId: string): string[] {
  const childrenOf = new Map<string, string[]>();
  for (const arg of args) childrenOf.set(arg.parentId, [...(childrenOf.get(arg.parentId) ?? []), arg.id]);
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...(childrenOf.get(id) ?? []));
  }
  return out;
}

/** Depth of an argument below its position (0 for a top-level argument). */
export function depthOf(args: Map<string, Argument>, arg: Argument): number {
  let depth = 0;
  for (let parent = args.get(arg.parentId); parent; parent = args.get(parent.parentId)) depth++;
  return depth;
}
