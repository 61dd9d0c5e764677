/**
 * Scale-out that cannot silently fall behind (issue 7, item 7): two or three sync servers on one
 * PostgreSQL database, relaying saved updates through Redis with their log seqs. Each test loses a
 * relayed update on purpose (a test hook in the relay, as a Redis hiccup would) and asserts that every
 * acknowledged change reaches every client and a fresh load from the database.
 */
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readBoard, type BoardState } from "@/lib/board/doc";
import type { RunningParley } from "@/server/parley";
import { BOB, PAK_MILITARY, addTestArgument, boardAsServedBy, boardAsStored, createArticleBoard, openClient, saved, sees, type TestClient } from "./support/board";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { REDIS_URL, relayLoss, requireRedis } from "./support/redis";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

describe("scale-out: a lost relay message is noticed and repaired from the database", () => {
  let db: TestDatabase;
  let stream: string;
  /** No periodic check: only a gap seen at the next update can repair a loss. */
  let serverA: RunningParley;
  let serverB: RunningParley;
  /** A periodic check every 100 ms: repairs a loss no later update reveals. */
  let serverC: RunningParley;
  const lossOnB = relayLoss();
  const lossOnC = relayLoss();
  const logOf = { B: [] as string[], C: [] as string[] };
  const clients: TestClient[] = [];

  beforeAll(async () => {
    await requireRedis();
    db = await createTestDatabase();
    stream = `parley:test-relay:${db.name}`; // this suite's own stream: nothing else on this Redis shares it
    serverA = await startSyncServer({ databaseUrl: db.url, redisUrl: REDIS_URL, relayCheckMs: 0, relay: { stream } });
    serverB = await startSyncServer({ databaseUrl: db.url, redisUrl: REDIS_URL, relayCheckMs: 0, relay: { stream, ...lossOnB }, log: (line) => logOf.B.push(line) });
    serverC = await startSyncServer({ databaseUrl: db.url, redisUrl: REDIS_URL, relayCheckMs: 100, relay: { stream, ...lossOnC }, log: (line) => logOf.C.push(line) });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all([serverA?.close(), serverB?.close(), serverC?.close()]);
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del(stream);
    await redis.close();
    await db?.drop();
  });

  async function client(server: RunningParley, boardId: string): Promise<TestClient> {
    const opened = await openClient(server.url, boardId);
    clients.push(opened);
    return opened;
  }

  /** Every client, a fresh client of every server, and a fresh load from the database show `expected`. */
  async function everyoneHas(boardId: string, expected: BoardState, onClients: TestClient[], servers: RunningParley[]): Promise<void> {
    for (const c of onClients) await waitFor(() => equal(readBoard(c.doc), expected), { message: "every client to converge" });
    for (const server of servers) expect(await boardAsServedBy(server.url, boardId)).toEqual(expected);
    expect(await boardAsStored(serverA.context.store, boardId)).toEqual(expected);
  }

  it("(a) without losses, concurrent edits on both servers all arrive everywhere", async () => {
    const boardId = await createArticleBoard(serverA.context.store, "Relay without losses");
    const alice = await client(serverA, boardId);
    const bob = await client(serverB, boardId);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(addTestArgument(alice.doc, { text: `Alice's point ${i}.` }).id);
      ids.push(addTestArgument(bob.doc, { parentId: PAK_MILITARY, text: `Bob's point ${i}.`, author: BOB }).id);
    }
    await Promise.all([saved(alice), saved(bob)]);
    for (const id of ids) await Promise.all([sees(alice, id), sees(bob, id)]);
    await everyoneHas(boardId, readBoard(alice.doc), [alice, bob], [serverA, serverB]);
    expect(logOf.B.filter((line) => line.includes(boardId) && line.includes("relay gap"))).toEqual([]);
  });

  it("(b) a lost update is read from the database when the next one reveals the gap, around a local commit", async () => {
    const boardId = await createArticleBoard(serverA.context.store, "Relay with a lost update");
    const alice = await client(serverA, boardId);
    const bob = await client(serverB, boardId);
    const loss = lossOnB.loseNth(boardId, 2);

    const first = addTestArgument(alice.doc, { text: "Relayed normally." });
    await saved(alice);
    await sees(bob, first.id);
    const lost = addTestArgument(alice.doc, { text: "Its relay to server B is lost." });
    await saved(alice); // acknowledged: it is in the database
    await waitFor(() => loss.dropped.length === 1, { message: "the relay to B to be lost" });
    const roomB = (await serverB.context.rooms.peek(boardId))!;
    expect(roomB.relayPosition().contiguous).toBe(loss.dropped[0] - 1);
    expect(readBoard(bob.doc).arguments.map((a) => a.id)).not.toContain(lost.id);

    // Server B commits an edit of its own above the gap: that is no proof it holds the lost one.
    const own = addTestArgument(bob.doc, { parentId: PAK_MILITARY, text: "Saved by server B meanwhile.", author: BOB });
    await saved(bob);
    await sees(alice, own.id);
    expect(roomB.relayPosition()).toEqual({ contiguous: loss.dropped[0] - 1, above: [loss.dropped[0] + 1] });

    const next = addTestArgument(alice.doc, { text: "Reveals the gap." });
    await saved(alice);
    await Promise.all([sees(bob, lost.id), sees(bob, next.id)]);
    expect(logOf.B.some((line) => line.includes(`relay gap on ${boardId}`))).toBe(true);
    expect(roomB.relayPosition()).toEqual({ contiguous: loss.dropped[0] + 2, above: [] });
    await everyoneHas(boardId, readBoard(alice.doc), [alice, bob], [serverA, serverB]);
  });

  it("(c) when the lost update was the last one, the periodic check catches up", async () => {
    const boardId = await createArticleBoard(serverA.context.store, "Relay losing the last update");
    const alice = await client(serverA, boardId);
    const carol = await client(serverC, boardId);
    const loss = lossOnC.loseNth(boardId, 1);

    const last = addTestArgument(alice.doc, { text: "The last edit of a burst; its relay to server C is lost." });
    await saved(alice);
    await waitFor(() => loss.dropped.length === 1, { message: "the relay to C to be lost" });
    await sees(carol, last.id);
    expect(logOf.C.some((line) => line.includes(`relay check on ${boardId}`))).toBe(true);
    await everyoneHas(boardId, readBoard(alice.doc), [alice, carol], [serverA, serverC]);
  });

  it("(d) when compaction folded the lost update away, the snapshot stands in for it", async () => {
    const boardId = await createArticleBoard(serverA.context.store, "Relay losing a compacted update");
    const alice = await client(serverA, boardId);
    const bob = await client(serverB, boardId);
    const loss = lossOnB.loseNth(boardId, 2);

    const first = addTestArgument(alice.doc, { text: "Relayed normally." });
    await saved(alice);
    await sees(bob, first.id);
    const lost = addTestArgument(alice.doc, { text: "Lost on the way to B, then folded into a snapshot." });
    await saved(alice);
    await waitFor(() => loss.dropped.length === 1, { message: "the relay to B to be lost" });
    await (await serverA.context.rooms.peek(boardId))!.compact();
    expect((await serverA.context.store.loadUpdatesAfter(boardId, loss.dropped[0] - 1)).snapshot?.upToSeq).toBe(loss.dropped[0]);

    const next = addTestArgument(alice.doc, { text: "Reveals the gap after the compaction." });
    await saved(alice);
    await Promise.all([sees(bob, lost.id), sees(bob, next.id)]);
    await everyoneHas(boardId, readBoard(alice.doc), [alice, bob], [serverA, serverB]);
  });

  it("a relay reader that loses its Redis connection resumes from its last-seen entry", async () => {
    const boardId = await createArticleBoard(serverA.context.store, "Relay across a reconnect");
    const alice = await client(serverA, boardId);
    const bob = await client(serverB, boardId);
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      // Only this suite's relay readers carry this name: nothing else on a shared Redis is touched.
      const readers = (await redis.clientList()).filter((c) => c.name === `parley-relay-reader@${stream}`);
      expect(readers.length).toBeGreaterThanOrEqual(2);
      for (const reader of readers) await redis.sendCommand(["CLIENT", "KILL", "ID", String(reader.id)]);
    } finally {
      await redis.close();
    }
    await waitFor(() => logOf.B.some((line) => line.startsWith("relay: reading")), { message: "server B's relay reader to notice the lost connection" });
    // Published while the readers reconnect; server B has no periodic check and hears no later update,
    // so only resuming the stream where it stopped can bring this to Bob.
    const during = addTestArgument(alice.doc, { text: "Saved while the relay readers reconnect." });
    await saved(alice);
    await sees(bob, during.id);
    expect(logOf.B.filter((line) => line.includes(`relay gap on ${boardId}`))).toEqual([]);
    await everyoneHas(boardId, readBoard(alice.doc), [alice, bob], [serverA, serverB]);
  });

  it("a malformed relay entry neither crashes a server nor blocks its room", async () => {
    const boardId = await createArticleBoard(serverA.context.store, "Relay with garbage");
    const alice = await client(serverA, boardId);
    const bob = await client(serverB, boardId);
    const nextSeq = (await serverA.context.store.getBoard(boardId))!.updateSeq + 1;
    const realUpdate = Y.encodeStateAsUpdate(alice.doc);
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      await redis.xAdd(stream, "*", { origin: "test", boardId, seq: "not a number", update: "AAAA" });
      await redis.xAdd(stream, "*", { origin: "test", boardId });
      // Well-formed, but the update is cut short: it cannot be decoded.
      const truncated = Buffer.from(realUpdate.subarray(0, Math.floor(realUpdate.byteLength / 2))).toString("base64");
      await redis.xAdd(stream, "*", { origin: "test", boardId, seq: String(nextSeq), update: truncated });
    } finally {
      await redis.close();
    }
    await waitFor(() => logOf.B.filter((line) => line.includes("malformed entry")).length === 2, { message: "server B to refuse the malformed entries" });
    await waitFor(() => logOf.B.some((line) => line.includes(`${boardId}: remote update failed`)), { message: "server B to fail the undecodable update" });

    const after = addTestArgument(alice.doc, { text: "Still relayed after the garbage." });
    await saved(alice);
    await sees(bob, after.id);
    const fromBob = addTestArgument(bob.doc, { parentId: PAK_MILITARY, text: "And server B still accepts edits.", author: BOB });
    await saved(bob);
    await sees(alice, fromBob.id);
    await everyoneHas(boardId, readBoard(alice.doc), [alice, bob], [serverA, serverB]);
  });
});

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
