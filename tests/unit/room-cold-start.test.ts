/**
 * A cold board's fresh joiner is answered from the stored bytes while the room's document is still
 * being built (BoardRoom.open, then `built`): exactly the stored board, before any frame of a later
 * commit. Everything else (a client holding something, edits, awareness) waits for the build, a
 * board stored in several parts is answered only once built, and stored bytes that do not build
 * refuse everyone cleanly.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readArgument } from "@/lib/board/doc";
import { SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE, decodeSyncMessage, syncStep1 } from "@/lib/protocol/sync-messages";
import { createBoard } from "@/server/boards/create-board";
import type { BoardStore } from "@/server/persistence/board-store";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { BoardRoom } from "@/server/sync/board-room";
import type { Connection } from "@/server/sync/connection";
import { encodeAwarenessEntries } from "@/server/sync/presence";
import { RoomManager } from "@/server/sync/room-manager";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { addAs } from "./support/room-assertions";
import { RoomClient } from "./support/room-client";
import { TestConnection, type ServerMessage } from "./support/test-connection";

const rooms: BoardRoom[] = [];
afterEach(async () => {
  for (const room of rooms.splice(0)) await room.destroy();
});

async function coldBoard() {
  const store = new MemoryBoardStore();
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(store, { title: "Cold", source, positions: demoPositionDrafts() });
  return { store, boardId: board.id };
}

async function open(store: BoardStore, boardId: string, options: { earlyFlushMs?: number } = {}): Promise<BoardRoom> {
  const room = await BoardRoom.open(boardId, store, { compactEvery: 10_000, ...options });
  rooms.push(room);
  return room;
}

function client(room: BoardRoom, name: string): RoomClient {
  const joined = new RoomClient(room, name, { memberId: `mem-${name.toLowerCase()}`, role: "participant", displayName: name });
  joined.connect();
  return joined;
}

/** Until the room's queue is empty (the build and whatever it held back). */
const idle = async (room: BoardRoom) => {
  while (room.pendingSteps > 0) await new Promise((resolve) => setTimeout(resolve, 1));
};
const syncTypes = (messages: readonly ServerMessage[]) => messages.filter((m) => m.kind === "sync").map((m) => decodeSyncMessage(m.frame)?.type);

