"use client";
import { createContext, useContext } from "react";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";

/** What the map's node components read from the map around them (the nodes themselves carry only their spec). */
export interface MapUi {
  argumentsById: ReadonlyMap<string, Argument>;
  positionsById: ReadonlyMap<string, Position>;
  /** Direct answers per node: a node with none has nothing to fold. */
  childCount: ReadonlyMap<string, number>;
  toggle(id: string): void;
}

export const MapUiContext = createContext<MapUi | null>(null);

export function useMapUi(): MapUi {
  const ui = useContext(MapUiContext);
  if (!ui) throw new Error("useMapUi must be used inside <MapUiContext.Provider>");
  return ui;
}
