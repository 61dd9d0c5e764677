/**
 * The BoardStore contract's cases for the teacher's actions (remove, change, reissue, archive, delete),
 * run by defineStoreContract against every implementation.
 */
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import * as Y from "yjs";
import { initBoardDoc } from "@/lib/board/doc";
import { makePositions } from "@/lib/board/position";
import { ParleyError } from "@/lib/errors/errors";
import type { BoardStore } from "@/server/persistence/board-store";
import { ARTICLE } from "./support/board";

const unique = () => randomBytes(4).toString("hex");

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "resolved";
  } catch (error) {
    return ParleyError.is(error) ? error.code : `not a ParleyError: ${(error as Error).message}`;
  }
}

/** Adds the teacher cases to the enclosing describe; `store` is read when each case runs. */
export function defineTeacherStoreCases(store: () => BoardStore): void {
  async function boardWithPeople() {
    const s = store();
    const doc = new Y.Doc();
    initBoardDoc(doc, { title: "Teacher board", sourceSha256: "0".repeat(64) }, makePositions([{ label: "Us" }, { label: "Them" }]));
    const source = await s.ensureSourceDocument({ title: "Source", publisher: null, publishedOn: null, language: "en", text: ARTICLE });
    const id = `board-${unique()}`;
    const fran = { id: `mem-${unique()}`, role: "facilitator", displayName: "Fran", tokenHash: unique().padEnd(64, "0") };
    const board = await s.createBoard({
      id,
      title: "Teacher board",
      joinCode: unique().toUpperCase(),
      sourceId: source.id,
      initialUpdate: Y.encodeStateAsUpdate(doc),
      accessMode: "managed",
      invites: [{ token: `inv-${unique()}`, role: "participant" }],
      members: [fran],
    });
    const alice = await s.createMember({ id: `mem-${unique()}`, boardId: id, role: "participant", displayName: "Alice", tokenHash: unique().padEnd(64, "1") });
    return { board, fran, alice };
  }

  it("createBoard seats the given members with the board", async () => {
    const { board, fran } = await boardWithPeople();
    expect(await store().findMemberByTokenHash(fran.tokenHash)).toMatchObject({ id: fran.id, boardId: board.id, role: "facilitator", removedAt: null });
  });

  it("removeMember keeps the row, hides the token unless asked, and spares the last facilitator", async () => {
    const s = store();
    const { board, fran, alice } = await boardWithPeople();
    const removed = await s.removeMember(board.id, alice.id);
    expect(removed.removedAt).toBeInstanceOf(Date);
    expect(await s.removeMember(board.id, alice.id)).toEqual(removed);
    expect((await s.listMembers(board.id)).find((m) => m.id === alice.id)?.removedAt).toEqual(removed.removedAt);
    expect(await codeOf(s.removeMember(board.id, fran.id))).toBe("invalid-content");
    expect(await codeOf(s.removeMember(board.id, "mem-nobody"))).toBe("bad-request");
    expect(await codeOf(s.removeMember("no-such-board", alice.id))).toBe("board-not-found");
    expect(await codeOf(s.changeMember(board.id, alice.id, { displayName: "Alicia" }))).toBe("invalid-content");
  });

  it("findMemberByTokenHash finds a removed member only with includeRemoved", async () => {
    const s = store();
    const { board } = await boardWithPeople();
    const tokenHash = unique().padEnd(64, "2");
    const bob = await s.createMember({ id: `mem-${unique()}`, boardId: board.id, role: "participant", displayName: "Bob", tokenHash });
    await s.removeMember(board.id, bob.id);
    expect(await s.findMemberByTokenHash(tokenHash)).toBeNull();
    expect(await s.findMemberByTokenHash(tokenHash, { includeRemoved: true })).toMatchObject({ id: bob.id, removedAt: expect.any(Date) });
  });

  it("changeMember renames (unique ignoring case) and changes roles, keeping a facilitator", async () => {
    const s = store();
    const { board, fran, alice } = await boardWithPeople();
    expect(await codeOf(s.changeMember(board.id, alice.id, { displayName: "FRAN" }))).toBe("invalid-content");
    expect(await s.changeMember(board.id, alice.id, { displayName: "alice" })).toMatchObject({ displayName: "alice" });
    expect(await codeOf(s.changeMember(board.id, fran.id, { role: "participant" }))).toBe("invalid-content");
    expect(await s.changeMember(board.id, alice.id, { role: "facilitator" })).toMatchObject({ role: "facilitator" });
    expect(await s.changeMember(board.id, fran.id, { role: "observer", displayName: "Fran O." })).toMatchObject({ role: "observer", displayName: "Fran O." });
  });

  it("reissueInvites revokes the named roles' links and can change the join code", async () => {
    const s = store();
    const { board } = await boardWithPeople();
    const [old] = await s.listInvites(board.id);
    expect((await s.getBoardAccess(board.id))?.joinCode).toBe(board.joinCode);
    const updated = await s.reissueInvites(board.id, { invites: [{ role: "participant", token: `inv-${unique()}` }], joinCode: unique().toUpperCase() });
    expect(updated.joinCode).not.toBe(board.joinCode);
    expect(await s.getBoardByJoinCode(board.joinCode)).toBeNull();
    expect((await s.getBoardAccess(board.id))?.joinCode).toBe(updated.joinCode);
    expect((await s.findInvite(old.token))?.revokedAt).toBeInstanceOf(Date);
    const live = await s.listInvites(board.id);
    expect(live).toHaveLength(1);
    expect(live[0].token).not.toBe(old.token);
    const other = await boardWithPeople();
    expect(await codeOf(s.reissueInvites(board.id, { invites: [], joinCode: other.board.joinCode }))).toBe("invalid-content");
  });

  it("setBoardArchived hides a board from listings until it is unarchived", async () => {
    const s = store();
    const { board } = await boardWithPeople();
    const archived = await s.setBoardArchived(board.id, new Date());
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect((await s.listRecentBoards(1000)).some((b) => b.id === board.id)).toBe(false);
    expect((await s.setBoardArchived(board.id, null)).archivedAt).toBeNull();
    expect((await s.listRecentBoards(1000)).some((b) => b.id === board.id)).toBe(true);
    expect(await codeOf(s.setBoardArchived("no-such-board", null))).toBe("board-not-found");
  });

  it("deleteBoard removes the board and everything on it, once", async () => {
    const s = store();
    const { board, fran } = await boardWithPeople();
    await s.castVote(board.id, { argumentId: "arg-1", memberId: fran.id, strength: 3, quoteSupport: null });
    expect(await s.getBoardAccess(board.id)).not.toBeNull();
    expect(await s.deleteBoard(board.id)).toBe(true);
    expect(await s.getBoard(board.id)).toBeNull();
    expect(await s.getBoardAccess(board.id)).toBeNull();
    expect(await s.listMembers(board.id)).toEqual([]);
    expect(await s.listVotes(board.id)).toEqual([]);
    expect(await s.listInvites(board.id)).toEqual([]);
    expect(await s.deleteBoard(board.id)).toBe(false);
  });
}
