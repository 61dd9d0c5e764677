/**
 * Loading a room reads the board's document at the same time as its row and source (one wait for the
 * largest read on a cold board, not three reads in a row), and still reports a board that is not there.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readBoard } from "@/lib/board/doc";
import { createBoard } from "@/server/boards/create-board";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { BoardRoom } from "@/server/sync/board-room";
import type { HandshakeCache } from "@/server/sync/handshake-cache";
import { decodeSyncMessage, syncStep2 } from "@/lib/protocol/sync-messages";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { faultyStore } from "./support/faulty-store";

async function stored() {
  const memory = new MemoryBoardStore();
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(memory, { title: "Load", source, positions: demoPositionDrafts() });
  return { faults: faultyStore(memory), board };
}

describe("BoardRoom.load", () => {
  it("reads the board's row and source while its document is still being read", async () => {
    const { faults, board } = await stored();
    const documentRead = faults.holdNext("loadBoardState");
    const loading = BoardRoom.load(board.id, faults.store, { compactEvery: 1000 });
    await documentRead.reached;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(faults.calls.get("getBoard")).toBe(1);
    expect(faults.calls.get("getSourceDocument")).toBe(1);
    documentRead.release();
    const room = await loading;
    expect(readBoard(room.doc).meta.title).toBe("Load");
    await room.destroy();
  });

  it("reports a board that does not exist, whichever read notices first", async () => {
    const { faults } = await stored();
    await expect(BoardRoom.load("nope", faults.store, { compactEvery: 1000 })).rejects.toMatchObject({ code: "board-not-found" });
  });

  it("answers the first fresh joiner with the stored bytes of a board kept as one part, equal to an encoding of the room's document", async () => {
    const { faults, board } = await stored();
    const room = await BoardRoom.load(board.id, faults.store, { compactEvery: 1000 });
    const [part] = (await faults.store.loadBoardState(board.id)).parts;
    const handshake = (room as unknown as { handshake: HandshakeCache }).handshake;
    const seed = () => (handshake as unknown as { wholeUpdate: Uint8Array | null }).wholeUpdate;
    expect(seed()).toEqual(part);
    const step2 = handshake.step2(Y.encodeStateVector(new Y.Doc()));
    expect(seed()).toBeNull(); // used, rather than an encoding of the document
    expect((decodeSyncMessage(step2) as { update: Uint8Array }).update).toEqual(part);
    expect(step2).toEqual(syncStep2(room.doc));
    await room.destroy();
  });
});
