import { DEMO_BOARD_ID, DEMO_JOIN_CODE, demoPositionDrafts, fillDemoBoard, loadDemoSource } from "../../prisma/seed/demo-board";
import type { BoardStore } from "../persistence/board-store";
import { createBoard } from "./create-board";

/** The demo debate reads as if it happened over the quarter of an hour before the board was created. */
const DEMO_LEAD_MS = 15 * 60_000;

/**
 * Creates the demo board ("demo", /b/demo) unless it exists. Idempotent, also when two processes
 * start at once: the loser of the race finds the winner's board.
 * Returns true when it created the board.
 */
export async function ensureDemoBoard(store: BoardStore): Promise<boolean> {
  if (await store.getBoard(DEMO_BOARD_ID)) return false;
  const { sha256: _sha, ...source } = loadDemoSource();
  try {
    await createBoard(store, {
      id: DEMO_BOARD_ID,
      joinCode: DEMO_JOIN_CODE,
      title: source.title,
      source,
      positions: demoPositionDrafts(),
      fill: (doc, text) => fillDemoBoard(doc, text, Date.now() - DEMO_LEAD_MS),
    });
    return true;
  } catch (error) {
    if (await store.getBoard(DEMO_BOARD_ID)) return false;
    throw error;
  }
}
