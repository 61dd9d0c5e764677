/**
 * Duplicating a board draws a fresh join code; when the draw clashes with a stored board the store
 * refuses the write (`storage-refused`) and the duplicate must draw again rather than fail.
 */
import { describe, expect, it } from "vitest";
import { createBoard } from "@/server/boards/create-board";
import { duplicateBoard } from "@/server/boards/duplicate-board";
import { joinBoard } from "@/server/boards/join-board";
import type { TeacherDeps } from "@/server/boards/teacher-context";
import type { BoardStore, NewBoard } from "@/server/persistence/board-store";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";

describe("duplicateBoard", () => {
  it("draws another join code when the first one is already taken", async () => {
    const memory = new MemoryBoardStore();
    const { sha256: _sha, ...source } = loadDemoSource();
    const board = await createBoard(memory, { title: "Period 2", source, positions: demoPositionDrafts(), accessMode: "managed" });
    const invite = (await memory.listInvites(board.id)).find((i) => i.role === "facilitator")!;
    const { memberToken } = await joinBoard(memory, board.id, { displayName: "Ms Rivera", invite: invite.token });

    // Another class takes the very code the duplicate drew, just before the duplicate is stored.
    let clashes = 0;
    const store = new Proxy(memory, {
      get(target, key, receiver) {
        if (key !== "createBoard") return Reflect.get(target, key, receiver);
        return async (input: NewBoard) => {
          if (clashes++ === 0) await createBoard(target, { title: "Period 3", source, positions: demoPositionDrafts(), joinCode: input.joinCode });
          return target.createBoard(input);
        };
      },
    }) as BoardStore;

    const copy = await duplicateBoard({ store } as TeacherDeps, { boardId: board.id, memberToken });

    expect(clashes).toBe(2);
    expect((await memory.getBoard(copy.boardId))?.title).toBe("Period 2 (copy)");
    expect((await memory.getBoardByJoinCode(copy.joinCode))?.id).toBe(copy.boardId);
  });
});
