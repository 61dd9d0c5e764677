"use client";
import { createContext, useContext } from "react";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import type { Argument, Stance } from "@/lib/board/argument";
import type { Peer } from "@/components/sync/useBoard";

/**
 * What every argument card needs from the screen around it. A context, because cards nest to any
 * depth and threading these through each level would bury the card's own props.
 */
export interface BoardUi {
  now: number;
  /** Other people (not this person's own tabs) editing each argument, by argument id. */
  editorsById: ReadonlyMap<string, Peer[]>;
  /** The card just jumped to, to flash it. */
  flashedCardId: string | null;
  /** The argument this screen is editing, if any. */
  editingId: string | null;
  reply(parent: Argument, stance: Stance): void;
  edit(argument: Argument): void;
  askDelete(argument: Argument): void;
  showQuote(quote: QuoteAnchor): void;
  startNew(positionId: string, stance: Stance): void;
  /** The argument selected on the map, a card or a quote; the map, the columns and the article all show it. */
  selectedArgumentId: string | null;
  selectArgument(id: string | null): void;
}

export const BoardUiContext = createContext<BoardUi | null>(null);

export function useBoardUi(): BoardUi {
  const ui = useContext(BoardUiContext);
  if (!ui) throw new Error("useBoardUi must be used inside <BoardUiContext.Provider>");
  return ui;
}
