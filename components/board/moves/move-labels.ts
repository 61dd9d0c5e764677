import type { Argument, Stance } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";

/** Short quotations of cards and lanes for the move dialog and the screen-reader announcements. */

export function excerpt(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function laneName(position: Pick<Position, "label"> | undefined, stance: Stance): string {
  return `${stance === "for" ? "For" : "Against"} lane of “${position?.label ?? "a position"}”`;
}

/**
 * What a screen reader hears after a move: where the card now sits, in the words of the board.
 * `siblings` is the list it now sorts in, itself included.
 */
export function placeAnnouncement(moved: Argument, siblings: readonly Argument[], parent: Argument | undefined, position: Position | undefined): string {
  const index = siblings.findIndex((a) => a.id === moved.id) + 1;
  const where = parent
    ? `${moved.stance === "for" ? "supporting" : "rebutting"} “${excerpt(parent.text, 40)}”`
    : `in the ${laneName(position, moved.stance)}`;
  return `Moved: now ${index} of ${siblings.length}, ${where}.`;
}
