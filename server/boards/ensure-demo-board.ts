import { DEMO_BOARD_ID, DEMO_JOIN_CODE, demoPositionDrafts, fillDemoBoard, loadDemoSource } from "../../prisma/seed/demo-board";
import type { BoardStore } from "../persistence/board-store";
import { createBoard } from "./create-board";

/** The demo arguments' timestamps: the article's publication day, so the seed is deterministic. */
const DEMO_EPOCH = Date.UTC(2018, 8, 5, 9, 0, 0);

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
      fill: (doc, text) => fillDemoBoard(doc, text, DEMO_EPOCH),
    });
    return true;
  } catch (error) {
    if (await store.getBoard(DEMO_BOARD_ID)) return false;
    throw error;
  }
}
