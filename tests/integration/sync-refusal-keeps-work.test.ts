/**
 * Issue 7, item 8, against a real server: a refused update used to make the client throw away its
 * whole document, and with it the person's other unsent work. Now the other changes are replayed on
 * the server's state and saved, and the person is told exactly which change was refused and why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argumentsMap, readArgument, readBoard, writeRecord } from "@/lib/board/doc";
import { updateArgument } from "@/lib/board/operations";
import type { RunningParley } from "@/server/parley";
import {
  ARTICLE,
  PAK_MILITARY,
  SAMPLE_QUOTE,
  US,
  addTestArgument,
  boardAsStored,
  createArticleBoard,
  openClient,
  quote,
  saved,
  sees,
  type TestClient,
} from "./support/board";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

describe("sync: a refused change keeps the person's other unsent work", () => {
  let db: TestDatabase;
  let server: RunningParley;
  let boardId: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
    boardId = await createArticleBoard(server.context.store, "Refusal board");
  });
  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    await server?.close();
    await db?.drop();
  });

  it("saves the edits made around a refused one (offline, sent together) and names the refused one", async () => {
    const [alice, bob] = [await openClient(server.url, boardId), await openClient(server.url, boardId)];
    clients.push(alice, bob);
    const own = addTestArgument(alice.doc, { text: "Alice's first point." });
    await saved(alice);

    const socket = alice["socket"];
    socket.disconnect();
    await waitFor(() => alice.status === "offline", { message: "Alice to go offline" });
    // A record the model would never write (as a buggy editor might): empty text.
    const broken = { id: "arg-broken-one", positionId: US, parentId: US, stance: "for", text: " ", quotes: [quote(SAMPLE_QUOTE)], authorId: "user-alice", authorName: "Alice", createdAt: 1, updatedAt: 1 };
    alice.doc.transact(() => writeRecord(argumentsMap(alice.doc), broken.id, broken));
    expect(updateArgument(alice.doc, ARTICLE, own.id, { text: "Alice's first point, sharpened offline." }).ok).toBe(true);
    const later = addTestArgument(alice.doc, { parentId: PAK_MILITARY, stance: "against", text: "Alice's offline rebuttal." });
    expect(alice.pending).toBe(3);

    let resets = 0;
    alice.on("reset", () => resets++);
    socket.connect();
    await waitFor(() => resets === 1, { message: "Alice's client to rebuild after the refusal" });
    await sees(bob, later.id);
    await saved(alice);

    expect(alice.errors).toHaveLength(1);
    expect(alice.errors[0]).toMatchObject({ code: "update-rejected", details: { argumentId: broken.id, kept: 2 } });
    expect(alice.errors[0].message).toMatch(/^Your new argument was not saved: .+ Your other 2 changes are kept\.$/);

    const stored = await boardAsStored(server.context.store, boardId);
    expect(stored.arguments.map((a) => a.id).sort()).toEqual([own.id, later.id].sort());
    expect(stored.arguments.find((a) => a.id === own.id)?.text).toBe("Alice's first point, sharpened offline.");
    expect(readArgument(alice.doc, broken.id)).toBeNull();
    await waitFor(() => readArgument(bob.doc, own.id)?.text === "Alice's first point, sharpened offline.", { message: "Bob to see the edit" });
    for (const client of [alice, bob]) expect(readBoard(client.doc)).toEqual(stored);
    expect(bob.errors).toEqual([]);
  });
});
