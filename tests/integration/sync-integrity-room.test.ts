/**
 * Issue 7, items 1 and 4: after any message the room handles, its trial copy and its live document are
 * the same (accept, no-op, refusal, storage failure, server change, relayed update), and a step that
 * fails — even one nobody waits on — neither stops the room nor escapes as an unhandled rejection.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { argumentsMap, readArgument, readBoard, writeRecord } from "@/lib/board/doc";
import { deleteArgument } from "@/lib/board/operations";
import { fail } from "@/lib/board/validate";
import { ParleyError } from "@/lib/errors/errors";
import { EVENTS, type UpdateAck } from "@/lib/protocol/protocol";
import { syncUpdate } from "@/lib/protocol/sync-messages";
import { readSession, writeSession } from "@/lib/session/session";
import type { RunningParley } from "@/server/parley";
import type { BoardRoom } from "@/server/sync/board-room";
import { addTestArgument, createArticleBoard, openClient, saved, sees, type TestClient } from "./support/board";
import { createTestDatabase, queryDatabase, type TestDatabase } from "./support/database";
import { RawClient } from "./support/raw-client";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

describe("the room: trial copy and live document never part", () => {
  let db: TestDatabase;
  let server: RunningParley;
  const unhandled: unknown[] = [];
  const serverLog: string[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  const open: { close?(): void; destroy?(): void }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url, log: (line) => void serverLog.push(line) });
    process.on("unhandledRejection", onUnhandled);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const client of open.splice(0)) client.destroy ? client.destroy() : client.close?.();
    expect(unhandled).toEqual([]);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await server?.close();
    await db?.drop();
  });

  /** A board with a raw client that holds a replica of it, and the loaded room. */
  async function board() {
    const boardId = await createArticleBoard(server.context.store);
    const raw = await RawClient.connect(server.url);
    open.push(raw);
    const replica = await raw.joinAndLoad(boardId);
    const room = (await server.context.rooms.peek(boardId))!;
    /** Makes `change` on a copy of the replica and sends it; the replica keeps it only if accepted. */
    const send = async (change: (doc: Y.Doc) => void, base: Y.Doc = replica): Promise<UpdateAck> => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
      const updates: Uint8Array[] = [];
      copy.on("update", (update: Uint8Array) => updates.push(update));
      change(copy);
      const update = Y.mergeUpdates(updates);
      const ack = await raw.request(EVENTS.sync, syncUpdate(update));
      if (ack.ok) Y.applyUpdate(base, update);
      return ack;
    };
    const rows = async () => (await queryDatabase(db.url, "SELECT seq FROM board_updates WHERE board_id = $1", [boardId])).length;
    return { boardId, raw, replica, room, send, rows };
  }

  function expectAgreement(room: BoardRoom): void {
    expect(room.trialDiffersFromLive()).toBe(false);
  }

  it("after accepted, no-op, refused, incomplete and unsaved updates", async () => {
    const { room, replica, send, rows, raw } = await board();

    expect(await send((doc) => addTestArgument(doc, { text: "Accepted." }))).toEqual({ ok: true });
    expectAgreement(room);

    const before = await rows();
    // A Step 2 from a client that is up to date carries nothing new.
    expect(await raw.request(EVENTS.sync, syncUpdate(Y.encodeStateAsUpdate(replica)))).toEqual({ ok: true });
    expect(await rows()).toBe(before);
    expectAgreement(room);

    const refused = await send((doc) => writeRecord(argumentsMap(doc), "arg-empty", { id: "arg-empty", text: "" }));
    expect(refused).toMatchObject({ ok: false, code: "update-rejected" });
    expectAgreement(room);

    // An update whose first half never arrived: the trial copy is left holding pending structs.
    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(replica));
    const halves: Uint8Array[] = [];
    ahead.on("update", (update: Uint8Array) => halves.push(update));
    addTestArgument(ahead, { text: "First half." });
    addTestArgument(ahead, { text: "Second half." });
    expect(await raw.request(EVENTS.sync, syncUpdate(halves[1]))).toMatchObject({ ok: false, code: "resync-required" });
    expectAgreement(room);

    vi.spyOn(server.context.store, "appendUpdates").mockRejectedValueOnce(new ParleyError("storage-unavailable", "The database is down."));
    const unsaved = await send((doc) => addTestArgument(doc, { text: "Not saved." }));
    expect(unsaved).toMatchObject({ ok: false, code: "storage-unavailable" });
    expect(readBoard(room.doc).arguments.map((a) => a.text)).toEqual(["Accepted."]);
    expectAgreement(room);

    vi.spyOn(server.context.store, "appendUpdates").mockRejectedValueOnce(new TypeError("a bug in the store"));
    expect(await send((doc) => addTestArgument(doc, { text: "Hits a bug." }))).toMatchObject({ ok: false, code: "internal" });
    expectAgreement(room);

    expect(await send((doc) => addTestArgument(doc, { text: "Still accepted." }))).toEqual({ ok: true });
    expect(readBoard(room.doc).arguments.map((a) => a.text)).toEqual(["Accepted.", "Still accepted."]);
    expectAgreement(room);
  });

  it("stores and applies an update that only lands in deleted content (the no-op rule)", async () => {
    const { room, replica, send, rows, boardId } = await board();
    let argumentId = "";
    expect(await send((doc) => (argumentId = addTestArgument(doc, { text: "Soon deleted." }).id))).toEqual({ ok: true });
    const argument = { id: argumentId };
    const stale = new Y.Doc();
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(replica));

    const other = await openClient(server.url, boardId);
    open.push(other);
    await sees(other, argument.id);
    deleteArgument(other.doc, argument.id);
    await saved(other);
    expect(readArgument(room.doc, argument.id)).toBeNull();

    // A client that has not heard of the deletion edits the argument: its write lands in deleted content.
    const before = await rows();
    const ack = await send((doc) => (argumentsMap(doc).get(argument.id) as unknown as Y.Map<unknown>).set("text", "Edited too late."), stale);
    expect(ack).toEqual({ ok: true });
    expect(await rows()).toBe(before + 1);
    expect(Y.encodeStateVector(room.doc)).toEqual(Y.encodeStateVector(stale));
    expectAgreement(room);
  });

  it("after server changes that are refused, throw, or cannot be saved", async () => {
    const { room, send } = await board();
    const partial = await room.runServerChange(null, (doc) => {
      writeSession(doc, { voting: { revealed: true } });
      return fail("invalid-argument", "Refused after writing.");
    });
    expect(partial.ok).toBe(false);
    expectAgreement(room);

    await expect(
      room.runServerChange(null, (doc) => {
        writeSession(doc, { voting: { revealed: true } });
        throw new Error("a bug halfway through a change");
      }),
    ).rejects.toThrow("a bug halfway");
    expectAgreement(room);

    vi.spyOn(server.context.store, "appendUpdate").mockRejectedValueOnce(new ParleyError("storage-unavailable", "The database is down."));
    await expect(room.runServerChange(null, (doc) => (writeSession(doc, { voting: { revealed: true } }), { ok: true, value: null }))).rejects.toMatchObject({
      code: "storage-unavailable",
    });
    expect(readSession(room.doc).voting.revealed).toBe(false);
    expectAgreement(room);

    expect(await send((doc) => addTestArgument(doc, { text: "The room still works." }))).toEqual({ ok: true });
    expectAgreement(room);
  });

  it("survives a relayed update that does not apply, and keeps serving", async () => {
    const { room, send, boardId } = await board();
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(() => Y.applyUpdate(new Y.Doc(), garbage)).toThrow();
    void room.applyRemoteUpdate(room.relayPosition().contiguous + 1, garbage);
    expectAgreement(room);

    // A good relayed update after the bad one still arrives, and so do the clients' own edits.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(room.doc));
    const updates: Uint8Array[] = [];
    elsewhere.on("update", (u: Uint8Array) => updates.push(u));
    const relayed = addTestArgument(elsewhere, { text: "Saved by another process." });
    void room.applyRemoteUpdate(room.relayPosition().contiguous + 1, Y.mergeUpdates(updates));
    expect(await send((doc) => addTestArgument(doc, { text: "Sent after the bad frame." }))).toEqual({ ok: true });
    expect(readArgument(room.doc, relayed.id)).not.toBeNull();
    expectAgreement(room);
    const watcher: TestClient = await openClient(server.url, boardId);
    open.push(watcher);
    expect(readBoard(watcher.doc)).toEqual(readBoard(room.doc));
    expect(serverLog.some((line) => line.includes(`${boardId}: remote update failed`))).toBe(true);
  });
});
