import type { Argument } from "../board/argument";
import type { Position, PositionColor } from "../board/position";
import { sideOf } from "../session/sides";

/**
 * The sides evidence is counted for. A side is the case an argument makes, not the column it sits in:
 * its stance flips along the reply chain (lib/session/sides.ts). On a two-position board arguing
 * against one position is arguing the other's case, so there are exactly two sides; with more
 * positions "against X" is a side of its own, because it does not say which other position it backs.
 */
export interface EvidenceSide {
  /** A position id, or `against:<position id>` on boards of three or more positions. */
  key: string;
  label: string;
  positionId: string;
  color: PositionColor;
  /** Only on boards of three or more positions: the side is "against" its position. */
  against: boolean;
}

const AGAINST_PREFIX = "against:";

/** Every side of a board, in position order: one per position, then (3+ positions) one "against" per position. */
export function listSides(positions: Pick<Position, "id" | "label" | "color" | "order">[]): EvidenceSide[] {
  const ordered = [...positions].sort((a, b) => a.order - b.order);
  const fors = ordered.map((p) => ({ key: p.id, label: p.label, positionId: p.id, color: p.color, against: false }));
  if (ordered.length <= 2) return fors;
  return [...fors, ...ordered.map((p) => ({ key: `${AGAINST_PREFIX}${p.id}`, label: `Against ${p.label}`, positionId: p.id, color: p.color, against: true }))];
}

type ChainLink = Pick<Argument, "positionId" | "parentId" | "stance">;

/**
 * The key of the side `argument` argues, given the board's position ids and a reader of its parents.
 * Null when its position is not on the board (a stale draft).
 */
export function sideKeyOf(argument: ChainLink, positionIds: string[], getArgument: (id: string) => Pick<Argument, "parentId" | "stance"> | null): string | null {
  if (!positionIds.includes(argument.positionId)) return null;
  const side = sideOf(argument, getArgument);
  if (side.argues === "for") return side.positionId;
  if (positionIds.length === 2) return positionIds.find((id) => id !== side.positionId)!;
  return `${AGAINST_PREFIX}${side.positionId}`;
}

/** Side keys of every argument, by argument id. */
export function sidesOfArguments(args: Argument[], positions: Pick<Position, "id">[]): Map<string, string> {
  const byId = new Map(args.map((a) => [a.id, a]));
  const ids = positions.map((p) => p.id);
  const get = (id: string) => byId.get(id) ?? null;
  const out = new Map<string, string>();
  for (const arg of args) {
    const key = sideKeyOf(arg, ids, get);
    if (key) out.set(arg.id, key);
  }
  return out;
}
