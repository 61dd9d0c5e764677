import * as Y from "yjs";
import type { UndoDirection } from "@/lib/board/undo-history";

/**
 * Whether a local transaction is an undo or a redo: Y.UndoManager runs its steps with itself as the
 * origin, and its `undoing`/`redoing` flags are still set while the transaction's events fire.
 */
export function undoDirectionOf(origin: unknown): UndoDirection | undefined {
  if (!(origin instanceof Y.UndoManager)) return undefined;
  return origin.undoing ? "undo" : origin.redoing ? "redo" : undefined;
}
