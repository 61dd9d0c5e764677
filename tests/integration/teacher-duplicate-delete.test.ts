/**
 * Duplicating a board for the next class (same source, positions and teams; no arguments, no members
 * but the facilitator who asked) and deleting one (confirmed by its title; every row goes; connected
 * people are told and disconnected; the demo board stays).
 */
import { describe, expect, it } from "vitest";
import { readArguments, readPositions } from "@/lib/board/doc";
import { readSession } from "@/lib/session/session";
import { DEMO_BOARD_ID } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { hashToken } from "@/server/boards/join-board";
import { handleDeleteBoard, handleDuplicateBoard } from "@/server/http/teacher-api";
import { loadDemoSource, demoPositionDrafts } from "@/prisma/seed/demo-board";
import { queryDatabase } from "./support/database";
import { MemberClient } from "./support/member-client";
import { posted, TEAM_PAK, TEAM_US, useManagedBoards } from "./support/managed-board";
import { expectFacilitatorsOnly, read, request } from "./support/teacher";

const h = useManagedBoards();

const duplicate = (boardId: string, token: string | null) => handleDuplicateBoard(request("POST", token), boardId);
const remove = (boardId: string, token: string | null, body: unknown) => handleDeleteBoard(request("DELETE", token, body), boardId);

