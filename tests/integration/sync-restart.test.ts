/**
 * What the server saved is what the next server serves: restart on the same PostgreSQL database,
 * with and without the update log having been compacted into a snapshot.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import type { RunningParley } from "@/server/parley";
import { PAK_MILITARY, addTestArgument, boardAsServedBy, boardAsStored, createArticleBoard, openClient, saved, type TestClient } from "./support/board";
import { createTestDatabase, queryDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

describe("sync: unloading and restarting", () => {
  let db: TestDatabase;
  const servers: RunningParley[] = [];
  const clients: TestClient[] = [];

  async function start(options: { compactEvery?: number; idleUnloadMs?: number } = {}): Promise<RunningParley> {
    const server = await startSyncServer({ databaseUrl: db.url, ...options });
    servers.push(server);
    return server;
  }

  async function client(server: RunningParley, boardId: string): Promise<TestClient> {
    const opened = await openClient(server.url, boardId);
    clients.push(opened);
    return opened;
  }

  /** Adds `count` arguments one by one, each acknowledged before the next (one log row each). */
  async function addArguments(client: TestClient, count: number, label: string): Promise<void> {
    for (let i = 0; i < count; i++) {
      addTestArgument(client.doc, { text: `${label} ${i}`, parentId: i % 2 ? PAK_MILITARY : undefined });
      await saved(client);
    }
  }

  const count = async (table: "board_updates" | "board_snapshots", boardId: string) =>
    Number((await queryDatabase<{ n: string }>(db.url, `SELECT count(*) AS n FROM ${table} WHERE board_id = $1`, [boardId]))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.close();
  });
  afterAll(() => db?.drop());

  it("a new server on the same database serves the same board", async () => {
    const first = await start();
    const boardId = await createArticleBoard(first.context.store);
    const alice = await client(first, boardId);
    await addArguments(alice, 3, "Said before the restart");
    const before = readBoard(alice.doc);
    expect(before.arguments).toHaveLength(3);
    alice.destroy();
    await first.close();

    const second = await start();
    expect(await boardAsServedBy(second.url, boardId)).toEqual(before);
  });

  it("unloads a room nobody is in, compacting it, and reloads the same board for the next visitor", async () => {
    const server = await start({ idleUnloadMs: 0 });
    const boardId = await createArticleBoard(server.context.store);
    const alice = await client(server, boardId);
    await addArguments(alice, 2, "Said before everyone left");
    const before = readBoard(alice.doc);
    expect(server.context.rooms.loadedBoardIds()).toContain(boardId);

    alice.destroy();
    await waitFor(() => !server.context.rooms.loadedBoardIds().includes(boardId), { message: "the idle room to unload" });
    await waitFor(async () => (await count("board_snapshots", boardId)) === 1, { message: "the unload's compaction" });
    expect(await count("board_updates", boardId)).toBe(0);
    expect(await boardAsServedBy(server.url, boardId)).toEqual(before);
  });

  it("compacts the log every few updates and the compacted board survives a restart", async () => {
    const first = await start({ compactEvery: 3 });
    const boardId = await createArticleBoard(first.context.store);
    const alice = await client(first, boardId);
    await addArguments(alice, 10, "Compacted argument");
    const before = readBoard(alice.doc);
    expect(before.arguments).toHaveLength(10);

    // Compaction runs after the ack that triggered it; wait for it rather than for a fixed time.
    await waitFor(async () => (await count("board_updates", boardId)) < 3, { message: "the log to be compacted" });
    expect(await count("board_snapshots", boardId)).toBe(1);
    expect(await boardAsStored(first.context.store, boardId)).toEqual(before);

    alice.destroy();
    await first.close(); // closing compacts whatever is left
    expect(await count("board_updates", boardId)).toBe(0);

    const second = await start({ compactEvery: 3 });
    expect(await boardAsServedBy(second.url, boardId)).toEqual(before);
    // Editing continues on top of the snapshot.
    const bob = await client(second, boardId);
    await addArguments(bob, 1, "After the restart");
    expect((await boardAsStored(second.context.store, boardId)).arguments).toHaveLength(11);
  });
});
