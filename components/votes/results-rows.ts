import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import { effectOnPosition, type ArgumentTally } from "@/lib/session/votes";

/** One line of the per-argument results table. */
export interface ArgumentRow {
  id: string;
  text: string;
  positionId: string;
  positionLabel: string;
  /** Which way the argument pushes its position in the end (a rebuttal of an attack counts for). */
  side: "for" | "against";
  /** A reply to another argument rather than an opening argument. */
  reply: boolean;
  strength: number | null;
  quoteSupport: number | null;
  votes: number;
}

export const SORT_KEYS = ["text", "position", "strength", "quoteSupport", "votes"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "ascending" | "descending";

/**
 * Every argument on the board with its tally (unrated ones show zero votes). Tallies of arguments
 * deleted since are left out: the board no longer has their text.
 */
export function argumentRows(args: Argument[], positions: Position[], tallies: ArgumentTally[]): ArgumentRow[] {
  const byId = new Map(args.map((a) => [a.id, a]));
  const labels = new Map(positions.map((p) => [p.id, p.label]));
  const order = new Map(positions.map((p, i) => [p.id, i]));
  const tallyOf = new Map(tallies.map((t) => [t.argumentId, t]));
  return [...args]
    .sort((a, b) => (order.get(a.positionId) ?? 0) - (order.get(b.positionId) ?? 0) || a.createdAt - b.createdAt)
    .map((arg) => {
      const t = tallyOf.get(arg.id);
      return {
        id: arg.id,
        text: arg.text,
        positionId: arg.positionId,
        positionLabel: labels.get(arg.positionId) ?? "",
        side: effectOnPosition(arg, byId) === 1 ? "for" : "against",
        reply: arg.parentId !== arg.positionId,
        strength: t?.strength ?? null,
        quoteSupport: t?.quoteSupport ?? null,
        votes: t?.votes ?? 0,
      };
    });
}

/**
 * Rows sorted by one column (a stable sort: ties keep the board's order). Unrated cells sort last in
 * both directions, so "highest strength first" never opens with a row of dashes.
 */
export function sortRows(rows: ArgumentRow[], key: SortKey, direction: SortDirection): ArgumentRow[] {
  const sign = direction === "ascending" ? 1 : -1;
  const indexed = rows.map((row, index) => ({ row, index }));
  indexed.sort((a, b) => {
    const va = valueOf(a.row, key);
    const vb = valueOf(b.row, key);
    if (va === null || vb === null) return va === vb ? a.index - b.index : va === null ? 1 : -1;
    const cmp = typeof va === "string" ? va.localeCompare(vb as string) : va - (vb as number);
    return cmp * sign || a.index - b.index;
  });
  return indexed.map((i) => i.row);
}

function valueOf(row: ArgumentRow, key: SortKey): string | number | null {
  switch (key) {
    case "text":
      return row.text;
    case "position":
      return row.positionLabel;
    default:
      return row[key];
  }
}

/** How many rated arguments add up to a position's For and Against strength. */
export interface SideCounts {
  for: number;
  against: number;
}

/**
 * Per position, the number of arguments with a strength average on each side: the bars show sums of
 * averages, and the count beside a sum tells "two strong arguments" from "five weak ones".
 */
export function ratedCounts(args: Argument[], tallies: ArgumentTally[]): Map<string, SideCounts> {
  const byId = new Map(args.map((a) => [a.id, a]));
  const counts = new Map<string, SideCounts>();
  for (const t of tallies) {
    const arg = byId.get(t.argumentId);
    if (!arg || t.strength === null) continue;
    const entry = counts.get(arg.positionId) ?? { for: 0, against: 0 };
    entry[effectOnPosition(arg, byId) === 1 ? "for" : "against"] += 1;
    counts.set(arg.positionId, entry);
  }
  return counts;
}
