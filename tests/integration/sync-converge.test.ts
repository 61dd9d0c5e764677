/**
 * Two real BoardClients on one sync server and PostgreSQL: edits converge, are saved before they are
 * acknowledged, presence comes and goes, and a client that was away catches up by state vector.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { docFromParts } from "@/lib/board/snapshot";
import type { RunningParley } from "@/server/parley";
import { DEMO_BOARD_ID } from "@/prisma/seed/demo-board";
import { BOB, PAK_MILITARY, addTestArgument, boardAsServedBy, openClient, saved, sees, type TestClient } from "./support/board";
import { createTestDatabase, queryDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

const PRESENCE = { user: { id: "user-alice", name: "Alice", color: "#4f46e5" }, editing: null };

describe("sync: two clients on the demo board", () => {
  let db: TestDatabase;
  let server: RunningParley;
  const clients: TestClient[] = [];

  async function client(): Promise<TestClient> {
    const opened = await openClient(server.url, DEMO_BOARD_ID);
    clients.push(opened);
    return opened;
  }

  /** Every stored log row of the demo board, oldest first. */
  const logRows = () => queryDatabase<{ seq: number; data: Buffer }>(db.url, `SELECT seq, data FROM board_updates WHERE board_id = $1 ORDER BY seq`, [DEMO_BOARD_ID]);

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it("both clients receive the demo board", async () => {
    const [alice, bob] = [await client(), await client()];
    expect(readBoard(alice.doc).arguments.length).toBeGreaterThan(5);
    expect(readBoard(bob.doc)).toEqual(readBoard(alice.doc));
  });

  it("converges after one client adds an argument, which is saved before it is acknowledged", async () => {
    const [alice, bob] = [await client(), await client()];
    const rowsBefore = (await logRows()).length;

    const added = addTestArgument(alice.doc, { text: "Aid conditional on results is leverage, not punishment." });
    expect(alice.pending).toBeGreaterThan(0);
    await saved(alice);
    // The ack came back, so the row must already be there: no waiting for it.
    const rows = await logRows();
    expect(rows.length).toBe(rowsBefore + 1);
    expect(readBoard(docFromParts(rows.map((r) => new Uint8Array(r.data)))).arguments.map((a) => a.id)).toContain(added.id);

    expect(await sees(bob, added.id)).toEqual(added);
    expect(readBoard(bob.doc)).toEqual(readBoard(alice.doc));
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });

  it("converges when both clients edit at once", async () => {
    const [alice, bob] = [await client(), await client()];
    const a = addTestArgument(alice.doc, { text: "Alice's concurrent point." });
    const b = addTestArgument(bob.doc, { parentId: PAK_MILITARY, stance: "against", text: "Bob's concurrent point.", author: BOB });
    await Promise.all([saved(alice), saved(bob), sees(alice, b.id), sees(bob, a.id)]);
    expect(readBoard(bob.doc)).toEqual(readBoard(alice.doc));
    expect(await boardAsServedBy(server.url, DEMO_BOARD_ID)).toEqual(readBoard(alice.doc));
  });

  it("shows one client's presence to the other and removes it when that client leaves", async () => {
    const [alice, bob] = [await client(), await client()];
    alice.setPresence(PRESENCE);
    expect(await waitFor(() => bob.awareness.getStates().get(alice.doc.clientID), { message: "Alice's presence at Bob" })).toEqual(PRESENCE);

    // Someone joining later is told who is already there.
    const carol = await client();
    await waitFor(() => carol.awareness.getStates().get(alice.doc.clientID), { message: "Alice's presence at Carol" });

    alice.destroy();
    await waitFor(() => !bob.awareness.getStates().has(alice.doc.clientID), { message: "Alice's presence to go" });
    await waitFor(() => !carol.awareness.getStates().has(alice.doc.clientID), { message: "Alice's presence to go at Carol" });
  });

  it("keeps a client that has not introduced itself when y-protocols renews its empty presence", async () => {
    const [viewer, bob] = [await client(), await client()];
    // What the Awareness timer does every 15 s for a client whose local state is still the default `{}`.
    viewer.awareness.setLocalState(viewer.awareness.getLocalState());
    const added = addTestArgument(viewer.doc, { text: "Still connected after the renewal." });
    await saved(viewer);
    await sees(bob, added.id);
    expect(viewer.status).toBe("live");
    expect(viewer.errors).toEqual([]);
  });

  it("a client that was away catches up, and its offline edit is saved, by the state-vector handshake", async () => {
    const [alice, bob] = [await client(), await client()];
    const bobSocket = bob["socket"];
    bobSocket.disconnect();
    await waitFor(() => bob.status === "offline", { message: "Bob to go offline" });

    const missed = addTestArgument(alice.doc, { text: "Made while Bob was away." });
    await saved(alice);
    const offline = addTestArgument(bob.doc, { parentId: PAK_MILITARY, text: "Written offline by Bob.", author: BOB });
    expect(bob.pending).toBe(1); // nothing can be sent while offline, and nothing unsent counts as saved

    bobSocket.connect();
    await sees(bob, missed.id);
    await sees(alice, offline.id);
    await saved(bob);
    expect(readBoard(bob.doc)).toEqual(readBoard(alice.doc));
    expect((await boardAsServedBy(server.url, DEMO_BOARD_ID)).arguments.map((a) => a.id)).toEqual(
      expect.arrayContaining([missed.id, offline.id]),
    );
  });
});
