"use client";
import type { DragEvent, KeyboardEvent } from "react";
import type { Argument } from "@/lib/board/argument";
import { useMoves } from "./MovesContext";
import styles from "./Moves.module.css";

/** The drag payload: an argument id, under a type of our own so foreign drags (text, files) are ignored. */
const DRAG_TYPE = "application/x-parley-argument";

/** Where on a card a drop lands: its top quarter places before it, its bottom quarter after, else a reply. */
export type DropZone = "before" | "after" | "inside";

export function dropZoneAt(offsetY: number, height: number): DropZone {
  if (height <= 0) return "inside";
  const share = offsetY / height;
  return share < 0.25 ? "before" : share > 0.75 ? "after" : "inside";
}

function zoneOf(event: DragEvent<HTMLElement>): DropZone {
  const rect = event.currentTarget.getBoundingClientRect();
  return dropZoneAt(event.clientY - rect.top, rect.height);
}

function clearHint(event: DragEvent<HTMLElement>) {
  delete event.currentTarget.dataset.drop;
}

/**
 * Props that make an argument card movable: native HTML5 drag and drop (a card dragged onto another
 * becomes a reply there; onto its top or bottom edge, a sibling before or after it) and Alt+↑/↓ to
 * reorder. The drop hint is a data attribute set straight on the element, so a drag re-renders nothing.
 */
export function useCardMoveProps(arg: Argument) {
  const moves = useMoves();
  if (!moves) return {};
  const movable = moves.canMove(arg);
  return {
    className: styles.dropTarget,
    draggable: movable ? true : undefined,
    "aria-keyshortcuts": movable ? "Alt+ArrowUp Alt+ArrowDown" : undefined,
    onDragStart: movable
      ? (event: DragEvent<HTMLElement>) => {
          event.dataTransfer.setData(DRAG_TYPE, arg.id);
          event.dataTransfer.effectAllowed = "move";
        }
      : undefined,
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = "move";
      event.currentTarget.dataset.drop = zoneOf(event);
    },
    onDragLeave: clearHint,
    onDrop: (event: DragEvent<HTMLElement>) => {
      const id = event.dataTransfer.getData(DRAG_TYPE);
      const zone = zoneOf(event);
      clearHint(event);
      if (!id) return;
      event.preventDefault();
      event.stopPropagation();
      if (id !== arg.id) moves.dropOn(id, arg, zone);
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (!movable || !event.altKey || event.target !== event.currentTarget) return;
      if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
      event.preventDefault();
      moves.reorder(arg, event.key === "ArrowUp" ? -1 : 1);
    },
  };
}
