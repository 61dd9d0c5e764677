/**
 * Issue 7's outage scenarios with real clients, a real server and a real PostgreSQL: the database goes
 * away mid-session while one person keeps editing and another opens the board. Nothing acknowledged is
 * lost, the status never says "saved" while acks fail, and every client converges once it is back.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BoardClient } from "@/components/sync/board-client";
import { describeSyncStatus } from "@/components/sync/sync-status";
import { readBoard } from "@/lib/board/doc";
import type { ErrorPayload } from "@/lib/errors/errors";
import { joinBoard } from "@/server/boards/join-board";
import type { RunningParley } from "@/server/parley";
import { addTestArgument, boardAsServedBy, boardAsStored, createArticleBoard, openClient, saved, sees, type TestClient } from "./support/board";
import { createTestDatabase, setDatabaseReachable, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

/** Every status line a client showed, in order (what the person read). */
function watchStatus(client: BoardClient): string[] {
  const shown: string[] = [];
  const record = () => {
    const { text } = describeSyncStatus({ status: client.status, pending: client.pending, retrying: client.retrying });
    if (shown.at(-1) !== text) shown.push(text);
  };
  for (const event of ["status", "pending", "retrying"] as const) client.on(event, record);
  return shown;
}

describe("outage mid-session: editing and joining while the database is down", () => {
  let db: TestDatabase;
  let server: RunningParley;
  let boardId: string;
  const clients: BoardClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
    boardId = await createArticleBoard(server.context.store, "Outage board");
    vi.spyOn(console, "error").mockImplementation(() => {}); // the store logs every failed query
  });
  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    if (db) await setDatabaseReachable(db.name, true);
    await server?.close();
    await db?.drop();
    vi.restoreAllMocks();
  });

  it("keeps unsaved edits honest and pending, lets a newcomer join after the outage, and loses nothing acknowledged", async () => {
    const alice: TestClient = await openClient(server.url, boardId);
    clients.push(alice);
    const shown = watchStatus(alice);
    const before = addTestArgument(alice.doc, { text: "Saved before the outage." });
    await saved(alice);
    const acknowledged = [before.id];

    const carolSeat = await joinBoard(server.context.store, boardId, { displayName: "Carol" });
    await setDatabaseReachable(db.name, false);
    const during = [addTestArgument(alice.doc, { text: "Outage edit one." }), addTestArgument(alice.doc, { text: "Outage edit two." })];
    await waitFor(() => alice.retrying, { message: "Alice's edits to come back not saved" });
    expect(shown.at(-1)).toMatch(/^Not saved yet — retrying \(\d changes?\)$/);
    const fromFailure = shown.length - 1;

    // A guest opening the board during the outage is let in from memory: the board's access fields and
    // its room are loaded, and the room holds only what is stored (not Alice's unsaved edits).
    const dave = new BoardClient(boardId, { url: server.url });
    clients.push(dave);
    await waitFor(() => dave.status === "live" || undefined, { message: "Dave to join from memory" });
    expect(readBoard(dave.doc).arguments.map((a) => a.id)).toEqual([before.id]);

    // Carol, a member, opens it too: her token's row must be read, so she is refused as retryable,
    // connection kept, not stranded.
    const carolErrors: ErrorPayload[] = [];
    const carol = new BoardClient(boardId, { url: server.url, memberToken: carolSeat.memberToken });
    clients.push(carol);
    carol.on("error", (error) => carolErrors.push(error));
    await waitFor(() => carolErrors.length > 0, { message: "Carol's refused join" });
    expect(carolErrors[0]).toMatchObject({ code: "storage-unavailable", retry: true });
    carol.awareness.setLocalState({ user: { id: "user-carol", name: "Carol", color: "#0d9488" }, editing: null });

    await setDatabaseReachable(db.name, true);
    await waitFor(() => alice.status === "live" && alice.pending === 0, { message: "Alice's edits to be saved", timeoutMs: 60_000 });
    acknowledged.push(...during.map((arg) => arg.id));
    await waitFor(() => carol.status === "live", { message: "Carol to join once the database is back", timeoutMs: 60_000 });
    for (const arg of during) await sees(carol, arg.id);

    // "saved" appears only after the last failure was made good, never between.
    const afterFailure = shown.slice(fromFailure);
    expect(afterFailure.indexOf("All changes saved")).toBe(afterFailure.length - 1);

    const stored = await boardAsStored(server.context.store, boardId);
    expect(stored.arguments.map((a) => a.id).sort()).toEqual([...acknowledged].sort());
    await waitFor(() => [...during.map((arg) => arg.id)].every((id) => readBoard(dave.doc).arguments.some((a) => a.id === id)) || undefined, { message: "Dave to receive the edits saved after the outage" });
    for (const client of [alice, carol, dave]) expect(readBoard(client.doc)).toEqual(stored);
    expect(await boardAsServedBy(server.url, boardId)).toEqual(stored);
    expect(carolErrors.every((error) => error.code === "storage-unavailable")).toBe(true);
  });
});