/** Rows that still name the board, per table. */
async function rowsOf(boardId: string): Promise<Record<string, number>> {
  const tables = ["boards", "board_updates", "board_snapshots", "board_members", "board_invites", "board_update_history", "votes", "vote_events", "drafts"];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const column = table === "boards" ? "id" : "board_id";
    counts[table] = Number((await queryDatabase<{ n: string }>(h.db.url, `SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [boardId]))[0].n);
  }
  return counts;
}

describe("teacher: duplicate the board", () => {
  it("refuses everyone but the board's facilitators", async () => {
    const t = await h.table();
    const foreign = await h.table();
    await expectFacilitatorsOnly(t, foreign, (token) => duplicate(t.boardId, token));
  });

  it("copies source, positions, teams and agenda; no arguments, votes or members but the facilitator", async () => {
    const t = await h.table();
    const own = await posted(t.alice, { text: "An argument from the first class." });
    await t.facilitator.command({ type: "set-settings", patch: { coEditing: true, locked: true } });
    await t.alice.sessionWhere((s) => s.settings.locked);
    await t.facilitator.command({ type: "vote", argumentId: own.id, strength: 4 });

    const { status, body } = await read(await duplicate(t.boardId, t.facilitator.seat.memberToken));
    expect(status).toBe(201);
    expect(body).toMatchObject({ role: "facilitator", displayName: "Fran", memberToken: expect.any(String), boardId: expect.any(String) });
    expect(body.boardId).not.toBe(t.boardId);
    const { store } = h.server.context;
    const [original, copy] = [await store.getBoard(t.boardId), await store.getBoard(body.boardId)];
    expect(copy).toMatchObject({ sourceId: original!.sourceId, accessMode: "managed", title: `${original!.title} (copy)`, joinCode: body.joinCode, archivedAt: null });
    expect(copy!.joinCode).not.toBe(original!.joinCode);

    // The new facilitator's token works there, and only there.
    const fran = await MemberClient.open(h.server.url, body.boardId, { memberId: body.memberId, memberToken: body.memberToken, role: "facilitator", displayName: "Fran" });
    expect(fran.joined.role).toBe("facilitator");
    const served = await h.served(t);
    expect(readPositions(fran.doc)).toEqual(readPositions(served));
    expect(readArguments(fran.doc)).toEqual([]);
    const session = readSession(fran.doc);
    expect(session.teams).toEqual(readSession(served).teams);
    expect(session.teams.map((team) => team.id)).toEqual([TEAM_US, TEAM_PAK]);
    expect(session.phases).toEqual(readSession(served).phases);
    expect(session.settings).toMatchObject({ coEditing: true, locked: false });
    expect(session.assignments).toEqual({});
    expect((await store.listMembers(body.boardId)).map((m) => [m.displayName, m.role])).toEqual([["Fran", "facilitator"]]);
    expect(await store.listVotes(body.boardId)).toEqual([]);
    expect((await store.listInvites(body.boardId)).map((i) => i.role).sort()).toEqual(["facilitator", "observer", "participant"]);
    expect(await store.findMemberByTokenHash(hashToken(body.memberToken))).toMatchObject({ boardId: body.boardId });
    fran.close();

    // The original is untouched.
    expect(readArguments(await h.served(t)).map((a) => a.id)).toEqual([own.id]);
  });
});

describe("teacher: delete the board", () => {
  it("refuses everyone but the board's facilitators, and a wrong title; nothing is deleted", async () => {
    const t = await h.table();
    const foreign = await h.table();
    const title = (await h.server.context.store.getBoard(t.boardId))!.title;
    await expectFacilitatorsOnly(t, foreign, (token) => remove(t.boardId, token, { confirmTitle: title }));
    expect(await read(await remove(t.boardId, t.facilitator.seat.memberToken, { confirmTitle: "Wrong title" }))).toMatchObject({ status: 400, body: { code: "bad-request" } });
    expect(await read(await remove(t.boardId, t.facilitator.seat.memberToken, {}))).toMatchObject({ status: 400 });
    expect((await rowsOf(t.boardId)).boards).toBe(1);
    await posted(t.alice, { text: "Still here." });
  });

  it("refuses a facilitator's own token sent by a page on another site; nothing is deleted", async () => {
    const t = await h.table();
    const title = (await h.server.context.store.getBoard(t.boardId))!.title;
    const foreignPage = request("DELETE", t.facilitator.seat.memberToken, { confirmTitle: title });
    foreignPage.headers.set("origin", "https://evil.example");
    expect(await read(await handleDeleteBoard(foreignPage, t.boardId))).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect((await rowsOf(t.boardId)).boards).toBe(1);
  });

  it("deletes the board and its rows, tells connected people and disconnects them", async () => {
    const t = await h.table();
    const own = await posted(t.alice, { text: "Soon gone." });
    await t.facilitator.command({ type: "vote", argumentId: own.id, strength: 2 });
    const title = (await h.server.context.store.getBoard(t.boardId))!.title;
    const { status } = await read(await remove(t.boardId, t.facilitator.seat.memberToken, { confirmTitle: ` ${title} ` }));
    expect(status).toBe(200);

    for (const client of [t.alice, t.bob, t.observer, t.facilitator]) {
      expect(await client.raw.disconnected()).toBe("io server disconnect");
      expect(client.raw.errors.at(-1)).toMatchObject({ code: "board-not-found", details: { rejoin: true } });
    }
    expect(Object.values(await rowsOf(t.boardId)).every((n) => n === 0)).toBe(true);
    const raw = await h.raw();
    expect(await raw.join(t.boardId, undefined, t.alice.seat.memberToken)).toMatchObject({ ok: false, code: "board-not-found" });
    expect(await read(await remove(t.boardId, t.facilitator.seat.memberToken, { confirmTitle: title }))).toMatchObject({ status: 403 });
  });

  it("never deletes the demo board", async () => {
    const { store } = h.server.context;
    const { sha256: _sha, ...source } = loadDemoSource();
    if (!(await store.getBoard(DEMO_BOARD_ID))) await createBoard(store, { id: DEMO_BOARD_ID, title: "Demo", source, positions: demoPositionDrafts(), joinCode: "DEMO42" });
    const token = "demo-facilitator-token";
    await store.createMember({ id: "mem-demo-fac", boardId: DEMO_BOARD_ID, role: "facilitator", displayName: "Demo Fran", tokenHash: hashToken(token) });
    const title = (await store.getBoard(DEMO_BOARD_ID))!.title;
    expect(await read(await remove(DEMO_BOARD_ID, token, { confirmTitle: title }))).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(await store.getBoard(DEMO_BOARD_ID)).not.toBeNull();
  });
});
