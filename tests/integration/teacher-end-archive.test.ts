/**
 * Ending a session and archiving a board: both make the board read-only for everyone but facilitators,
 * enforced by the server on every update and command; both can be undone. Archived boards leave the
 * listings.
 */
import { describe, expect, it } from "vitest";
import { readArgument } from "@/lib/board/doc";
import { updateArgument } from "@/lib/board/operations";
import { readSession } from "@/lib/session/session";
import { handleArchiveBoard, handleEndSession } from "@/server/http/teacher-api";
import { ARTICLE } from "./support/board";
import { post, posted, TEAM_PAK, useManagedBoards, type Table } from "./support/managed-board";
import { expectFacilitatorsOnly, read, request } from "./support/teacher";

const h = useManagedBoards();

const end = (boardId: string, token: string | null, body: unknown) => handleEndSession(request("PUT", token, body), boardId);
const archive = (boardId: string, token: string | null, body: unknown) => handleArchiveBoard(request("PUT", token, body), boardId);

/** Every way a participant can change the board is refused with `forbidden`, and nothing is stored. */
async function expectReadOnlyForParticipants(t: Table, ownId: string, reason: RegExp): Promise<void> {
  const rows = await h.storedRows(t.boardId);
  const { ack } = await post(t.alice);
  expect(ack).toMatchObject({ ok: false, code: "forbidden" });
  expect(ack.ok ? "" : ack.message).toMatch(reason);
  expect((await t.alice.update((doc) => updateArgument(doc, ARTICLE, ownId, { text: "Edited after the end." }))).ack).toMatchObject({ ok: false, code: "forbidden" });
  expect(await t.alice.command({ type: "vote", argumentId: ownId, strength: 4 })).toMatchObject({ ok: false, code: "forbidden" });
  expect(await t.bob.command({ type: "pick-team", teamId: TEAM_PAK })).toMatchObject({ ok: false, code: "forbidden" });
  expect(await h.storedRows(t.boardId)).toEqual(rows);
  expect(await h.server.context.store.listVotes(t.boardId)).toEqual([]);
}

describe("teacher: end the session", () => {
  it("refuses everyone but the board's facilitators", async () => {
    const t = await h.table();
    const foreign = await h.table();
    await expectFacilitatorsOnly(t, foreign, (token) => end(t.boardId, token, { ended: true }));
    expect(readSession(await h.served(t)).status).toEqual({ endedAt: null, archivedAt: null });
  });

  it("makes the board read-only for participants but not for facilitators, and Reopen undoes it", async () => {
    const t = await h.table();
    const own = await posted(t.alice, { text: "Posted in class." });
    const { status, body } = await read(await end(t.boardId, t.facilitator.seat.memberToken, { ended: true }));
    expect(status).toBe(200);
    expect(body.status.endedAt).toEqual(expect.any(Number));
    // Everyone's screen learns it live.
    await t.alice.sessionWhere((s) => s.status?.endedAt === body.status.endedAt, "the session to end");
    await t.observer.sessionWhere((s) => s.status?.endedAt !== null, "the session to end");

    await expectReadOnlyForParticipants(t, own.id, /session has ended/);
    const note = await posted(t.facilitator, { text: "The facilitator's summary after class." });
    expect(await t.facilitator.command({ type: "vote", argumentId: own.id, strength: 5 })).toMatchObject({ ok: true });
    await t.alice.sees(note.id);

    // Ending twice keeps the first time.
    expect((await read(await end(t.boardId, t.facilitator.seat.memberToken, { ended: true }))).body.status.endedAt).toBe(body.status.endedAt);
    expect((await read(await end(t.boardId, t.facilitator.seat.memberToken, { ended: false }))).body.status.endedAt).toBeNull();
    await t.alice.sessionWhere((s) => s.status?.endedAt === null, "the session to reopen");
    await posted(t.alice, { text: "Back in session." });
  });

  it("refuses a malformed body and changes nothing", async () => {
    const t = await h.table();
    for (const body of [{}, { ended: "yes" }, { ended: true, extra: 1 }]) {
      expect(await read(await end(t.boardId, t.facilitator.seat.memberToken, body))).toMatchObject({ status: 400, body: { code: "bad-request" } });
    }
    await posted(t.alice);
  });

  it("a participant's update racing the end is either saved before it or refused after it", async () => {
    const t = await h.table();
    const [sent] = await Promise.all([post(t.alice, { text: "Sent as the bell rings." }), end(t.boardId, t.facilitator.seat.memberToken, { ended: true })]);
    const stored = readSession(await h.served(t));
    expect(stored.status?.endedAt).not.toBeNull();
    const onBoard = readArgument(await h.served(t), sent.value.id) !== null;
    expect(onBoard).toBe(sent.ack.ok);
  });
});

describe("teacher: archive the board", () => {
  it("refuses everyone but the board's facilitators", async () => {
    const t = await h.table();
    const foreign = await h.table();
    await expectFacilitatorsOnly(t, foreign, (token) => archive(t.boardId, token, { archived: true }));
    expect((await h.server.context.store.getBoard(t.boardId))?.archivedAt).toBeNull();
  });

  it("hides the board from listings and makes it read-only for participants; unarchiving restores both", async () => {
    const t = await h.table();
    const own = await posted(t.alice, { text: "Posted before the archive." });
    // Managed boards never reach the public list; the store's listing (what any list is made from) shows the effect.
    const listed = async () => (await h.server.context.store.listRecentBoards(1000)).some((b) => b.id === t.boardId);
    expect(await listed()).toBe(true);

    const { status, body } = await read(await archive(t.boardId, t.facilitator.seat.memberToken, { archived: true }));
    expect(status).toBe(200);
    expect(body.archivedAt).toEqual(expect.any(String));
    expect(await listed()).toBe(false);
    await t.alice.sessionWhere((s) => s.status?.archivedAt !== null, "the board to be archived");
    await expectReadOnlyForParticipants(t, own.id, /archived/);
    await posted(t.facilitator, { text: "Facilitators may still annotate an archived board." });

    expect((await archive(t.boardId, t.facilitator.seat.memberToken, { archived: false })).status).toBe(200);
    expect(await listed()).toBe(true);
    await t.alice.sessionWhere((s) => s.status?.archivedAt === null, "the board to come back");
    await posted(t.alice, { text: "Back from the archive." });
  });
});
