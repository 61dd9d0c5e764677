/**
 * A cold board's fresh joiner is answered from the stored bytes as soon as they are read and the join
 * is decided, while the room's document is still being built (docs/protocol.md, "Joining"). Over real
 * Socket.io and PostgreSQL, with the build held by the test: the joiner gets exactly the stored board,
 * an edit committed while the document is built reaches it after that Step 2, a client holding
 * something waits for the build, and a load that fails refuses cleanly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { readArgument } from "@/lib/board/doc";
import { ParleyError } from "@/lib/errors/errors";
import { EVENTS, PROTOCOL_VERSION, type JoinAck, type UpdateAck } from "@/lib/protocol/protocol";
import { SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE, decodeSyncMessage, syncStep1, syncUpdate } from "@/lib/protocol/sync-messages";
import type { RunningParley } from "@/server/parley";
import { BoardRoom } from "@/server/sync/board-room";
import { addTestArgument, createArticleBoard } from "./support/board";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { RawClient } from "./support/raw-client";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

let db: TestDatabase;
let server: RunningParley;
const open: RawClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startSyncServer({ databaseUrl: db.url });
});
afterEach(() => {
  for (const client of open.splice(0)) client.close();
  vi.restoreAllMocks();
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

async function raw(): Promise<RawClient> {
  const client = await RawClient.connect(server.url);
  open.push(client);
  return client;
}

/** Holds the next room's build (BoardRoom's first step) until released. */
function holdNextBuild() {
  const prototype = BoardRoom.prototype as unknown as { build(parts: Uint8Array[]): Promise<void> };
  const original = prototype.build;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  vi.spyOn(prototype, "build").mockImplementationOnce(async function (this: unknown, parts: Uint8Array[]) {
    await gate;
    return original.call(this, parts);
  });
  return release;
}

/** Join and Step 1 back to back, as BoardClient sends them; `holding` is the document the Step 1 describes. */
function joinWithStep1(client: RawClient, boardId: string, holding: Y.Doc = new Y.Doc()) {
  const joined = client.request<JoinAck>(EVENTS.join, { protocol: PROTOCOL_VERSION, boardId });
  const step1 = client.request<UpdateAck>(EVENTS.sync, syncStep1(holding));
  return { joined, step1 };
}

const messages = (client: RawClient) => client.sync.map((frame) => decodeSyncMessage(frame));
const step2Of = (client: RawClient) => messages(client).find((m) => m?.type === SYNC_STEP_2) as { update: Uint8Array } | undefined;

