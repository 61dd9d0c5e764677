/**
 * Moves through the real sync server and PostgreSQL (issue 10): a move reaches the other client and the
 * store, and two crossing moves made offline (A under B, B under A) end with the second refused as a
 * cycle, its client rebuilt on the server's state, and every copy of the board the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readArguments, readBoard } from "@/lib/board/doc";
import { moveArgument } from "@/lib/board/move";
import type { RunningParley } from "@/server/parley";
import { ARTICLE, PAK_MILITARY, US, addTestArgument, boardAsStored, createArticleBoard, openClient, saved, sees, type TestClient } from "./support/board";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

describe("sync: moving arguments", () => {
  let db: TestDatabase;
  let server: RunningParley;
  let boardId: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
    boardId = await createArticleBoard(server.context.store, "Moves board");
  });
  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    await server?.close();
    await db?.drop();
  });

  async function pair(): Promise<[TestClient, TestClient]> {
    const opened: [TestClient, TestClient] = [await openClient(server.url, boardId), await openClient(server.url, boardId)];
    clients.push(...opened);
    return opened;
  }

  const parentOf = (client: TestClient, id: string) => readArguments(client.doc).find((a) => a.id === id)?.parentId;

  it("a move to another position reaches the other client and the store, replies and all", async () => {
    const [alice, bob] = await pair();
    const thread = addTestArgument(alice.doc, { text: "Aid buys access." });
    const reply = addTestArgument(alice.doc, { parentId: thread.id, stance: "against", text: "Access is not influence." });
    await saved(alice);
    await sees(bob, reply.id);

    expect(moveArgument(alice.doc, ARTICLE, thread.id, { parentId: PAK_MILITARY, stance: "against" }).ok).toBe(true);
    await saved(alice);
    await waitFor(() => parentOf(bob, thread.id) === PAK_MILITARY, { message: "Bob to see the move" });
    const stored = await boardAsStored(server.context.store, boardId);
    expect(stored.arguments.find((a) => a.id === reply.id)).toMatchObject({ parentId: thread.id, positionId: PAK_MILITARY });
    expect(readBoard(bob.doc)).toEqual(stored);
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });

  it("crossing moves made offline: the second to arrive is refused as a cycle and both clients converge", async () => {
    const [alice, bob] = await pair();
    const a = addTestArgument(alice.doc, { text: "Conditions work." });
    const b = addTestArgument(alice.doc, { text: "Conditions backfire." });
    await saved(alice);
    await sees(bob, b.id);

    const aliceSocket = alice["socket"];
    const bobSocket = bob["socket"];
    aliceSocket.disconnect();
    bobSocket.disconnect();
    await waitFor(() => alice.status === "offline" && bob.status === "offline", { message: "both clients to go offline" });
    expect(moveArgument(alice.doc, ARTICLE, a.id, { parentId: b.id }).ok).toBe(true);
    expect(moveArgument(bob.doc, ARTICLE, b.id, { parentId: a.id, stance: "against" }).ok).toBe(true);

    aliceSocket.connect();
    await saved(alice);
    let resets = 0;
    bob.on("reset", () => resets++);
    bobSocket.connect();
    await waitFor(() => resets >= 1, { message: "Bob's client to rebuild after the refusal" });
    await saved(bob);

    expect(bob.errors).toHaveLength(1);
    expect(bob.errors[0]).toMatchObject({ code: "update-rejected" });
    const stored = await boardAsStored(server.context.store, boardId);
    expect(stored.arguments.find((x) => x.id === a.id)?.parentId).toBe(b.id);
    expect(stored.arguments.find((x) => x.id === b.id)?.parentId).toBe(US);
    await waitFor(() => parentOf(bob, a.id) === b.id, { message: "Bob to see Alice's move" });
    for (const client of [alice, bob]) expect(readBoard(client.doc)).toEqual(stored);
  });
});
