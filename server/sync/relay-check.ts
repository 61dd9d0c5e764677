import type { BoardStore } from "../persistence/board-store";
import type { RoomManager } from "./room-manager";

export interface RelayCheck {
  /** One round now (tests, and the timer). Resolves when every room was checked; never rejects. */
  runOnce(): Promise<void>;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

/**
 * The periodic half of gap repair: a process that missed the last relayed update of a burst hears
 * no next update to reveal the gap, so every `everyMs` each room with connections compares its
 * contiguous mark with the board's `updateSeq` (one primary-key read) and catches up if behind.
 * Rounds never overlap: the next is scheduled when one ends. `everyMs` 0 turns the timer off.
 */
export function startRelayCheck(
  rooms: Pick<RoomManager, "loadedBoardIds" | "peek">,
  store: Pick<BoardStore, "getBoard">,
  everyMs: number,
  log: (message: string) => void,
): RelayCheck {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let round: Promise<void> = Promise.resolve();

  async function checkRooms(): Promise<void> {
    for (const boardId of rooms.loadedBoardIds()) {
      if (stopped) return;
      try {
        const room = await rooms.peek(boardId);
        if (!room || room.connections.size === 0) continue;
        const board = await store.getBoard(boardId);
        if (board && board.updateSeq > room.relayPosition().contiguous) await room.catchUpTo(board.updateSeq);
      } catch (error) {
        log(`relay check of ${boardId} failed: ${(error as Error).message}`);
      }
    }
  }

  const runOnce = () => (round = round.then(checkRooms));

  function schedule(): void {
    if (stopped || everyMs <= 0) return;
    timer = setTimeout(() => void runOnce().then(schedule), everyMs);
    timer.unref?.();
  }
  schedule();

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
    },
  };
}