describe("a cold board's fresh joiner", () => {
  it("gets exactly the stored board while the document is still being built, and the server's Step 1 once built", async () => {
    const boardId = await createArticleBoard(server.context.store, "Cold join");
    const [stored] = (await server.context.store.loadBoardState(boardId)).parts;
    const release = holdNextBuild();
    const alice = await raw();
    const { joined, step1 } = joinWithStep1(alice, boardId);
    expect(await joined).toMatchObject({ ok: true });
    expect(await step1).toEqual({ ok: true });
    const step2 = await waitFor(() => step2Of(alice), { message: "the Step 2 from the stored bytes" });
    expect(Buffer.from(step2.update).equals(Buffer.from(stored))).toBe(true);
    expect(messages(alice).map((m) => m?.type)).toEqual([SYNC_STEP_2]); // the server's Step 1 needs the document
    const room = await server.context.rooms.enter(boardId);
    expect(room.earlyAnswers).toBe(1);
    release();
    await room.built;
    await waitFor(() => messages(alice).length === 2, { message: "the server's Step 1" });
    expect(messages(alice).map((m) => m?.type)).toEqual([SYNC_STEP_2, SYNC_STEP_1]);
  });

  it("an edit committed while the document is built reaches the early joiner after its Step 2", async () => {
    const boardId = await createArticleBoard(server.context.store, "Cold join, edited at once");
    const release = holdNextBuild();
    const [alice, bob] = [await raw(), await raw()];
    for (const client of [alice, bob]) {
      const { joined } = joinWithStep1(client, boardId);
      expect(await joined).toMatchObject({ ok: true });
    }
    const bobDoc = new Y.Doc();
    Y.applyUpdate(bobDoc, (await waitFor(() => step2Of(bob), { message: "Bob's Step 2" })).update);
    await waitFor(() => step2Of(alice), { message: "Alice's Step 2" });
    const updates: Uint8Array[] = [];
    bobDoc.on("update", (update: Uint8Array) => updates.push(update));
    const written = addTestArgument(bobDoc, { text: "Written while the server builds its copy." });
    const saved = bob.request<UpdateAck>(EVENTS.sync, syncUpdate(Y.mergeUpdates(updates)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await saved).toEqual({ ok: true });
    await waitFor(() => messages(alice).some((m) => m?.type === SYNC_UPDATE), { message: "Bob's edit at Alice's" });
    const types = messages(alice).map((m) => m?.type);
    expect(types.indexOf(SYNC_STEP_2)).toBe(0);
    const aliceDoc = new Y.Doc();
    for (const message of messages(alice)) if (message && message.type !== SYNC_STEP_1) Y.applyUpdate(aliceDoc, message.update);
    expect(readArgument(aliceDoc, written.id)?.text).toBe(written.text);
  });

  it("a client holding something waits for the build, and is answered from the document", async () => {
    const boardId = await createArticleBoard(server.context.store, "Cold join, returning client");
    const holding = new Y.Doc();
    for (const part of (await server.context.store.loadBoardState(boardId)).parts) Y.applyUpdate(holding, part);
    const release = holdNextBuild();
    const carol = await raw();
    const { joined, step1 } = joinWithStep1(carol, boardId, holding);
    expect(await joined).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(carol.sync).toEqual([]);
    release();
    expect(await step1).toEqual({ ok: true });
    await waitFor(() => messages(carol).length === 2, { message: "Carol's Step 2 and the server's Step 1" });
    expect(messages(carol).map((m) => m?.type)).toEqual([SYNC_STEP_2, SYNC_STEP_1]);
    expect((await server.context.rooms.acquire(boardId)).earlyAnswers).toBe(0);
  });
});

describe("a cold load that fails", () => {
  it("a failed read refuses the join and its Step 1, sends nothing of the board, and the next join loads it", async () => {
    const boardId = await createArticleBoard(server.context.store, "Cold join, database down");
    const { store } = server.context;
    const down = vi.spyOn(store, "loadBoardState").mockRejectedValue(new ParleyError("storage-unavailable", "Test: the read failed."));
    const dave = await raw();
    const { joined, step1 } = joinWithStep1(dave, boardId);
    expect(await joined).toMatchObject({ ok: false, code: "storage-unavailable", retry: true });
    expect(await step1).toMatchObject({ ok: false, code: "not-joined" });
    expect(dave.sync).toEqual([]);
    expect(dave.socket.connected).toBe(true);
    down.mockRestore();
    const again = joinWithStep1(dave, boardId);
    expect(await again.joined).toMatchObject({ ok: true });
    await waitFor(() => step2Of(dave), { message: "the Step 2 after the retry" });
  });

  it("stored bytes that do not build: the early joiner is told and disconnected, and the board is read again next time", async () => {
    const boardId = await createArticleBoard(server.context.store, "Cold join, broken bytes");
    const { store } = server.context;
    vi.spyOn(store, "loadBoardState").mockResolvedValueOnce({ parts: [new Uint8Array([5, 200, 1])], logLength: 1, latestSeq: 1 });
    const release = holdNextBuild();
    const erin = await raw();
    const { joined } = joinWithStep1(erin, boardId);
    expect(await joined).toMatchObject({ ok: true });
    await waitFor(() => step2Of(erin), { message: "the Step 2 from the stored bytes" });
    release();
    expect(await erin.nextError()).toMatchObject({ code: "internal" });
    await erin.disconnected();
    const frank = await raw();
    const again = joinWithStep1(frank, boardId);
    expect(await again.joined).toMatchObject({ ok: true });
    await waitFor(() => step2Of(frank), { message: "the Step 2 of a fresh load" });
  });
});
