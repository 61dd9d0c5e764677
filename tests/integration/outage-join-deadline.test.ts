/**
 * Found by the fault drill (scripts/fault-drill.ts, phase c): a browser that opens a board while the
 * database is down is refused with the retryable storage-unavailable and, keeping its connection,
 * retries with a growing backoff. Once a wait grew past the join deadline the server closed it with
 * "Join a board within 10 s of connecting" and the client started its reconnect backoff from scratch,
 * 15 s after an 8 s outage before it joined. A join the server refused for want of its database is
 * not idling: such a connection is no longer held to the deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@/server/config";
import { startParley, type RunningParley } from "@/server/parley";
import { createArticleBoard } from "./support/board";
import { createTestDatabase, setDatabaseReachable, type TestDatabase } from "./support/database";
import { RawClient } from "./support/raw-client";
import { makeTempDir } from "./support/server";
import { waitFor } from "./support/wait";

describe("join deadline while the database is down", () => {
  const dir = makeTempDir();
  let db: TestDatabase;
  let server: RunningParley;
  let boardId: string;
  const open: RawClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // Create the board through a first server, then take the database away and start the one under test.
    const first = await startParley({ config: loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: db.url, PARLEY_DATA_DIR: dir.path, PARLEY_SEED_DEMO: "0" }), mode: "sync", log: () => {} });
    boardId = await createArticleBoard(first.context.store, "Deadline board");
    await first.close();
    await setDatabaseReachable(db.name, false);
    const config = loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: db.url, PARLEY_DATA_DIR: dir.path, PARLEY_SEED_DEMO: "0", PARLEY_JOIN_DEADLINE_MS: "1500" });
    server = await startParley({ config, mode: "sync", log: () => {}, waitForDatabase: false });
  });
  afterAll(async () => {
    open.forEach((client) => client.close());
    await setDatabaseReachable(db.name, true);
    await server?.close();
    await db?.drop();
    dir.remove();
  });

  it("keeps a connection whose join was refused as storage-unavailable past the deadline, and lets it join once the database is back", async () => {
    const waiting = await RawClient.connect(server.url);
    open.push(waiting);
    expect(await waiting.join(boardId)).toMatchObject({ ok: false, code: "storage-unavailable", retry: true });

    // An idler connected after it is closed by its deadline: by then the waiting client's has passed too.
    const idler = await RawClient.connect(server.url);
    open.push(idler);
    expect(await idler.disconnected()).toBe("io server disconnect");
    expect(idler.errors).toEqual([expect.objectContaining({ code: "not-joined" })]);

    expect(waiting.errors).toEqual([]);
    expect(waiting.socket.connected).toBe(true);
    expect(await waiting.join(boardId)).toMatchObject({ ok: false, code: "storage-unavailable", retry: true });

    await setDatabaseReachable(db.name, true);
    await server.ready;
    const joined = await waitFor(async () => {
      const ack = await waiting.join(boardId);
      return ack.ok ? ack : null;
    }, { timeoutMs: 60_000, intervalMs: 200, message: "the join to succeed once the database is back" });
    expect(joined).toMatchObject({ ok: true });
    expect(waiting.errors).toEqual([]);
  });
});
