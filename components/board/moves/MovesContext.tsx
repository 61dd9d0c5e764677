"use client";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { Argument } from "@/lib/board/argument";
import type { BoardState } from "@/lib/board/doc";
import { siblingsAt, type MoveTarget } from "@/lib/board/move";
import type { ModelResult } from "@/lib/board/validate";
import { useRules } from "../useBoardRules";
import { MoveDialog } from "./MoveDialog";
import { placeAnnouncement } from "./move-labels";

/**
 * Moving cards on the board screen: the "Move…" dialog, Alt+↑/↓ to reorder, and drag and drop. The
 * model does the work (lib/board/move.ts) and the server re-checks it; this layer only asks, announces
 * the result in a live region for screen readers, and reports refusals.
 */
export interface Moves {
  /** The author or a facilitator, while the board takes edits (the server enforces the same rule). */
  canMove(arg: Argument): boolean;
  /** Opens the Move dialog for `arg`. */
  startMove(arg: Argument): void;
  /** Moves `arg` to `target`; announces where it went, or shows why not. */
  move(arg: Argument, target: MoveTarget): boolean;
  /** Alt+↑ / Alt+↓. */
  reorder(arg: Argument, step: -1 | 1): void;
  /** A card dragged onto `target`: a reply to it, or a sibling before or after it. */
  dropOn(draggedId: string, target: Argument, zone: "before" | "after" | "inside"): void;
}

interface MoveActions {
  move(id: string, target: MoveTarget): ModelResult<Argument>;
  reorder(id: string, step: -1 | 1): ModelResult<Argument>;
}

const MovesContext = createContext<Moves | null>(null);

/** The moves of the board's cards, or null outside a live board (a card then offers none). */
export function useMoves(): Moves | null {
  return useContext(MovesContext);
}

interface MovesProviderProps {
  board: BoardState | null;
  actions: MoveActions;
  selfId: string | null;
  onError(message: string): void;
  children: ReactNode;
}

export function MovesProvider({ board, actions, selfId, onError, children }: MovesProviderProps) {
  const rules = useRules();
  const [moving, setMoving] = useState<Argument | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const announce = useCallback(
    (moved: Argument) => {
      // Read back from the model on the next frame, once the move is in the board the screen shows.
      if (!board) return;
      setAnnouncement("");
      requestAnimationFrame(() => {
        const positions = new Set(board.positions.map((p) => p.id));
        const parent = positions.has(moved.parentId) ? undefined : board.arguments.find((a) => a.id === moved.parentId);
        const position = board.positions.find((p) => p.id === (parent ? parent.positionId : moved.parentId));
        const others = board.arguments.filter((a) => a.id !== moved.id);
        const siblings = siblingsAt([...others, moved], moved.parentId, moved.stance, (id) => positions.has(id));
        setAnnouncement(placeAnnouncement(moved, siblings, parent, position));
        document.getElementById(`argument-${moved.id}`)?.focus({ preventScroll: false });
      });
    },
    [board],
  );

  const move = useCallback(
    (arg: Argument, target: MoveTarget) => {
      const result = actions.move(arg.id, target);
      if (!result.ok) onError(result.error.message);
      else announce(result.value);
      return result.ok;
    },
    [actions, onError, announce],
  );

  const value = useMemo<Moves>(
    () => ({
      canMove: (arg) => rules.canEdit(arg) && (rules.facilitator || (selfId !== null && arg.authorId === selfId)),
      startMove: setMoving,
      move,
      dropOn: (draggedId, target, zone) => {
        const dragged = board?.arguments.find((a) => a.id === draggedId);
        if (!dragged) return;
        if (zone === "inside") {
          move(dragged, { parentId: target.id, stance: dragged.stance });
          return;
        }
        // Beside a top-level card: into its lane, so the lane's stance. Beside a reply: keep its own.
        const lane = board?.positions.some((p) => p.id === target.parentId) ?? false;
        move(dragged, { parentId: target.parentId, stance: lane ? target.stance : dragged.stance, [zone]: target.id });
      },
      reorder: (arg, step) => {
        const result = actions.reorder(arg.id, step);
        if (result.ok) announce(result.value);
        else setAnnouncement(result.error.message);
      },
    }),
    [rules, selfId, actions, move, announce, board],
  );

  // Someone else deleted the card being moved: the dialog has nothing left to move.
  const stillThere = moving !== null && board !== null && board.arguments.some((a) => a.id === moving.id);

  return (
    <MovesContext.Provider value={value}>
      {children}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="move-announcer">
        {announcement}
      </p>
      {board ? (
        <MoveDialog
          argument={stillThere ? moving : null}
          board={board}
          onMove={(target) => moving !== null && move(moving, target) && setMoving(null)}
          onCancel={() => setMoving(null)}
        />
      ) : null}
    </MovesContext.Provider>
  );
}
