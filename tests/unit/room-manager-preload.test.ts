/**
 * RoomManager.preload: a join loads its board's room while deciding who is joining. A room nobody
 * then joins unloads once idle like an empty room; one a connection joins stays.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createBoard } from "@/server/boards/create-board";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { RoomManager } from "@/server/sync/room-manager";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { TestConnection } from "./support/test-connection";

const managers: RoomManager[] = [];
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.closeAll();
});

async function setUp() {
  const store = new MemoryBoardStore();
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(store, { title: "Preload", source, positions: demoPositionDrafts() });
  const unloaded: string[] = [];
  const manager = new RoomManager(store, { compactEvery: 10_000, idleUnloadMs: 30, fold: async (parts) => parts[0], onUnload: (id) => unloaded.push(id) });
  managers.push(manager);
  return { manager, boardId: board.id, unloaded };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("room manager: preload", () => {
  it("a preloaded room nobody joins unloads once idle", async () => {
    const { manager, boardId, unloaded } = await setUp();
    manager.preload(boardId);
    expect(manager.loadedBoardIds()).toEqual([boardId]);
    await settle(100);
    expect(unloaded).toEqual([boardId]);
    expect(manager.loadedBoardIds()).toEqual([]);
  });

  it("a preloaded room a connection then joins stays loaded, and is the same room", async () => {
    const { manager, boardId, unloaded } = await setUp();
    manager.preload(boardId);
    const room = await manager.acquire(boardId);
    room.join(new TestConnection("c1", { memberId: null, role: "participant" }, () => undefined));
    await settle(100);
    expect(unloaded).toEqual([]);
    expect(await manager.acquire(boardId)).toBe(room);
  });

  it("a board that does not exist is forgotten, not kept", async () => {
    const { manager } = await setUp();
    manager.preload("no-such-board");
    await settle(20);
    expect(manager.loadedBoardIds()).toEqual([]);
  });
});
