/**
 * Issue 7, item 5: a database that said no is not a database that is down. PostgreSQL refusing a
 * write (a duplicate key, a trigger) is reported as `storage-refused` (not retryable, logged with its
 * cause); a connection that dies or a database that stops is `storage-unavailable` (retry). Through
 * the room, a refused update is neither applied nor broadcast.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { readArgument } from "@/lib/board/doc";
import { ParleyError } from "@/lib/errors/errors";
import { syncUpdate } from "@/lib/protocol/sync-messages";
import { EVENTS } from "@/lib/protocol/protocol";
import type { RunningParley } from "@/server/parley";
import type { BoardStore } from "@/server/persistence/board-store";
import { addTestArgument, boardAsStored, createArticleBoard, openClient, type TestClient } from "./support/board";
import { createTestDatabase, queryDatabase, setDatabaseReachable, withAdmin, terminateConnections, type TestDatabase } from "./support/database";
import { RawClient } from "./support/raw-client";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

/** The ParleyError code a store call failed with. */
async function failureOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (ParleyError.is(error)) return error.code;
    throw error;
  }
  throw new Error("expected the store call to fail");
}

describe("storage failures: refused versus unavailable", () => {
  let db: TestDatabase;
  let server: RunningParley;
  let store: BoardStore;
  const logged: string[] = [];
  const clients: (TestClient | RawClient)[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
    store = server.context.store;
    vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void logged.push(parts.map(String).join(" ")));
    // A trigger that refuses every log entry after the first (the board's creation) of boards whose
    // title says so, or stalls it.
    await queryDatabase(
      db.url,
      `CREATE FUNCTION refuse_update() RETURNS trigger AS $$
       BEGIN
         IF NEW.seq = 1 THEN RETURN NEW; END IF;
         IF EXISTS (SELECT 1 FROM boards WHERE id = NEW.board_id AND title = 'Refuses updates') THEN
           RAISE EXCEPTION 'board % is archived', NEW.board_id;
         END IF;
         IF EXISTS (SELECT 1 FROM boards WHERE id = NEW.board_id AND title = 'Stalls updates') THEN
           PERFORM pg_sleep(30);
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql;
       CREATE TRIGGER refuse_update BEFORE INSERT ON board_updates FOR EACH ROW EXECUTE FUNCTION refuse_update();`,
    );
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client instanceof RawClient ? client.close() : client.destroy();
  });
  afterAll(async () => {
    if (db) await setDatabaseReachable(db.name, true);
    await server?.close();
    await db?.drop();
    vi.restoreAllMocks();
  });

  it("reports a duplicate key as refused, and logs its cause", async () => {
    const boardId = await createArticleBoard(store);
    const board = (await store.getBoard(boardId))!;
    const duplicate = store.createBoard({ id: boardId, title: "Twin", joinCode: "TWIN99", sourceId: board.sourceId, initialUpdate: new Uint8Array([0, 0]) });
    expect(await failureOf(duplicate)).toBe("storage-refused");
    expect(logged.some((line) => line.includes("database refused") && line.includes("23505"))).toBe(true);
  });

  it("reports a trigger's RAISE as refused", async () => {
    const boardId = await createArticleBoard(store, "Refuses updates");
    expect(await failureOf(store.appendUpdate(boardId, new Uint8Array([0, 0])))).toBe("storage-refused");
    expect(logged.some((line) => line.includes("P0001") && line.includes("is archived"))).toBe(true);
  });

  it("reports a connection terminated mid-statement as unavailable", async () => {
    const boardId = await createArticleBoard(store, "Stalls updates");
    const append = failureOf(store.appendUpdate(boardId, new Uint8Array([0, 0])));
    await waitFor(
      async () => (await queryDatabase(db.url, `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'PgSleep'`, [db.name])).length > 0,
      { message: "the append to stall in the trigger" },
    );
    await withAdmin((admin) => terminateConnections(admin, db.name));
    expect(await append).toBe("storage-unavailable");
  });

  it("reports a stopped database as unavailable", async () => {
    const boardId = await createArticleBoard(store);
    await setDatabaseReachable(db.name, false);
    try {
      expect(await failureOf(store.appendUpdate(boardId, new Uint8Array([0, 0])))).toBe("storage-unavailable");
    } finally {
      await setDatabaseReachable(db.name, true);
    }
  });

  it("answers a sync update the database refuses with storage-refused (retry: false), applying and broadcasting nothing", async () => {
    const boardId = await createArticleBoard(store, "Refuses updates");
    const watcher = await openClient(server.url, boardId);
    const raw = await RawClient.connect(server.url);
    clients.push(watcher, raw);
    const doc = await raw.joinAndLoad(boardId);
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    const argument = addTestArgument(doc, { text: "Stored nowhere." });

    const ack = await raw.request(EVENTS.sync, syncUpdate(Y.mergeUpdates(updates)));
    expect(ack).toMatchObject({ ok: false, code: "storage-refused", retry: false });
    const room = (await server.context.rooms.peek(boardId))!;
    expect(readArgument(room.doc, argument.id)).toBeNull();
    expect(room.trialDiffersFromLive()).toBe(false);
    expect((await boardAsStored(store, boardId)).arguments).toEqual([]);
    // The watcher is sent nothing: one more round trip through the room, then check.
    expect(await openClient(server.url, boardId).then((c) => (clients.push(c), readArgument(c.doc, argument.id)))).toBeNull();
    expect(readArgument(watcher.doc, argument.id)).toBeNull();
  });
});