describe("a cold board's fresh joiner, answered from the stored bytes", () => {
  it("gets exactly the stored board as its Step 2 before the document is built, and the server's Step 1 after", async () => {
    const { store, boardId } = await coldBoard();
    const [stored] = (await store.loadBoardState(boardId)).parts;
    const room = await open(store, boardId);
    const alice = client(room, "Alice");
    alice.toServer.deliver();
    await alice.settled();
    expect(alice.acksOf("step1")).toEqual([{ ok: true }]);
    expect(room.isBuilt).toBe(false);
    expect(syncTypes(alice.toClient.waiting)).toEqual([SYNC_STEP_2]);
    const step2 = decodeSyncMessage((alice.toClient.waiting[0] as { frame: Uint8Array }).frame);
    expect(step2).toEqual({ type: SYNC_STEP_2, update: stored });
    await idle(room);
    expect(syncTypes(alice.toClient.waiting)).toEqual([SYNC_STEP_2, SYNC_STEP_1]);
    await alice.sync();
    expect(Y.encodeStateAsUpdate(alice.doc)).toEqual(Y.encodeStateAsUpdate(room.doc));
    expect(room.earlyAnswers).toBe(1);
  });

  it("an edit committed while the document was built reaches the early joiner after its Step 2", async () => {
    const { store, boardId } = await coldBoard();
    const room = await open(store, boardId);
    const [alice, bob] = [client(room, "Alice"), client(room, "Bob")];
    alice.toServer.deliver();
    bob.toServer.deliver();
    await Promise.all([alice.settled(), bob.settled()]);
    expect(room.earlyAnswers).toBe(2);
    bob.toClient.flush(); // Bob has the stored board and writes on it at once
    const written = addAs(bob, "Written while the server builds its copy.");
    bob.toServer.flush(); // queued behind the build
    await bob.settled();
    expect(bob.acksOf("update")).toEqual([{ ok: true }]);
    expect(readArgument(room.doc, written.id)?.text).toBe(written.text);
    const types = syncTypes(alice.toClient.waiting);
    expect(types[0]).toBe(SYNC_STEP_2);
    expect(types).toContain(SYNC_UPDATE);
    await alice.sync();
    expect(readArgument(alice.doc, written.id)?.text).toBe(written.text);
    expect(Y.encodeStateAsUpdate(alice.doc)).toEqual(Y.encodeStateAsUpdate(room.doc));
  });

  it("a client holding something waits for the build, and is answered from the document", async () => {
    const { store, boardId } = await coldBoard();
    const holder = new Y.Doc();
    for (const part of (await store.loadBoardState(boardId)).parts) Y.applyUpdate(holder, part);
    const room = await open(store, boardId);
    const carol = new TestConnection("carol", { memberId: "mem-carol", role: "participant" }, () => {});
    room.join(carol);
    const answered = room.handleSync(carol, syncStep1(holder));
    expect(carol.toClient.size).toBe(0);
    expect(await answered).toEqual({ ok: true });
    expect(room.isBuilt).toBe(true);
    expect(syncTypes(carol.toClient.waiting)).toEqual([SYNC_STEP_2, SYNC_STEP_1]);
    expect(room.earlyAnswers).toBe(0);
  });

  it("a board stored in several parts is answered only once built (no merge on the event loop)", async () => {
    const { store, boardId } = await coldBoard();
    const writer = new Y.Doc();
    for (const part of (await store.loadBoardState(boardId)).parts) Y.applyUpdate(writer, part);
    const updates: Uint8Array[] = [];
    writer.on("update", (update: Uint8Array) => updates.push(update));
    writer.getMap("meta").set("title", "Renamed in the log");
    await store.appendUpdate(boardId, updates[0], null);
    const room = await open(store, boardId);
    const alice = client(room, "Alice");
    alice.toServer.deliver();
    await alice.settled();
    expect(room.earlyAnswers).toBe(0);
    await alice.sync();
    expect(alice.doc.getMap("meta").get("title")).toBe("Renamed in the log");
  });

  it("presence frames sent before the build wait for it (the anonymity rule is read from the board)", async () => {
    const { store, boardId } = await coldBoard();
    const room = await open(store, boardId);
    const dave = new TestConnection("dave", { memberId: "mem-dave", role: "participant" }, () => {});
    room.join(dave);
    const garbage = new Uint8Array([1, 2, 3]);
    room.handleAwareness(dave, garbage);
    expect(dave.toClient.size).toBe(0);
    await room.built;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dave.toClient.waiting.map((m) => m.kind)).toEqual(["error"]);
  });

  it("drops a presence frame that waited for the build if its connection left meanwhile", async () => {
    const { store, boardId } = await coldBoard();
    const room = await open(store, boardId);
    const [erin, frank] = ["erin", "frank"].map((name) => new TestConnection(name, { memberId: `mem-${name}`, role: "participant", displayName: name === "erin" ? "Erin" : "Frank" }, () => {}));
    room.join(erin);
    room.join(frank);
    const state = { user: { id: "mem-erin", name: "Erin", color: "#123456" }, editing: null };
    room.handleAwareness(erin, encodeAwarenessEntries([{ clientId: 4242, clock: 1, state }]));
    room.leave(erin.id);
    await room.built;
    await new Promise((resolve) => setImmediate(resolve));
    expect(frank.toClient.waiting.filter((m) => m.kind === "awareness")).toEqual([]); // no ghost of Erin
  });

  it("waits for the early answers to leave before the build, at most earlyFlushMs", async () => {
    const { store, boardId } = await coldBoard();
    const room = await open(store, boardId, { earlyFlushMs: 60_000 });
    let release = () => {};
    const erin = new TestConnection("erin", { memberId: "mem-erin", role: "participant" }, () => {});
    (erin as Connection).flushed = () => new Promise<void>((resolve) => (release = resolve));
    room.join(erin);
    await room.handleSync(erin, syncStep1(new Y.Doc()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(room.isBuilt).toBe(false);
    release();
    await room.built;

    const bounded = await open(store, boardId, { earlyFlushMs: 10 });
    const frank = new TestConnection("frank", { memberId: "mem-frank", role: "participant" }, () => {});
    (frank as Connection).flushed = () => new Promise<void>(() => {}); // never flushed (a stalled socket)
    bounded.join(frank);
    await bounded.handleSync(frank, syncStep1(new Y.Doc()));
    await bounded.built;
  });
});

describe("a cold board whose stored bytes do not build", () => {
  const broken = (inner: MemoryBoardStore): BoardStore =>
    new Proxy(inner, {
      get(target, property, receiver) {
        if (property === "loadBoardState") return async () => ({ parts: [new Uint8Array([5, 200, 1])], logLength: 1, latestSeq: 1 });
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });

  it("tells and closes the joiner it answered early, refuses every later message, and is forgotten by the manager", async () => {
    const { store, boardId } = await coldBoard();
    const manager = new RoomManager(broken(store), { compactEvery: 10_000, idleUnloadMs: 60_000, fold: async (parts) => parts[0] });
    try {
      const room = await manager.enter(boardId);
      const gina = new TestConnection("gina", { memberId: "mem-gina", role: "participant" }, () => {});
      room.join(gina);
      expect(await room.handleSync(gina, syncStep1(new Y.Doc()))).toEqual({ ok: true });
      await expect(room.built).rejects.toMatchObject({ code: "internal" });
      expect(gina.toClient.waiting.map((m) => m.kind)).toEqual(["sync", "error"]);
      expect(gina.closed).toBe(true);
      expect(room.connections.size).toBe(0);
      expect(await room.handleSync(gina, syncStep1(new Y.Doc()))).toMatchObject({ ok: false, code: "internal" });
      await expect(room.exclusive("command", async () => "ran")).rejects.toMatchObject({ code: "internal" });
      const late = new TestConnection("hal", { memberId: "mem-hal", role: "participant" }, () => {});
      expect(() => room.join(late)).toThrow(/could not be loaded/);
      expect(room.connections.size).toBe(0);
      expect(manager.loadedBoardIds()).toEqual([]);
      await expect(manager.acquire(boardId)).rejects.toMatchObject({ code: "internal" });
    } finally {
      await manager.closeAll();
    }
  });
});
