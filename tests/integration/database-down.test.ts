/**
 * PostgreSQL goes away while the server runs: health says so, edits are refused with a retryable
 * storage-unavailable (never applied, never broadcast), and once the database is back the client's
 * automatic resync saves the edit without losing anything.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readArgument, readBoard } from "@/lib/board/doc";
import type { RunningParley } from "@/server/parley";
import { addTestArgument, boardAsServedBy, boardAsStored, createArticleBoard, openClient, saved, sees, type TestClient } from "./support/board";
import { createTestDatabase, setDatabaseReachable, type TestDatabase } from "./support/database";
import { RawClient } from "./support/raw-client";
import { fetchHealth, startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

describe("sync: the database becomes unreachable", () => {
  let db: TestDatabase;
  let server: RunningParley;
  let boardId: string;
  let alice: TestClient;
  let bob: TestClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
    boardId = await createArticleBoard(server.context.store);
    [alice, bob] = [await openClient(server.url, boardId), await openClient(server.url, boardId)];
    // The store logs every failed query; the outage is the point of this suite.
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterAll(async () => {
    alice?.destroy();
    bob?.destroy();
    if (db) await setDatabaseReachable(db.name, true);
    await server?.close();
    await db?.drop();
    vi.restoreAllMocks();
  });

  it("refuses edits while it is down and saves them through the client's resync once it is back", async () => {
    const kept = addTestArgument(alice.doc, { text: "Saved before the outage." });
    await saved(alice);
    await sees(bob, kept.id);
    expect((await fetchHealth(server)).status).toBe(200);

    await setDatabaseReachable(db.name, false);
    const health = await fetchHealth(server);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: "degraded", database: { kind: "postgres", reachable: false } });

    const room = (await server.context.rooms.peek(boardId))!;
    const edit = addTestArgument(alice.doc, { text: "Written during the outage." });
    await waitFor(() => alice.errors.length > 0, { message: "the refusal" });
    expect(alice.errors[0]).toMatchObject({ code: "storage-unavailable", retry: true });
    expect(readArgument(room.doc, edit.id)).toBeNull(); // not applied…
    expect(readArgument(bob.doc, edit.id)).toBeNull(); // …so not broadcast either

    await setDatabaseReachable(db.name, true);
    await sees(bob, edit.id); // the client retries about two seconds after a retryable refusal
    await saved(alice);
    expect((await fetchHealth(server)).status).toBe(200);

    const stored = await boardAsStored(server.context.store, boardId);
    expect(stored.arguments.map((a) => a.id)).toEqual([kept.id, edit.id]);
    expect(stored).toEqual(readBoard(alice.doc));
    expect(await boardAsServedBy(server.url, boardId)).toEqual(stored);
    expect(bob.errors).toEqual([]);
  });

  it("refuses a join while it is down with a retryable error, and the same connection can join once it is back", async () => {
    const unloaded = await createArticleBoard(server.context.store, "Nobody has opened this board yet");
    const raw = await RawClient.connect(server.url);
    try {
      await setDatabaseReachable(db.name, false);
      expect(await raw.join(unloaded)).toMatchObject({ ok: false, code: "storage-unavailable", retry: true });
      expect(server.context.rooms.loadedBoardIds()).not.toContain(unloaded); // a failed load is not cached

      await setDatabaseReachable(db.name, true);
      expect(await raw.join(unloaded)).toMatchObject({ ok: true, boardId: unloaded });
    } finally {
      raw.close();
    }
  });
});
