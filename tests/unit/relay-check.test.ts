/** The periodic relay check: which rooms it asks to catch up, and that one failing board stops nothing. */
import { describe, expect, it } from "vitest";
import type { BoardRoom } from "@/server/sync/board-room";
import { startRelayCheck } from "@/server/sync/relay-check";

/** A loaded room as the check sees it: its connections, its contiguous mark, and the catch-ups asked of it. */
function room(boardId: string, contiguous: number, connections: number) {
  const asked: number[] = [];
  return {
    boardId,
    asked,
    connections: { size: connections },
    relayPosition: () => ({ contiguous, above: [] }),
    catchUpTo: async (seq: number) => void asked.push(seq),
  };
}

describe("startRelayCheck", () => {
  it("asks only rooms with connections that are behind the store, and survives a failing read", async () => {
    const rooms = [room("behind", 3, 1), room("current", 5, 2), room("idle", 1, 0), room("unreadable", 1, 1), room("gone", 1, 1)];
    const latest: Record<string, number> = { behind: 5, current: 5, idle: 9, gone: 0 };
    const logged: string[] = [];
    const check = startRelayCheck(
      {
        loadedBoardIds: () => rooms.map((r) => r.boardId),
        peek: async (id) => rooms.find((r) => r.boardId === id) as unknown as BoardRoom,
      },
      {
        getBoard: async (id) => {
          if (id === "unreadable") throw new Error("database down");
          if (id === "gone") return null;
          return { updateSeq: latest[id] } as never;
        },
      },
      0, // no timer: the test runs rounds itself
      (line) => logged.push(line),
    );
    await check.runOnce();
    expect(Object.fromEntries(rooms.map((r) => [r.boardId, r.asked]))).toEqual({ behind: [5], current: [], idle: [], unreadable: [], gone: [] });
    expect(logged).toEqual(["relay check of unreadable failed: database down"]);

    await Promise.all([check.runOnce(), check.runOnce()]); // a second round queues behind the first
    expect(rooms[0].asked).toEqual([5, 5, 5]);
    await check.stop();
  });
});
