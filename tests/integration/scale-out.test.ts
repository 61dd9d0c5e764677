/**
 * Two sync servers behind one load balancer: same PostgreSQL database, rooms shared through Redis.
 * An edit or a presence change on one server reaches clients of the other live.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import type { RunningParley } from "@/server/parley";
import { PAK_MILITARY, BOB, addTestArgument, boardAsStored, createArticleBoard, openClient, saved, sees, type TestClient } from "./support/board";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { REDIS_URL, requireRedis } from "./support/redis";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

const PRESENCE = { user: { id: "user-alice", name: "Alice", color: "#0f766e" }, editing: null };

describe("scale-out: two servers sharing PostgreSQL and Redis", () => {
  let db: TestDatabase;
  let serverA: RunningParley;
  let serverB: RunningParley;
  let boardId: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    await requireRedis(REDIS_URL);
    db = await createTestDatabase();
    serverA = await startSyncServer({ databaseUrl: db.url, redisUrl: REDIS_URL });
    serverB = await startSyncServer({ databaseUrl: db.url, redisUrl: REDIS_URL });
    // A board of its own, so nothing else on this Redis can be confused with it.
    boardId = await createArticleBoard(serverA.context.store, `Scale-out ${db.name}`);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await serverA?.close();
    await serverB?.close();
    await db?.drop();
  });

  async function client(server: RunningParley): Promise<TestClient> {
    const opened = await openClient(server.url, boardId);
    clients.push(opened);
    return opened;
  }

  it("an edit saved through server A reaches a client of server B live, and back", async () => {
    const alice = await client(serverA);
    const bob = await client(serverB);

    const fromA = addTestArgument(alice.doc, { text: "Posted through server A." });
    await saved(alice);
    expect(await sees(bob, fromA.id)).toEqual(fromA);

    const fromB = addTestArgument(bob.doc, { parentId: PAK_MILITARY, text: "Posted through server B.", author: BOB });
    await saved(bob);
    await sees(alice, fromB.id);
    expect(readBoard(alice.doc)).toEqual(readBoard(bob.doc));

    // Each edit was saved once, by the server that accepted it.
    const stored = await boardAsStored(serverA.context.store, boardId);
    expect(stored).toEqual(readBoard(alice.doc));
    expect((await serverA.context.store.loadBoardState(boardId)).logLength).toBe(3);
  });

  it("presence set on server A shows at server B and goes when the client leaves", async () => {
    const alice = await client(serverA);
    const bob = await client(serverB);
    alice.setPresence(PRESENCE);
    expect(await waitFor(() => bob.awareness.getStates().get(alice.doc.clientID), { message: "Alice's presence on server B" })).toEqual(PRESENCE);

    alice.destroy();
    await waitFor(() => !bob.awareness.getStates().has(alice.doc.clientID), { message: "Alice's presence to go on server B" });
  });
});
