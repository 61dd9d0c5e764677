/**
 * The second half of the BoardStore contract (see store-contract.ts): what a board keeps besides its
 * document. Boards created with invites and ballots, members and their tokens, votes and their history,
 * private drafts, the update history across compactions, and refused writes that leave nothing behind.
 */
import { expect, it } from "vitest";
import { foldUpdates } from "@/lib/board/snapshot";
import { ParleyError } from "@/lib/errors/errors";
import type { BoardStore, VoteRecord } from "@/server/persistence/board-store";
import { boardUpdates, makeBoard, unique } from "./store-contract";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const byToken = <T extends { token: string }>(list: T[]) => [...list].sort((a, b) => a.token.localeCompare(b.token));

/** Registers the records tests inside the caller's describe; `store` is read when each test runs. */
export function defineRecordsContract(storeOf: () => BoardStore): void {
  const member = (boardId: string, displayName = "Ada", role = "participant") =>
    storeOf().createMember({ id: `mem-${unique()}`, boardId, role, displayName, tokenHash: `${unique()}`.padEnd(64, "0") });

  it("creates a managed board with its invites and imported ballots in one go", async () => {
    const store = storeOf();
    const [facilitatorToken, observerToken] = [`inv-${unique()}`, `inv-${unique()}`];
    const ballot: VoteRecord = { argumentId: "arg-1", memberId: "mem-imported", strength: 3, quoteSupport: null, at: new Date("2024-05-06T07:08:09.000Z") };
    const board = await makeBoard(store, undefined, undefined, {
      accessMode: "managed",
      invites: [{ token: facilitatorToken, role: "facilitator" }, { token: observerToken, role: "observer" }],
      votes: [ballot],
    });
    expect(board.accessMode).toBe("managed");
    expect((await makeBoard(store)).accessMode).toBe("open");

    const invite = await store.findInvite(facilitatorToken);
    expect(invite).toMatchObject({ token: facilitatorToken, boardId: board.id, role: "facilitator", revokedAt: null });
    expect(invite?.createdAt).toBeInstanceOf(Date);
    expect(await store.findInvite("inv-missing")).toBeNull();
    expect(byToken(await store.listInvites(board.id)).map((i) => [i.token, i.role])).toEqual(
      byToken([{ token: facilitatorToken, role: "facilitator" }, { token: observerToken, role: "observer" }]).map((i) => [i.token, i.role]),
    );
    expect(await store.listInvites((await makeBoard(store)).id)).toEqual([]);

    expect(await store.listVotes(board.id)).toEqual([ballot]);
    expect(await store.listVoteEvents(board.id)).toEqual([ballot]);
  });

  it("refuses a board whose join code, invite or source is wrong, and stores none of it", async () => {
    const store = storeOf();
    const taken = await makeBoard(store, undefined, undefined, { invites: [{ token: `inv-${unique()}`, role: "observer" }] });
    const source = taken.sourceId;
    const attempts = [
      { id: `board-${unique()}`, joinCode: taken.joinCode, sourceId: source, invites: [] },
      { id: `board-${unique()}`, joinCode: unique().toUpperCase(), sourceId: "src-missing", invites: [] },
      { id: `board-${unique()}`, joinCode: unique().toUpperCase(), sourceId: source, invites: (await store.listInvites(taken.id)).map(({ token, role }) => ({ token, role })) },
    ];
    for (const attempt of attempts) {
      const error = await store.createBoard({ ...attempt, title: "Refused", initialUpdate: boardUpdates(0).initial }).catch((e: unknown) => e);
      expect(ParleyError.is(error)).toBe(true);
      expect(await store.getBoard(attempt.id)).toBeNull();
    }
    expect(await store.getBoardByJoinCode(taken.joinCode)).toMatchObject({ id: taken.id });
  });

  it("keeps one current vote per member and argument, and every vote as an event", async () => {
    const store = storeOf();
    const board = await makeBoard(store);
    const other = await makeBoard(store);
    await store.castVote(board.id, { argumentId: "arg-1", memberId: "mem-a", strength: 2, quoteSupport: null });
    await store.castVote(board.id, { argumentId: "arg-1", memberId: "mem-a", strength: 4, quoteSupport: 1 });
    await store.castVote(board.id, { argumentId: "arg-1", memberId: "mem-b", strength: null, quoteSupport: 5 });
    await store.castVote(other.id, { argumentId: "arg-1", memberId: "mem-a", strength: 1, quoteSupport: 1 });

    const votes = await store.listVotes(board.id);
    const plain = (list: VoteRecord[]) => list.map(({ at: _at, ...v }) => v);
    expect(plain(votes).sort((x, y) => x.memberId.localeCompare(y.memberId))).toEqual([
      { argumentId: "arg-1", memberId: "mem-a", strength: 4, quoteSupport: 1 },
      { argumentId: "arg-1", memberId: "mem-b", strength: null, quoteSupport: 5 },
    ]);
    expect(votes.every((v) => v.at instanceof Date)).toBe(true);
    const events = await store.listVoteEvents(board.id);
    expect(plain(events).map((e) => [e.memberId, e.strength, e.quoteSupport])).toEqual([["mem-a", 2, null], ["mem-a", 4, 1], ["mem-b", null, 5]]);
    expect(await store.listVotes(`board-${unique()}`)).toEqual([]);
    await expect(store.castVote(`board-${unique()}`, { argumentId: "a", memberId: "m", strength: 1, quoteSupport: 1 })).rejects.toBeInstanceOf(Error);
  });

  it("saves, replaces, lists and deletes drafts; a replaced draft keeps its author", async () => {
    const store = storeOf();
    const board = await makeBoard(store);
    const other = await makeBoard(store);
    const first = { id: `draft-${unique()}`, boardId: board.id, teamId: "team-us", memberId: "mem-a", record: { text: "First draft", quotes: [1, 2] } };
    const second = { id: `draft-${unique()}`, boardId: board.id, teamId: "team-pak", memberId: "mem-b", record: { text: "Second draft" } };
    await store.saveDraft(first);
    await store.saveDraft(second);
    await store.saveDraft({ id: `draft-${unique()}`, boardId: other.id, teamId: "team-us", memberId: "mem-a", record: {} });
    await store.saveDraft({ ...first, memberId: "mem-someone-else", teamId: "team-pak", record: { text: "Reworded" } });

    const drafts = await store.listDrafts(board.id);
    // Only DraftRecord's fields: a SQL row may carry more (its creation time).
    expect(drafts.map(({ id, boardId, teamId, memberId, record }) => ({ id, boardId, teamId, memberId, record }))).toEqual([
      { ...first, teamId: "team-pak", record: { text: "Reworded" } },
      second,
    ]);
    expect(drafts.every((d) => d.updatedAt instanceof Date)).toBe(true);

    await store.deleteDrafts(other.id, [second.id]); // another board's id list removes nothing here
    await store.deleteDrafts(board.id, [first.id, "draft-missing"]);
    expect((await store.listDrafts(board.id)).map((d) => d.id)).toEqual([second.id]);
    expect(await store.listDrafts(other.id)).toHaveLength(1);
  });

  it("adds, finds, renames and lists members, never handing out the token hash", async () => {
    const store = storeOf();
    const board = await makeBoard(store);
    const tokenHash = unique().padEnd(64, "f");
    const ada = await store.createMember({ id: `mem-${unique()}`, boardId: board.id, role: "facilitator", displayName: "Ada", tokenHash });
    expect(ada).toEqual({ id: ada.id, boardId: board.id, role: "facilitator", displayName: "Ada", createdAt: expect.any(Date), removedAt: null });
    const bo = await member(board.id, "Bo");
    await member((await makeBoard(store)).id, "Elsewhere");

    expect(await store.findMemberByTokenHash(tokenHash)).toEqual(ada);
    expect(await store.findMemberByTokenHash("0".repeat(64))).toBeNull();
    await store.renameMember(bo.id, "Bo Renamed");
    expect((await store.listMembers(board.id)).map((m) => [m.id, m.displayName])).toEqual([[ada.id, "Ada"], [bo.id, "Bo Renamed"]]);
    expect(await store.listMembers(`board-${unique()}`)).toEqual([]);
    for (const m of await store.listMembers(board.id)) expect(m).not.toHaveProperty("tokenHash");

    await expect(store.renameMember("mem-missing", "Nobody")).rejects.toBeInstanceOf(Error);
    await expect(store.createMember({ id: `mem-${unique()}`, boardId: board.id, role: "participant", displayName: "Copy", tokenHash })).rejects.toBeInstanceOf(Error);
    await expect(store.createMember({ id: `mem-${unique()}`, boardId: `board-${unique()}`, role: "participant", displayName: "Lost", tokenHash: unique().padEnd(64, "e") })).rejects.toBeInstanceOf(Error);
    expect(await store.listMembers(board.id)).toHaveLength(2);
  });

  it("loadHistory returns every update ever accepted, with its author, across compactions", async () => {
    const store = storeOf();
    const { initial, updates } = boardUpdates(4);
    const board = await makeBoard(store, initial);
    await store.appendUpdate(board.id, updates[0], "mem-a");
    await store.appendUpdate(board.id, updates[1]);
    await store.compact(board.id, foldUpdates);
    await store.appendUpdate(board.id, updates[2], "mem-b");
    const midway = await store.loadHistory(board.id);
    expect(midway.map((e) => [e.seq, e.memberId])).toEqual([[1, null], [2, "mem-a"], [3, null], [4, "mem-b"]]);
    await store.compact(board.id, foldUpdates);
    await store.appendUpdate(board.id, updates[3], "mem-a");

    const history = await store.loadHistory(board.id);
    expect(history.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(history.map((e) => hex(e.data))).toEqual([initial, ...updates].map(hex));
    expect(history.every((e) => e.createdAt instanceof Date)).toBe(true);
    // Compaction moves entries; it does not re-date them.
    expect(history.slice(0, 4).map((e) => e.createdAt.getTime())).toEqual(midway.map((e) => e.createdAt.getTime()));
    expect(await store.loadHistory(`board-${unique()}`)).toEqual([]);
  });

  it("close resolves (this runs last: the store is finished with)", async () => {
    await expect(storeOf().close()).resolves.toBeUndefined();
  });
}
