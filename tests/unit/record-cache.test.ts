/**
 * The record cache (server/persistence/record-cache.ts) in front of the in-memory store: it passes the
 * whole store contract (every read after a write answers what was written), reads the database once
 * per change, and never keeps an answer that was read while a write committed.
 */
import { describe, expect, it, vi } from "vitest";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { withRecordCache } from "@/server/persistence/record-cache";
import { defineStoreContract, makeBoard } from "../integration/store-contract";

defineStoreContract(
  "in memory, behind the record cache",
  async () => {
    const inner = new MemoryBoardStore();
    return { store: withRecordCache(inner).store, cleanup: () => inner.close() };
  },
  { sql: false },
);

const member = (boardId: string, n: number) => ({ id: `mem-${boardId}-${n}`, boardId, role: "participant", displayName: `Member ${n}`, tokenHash: `${boardId}${n}`.padEnd(64, "0") });

/** Makes the inner store's next members read see the table as it is, but answer only once `release` is called. */
function holdNextMembersRead(inner: MemoryBoardStore): () => void {
  let release: () => void = () => {};
  const original = inner.listMembers.bind(inner);
  vi.spyOn(inner, "listMembers").mockImplementationOnce(async (id) => {
    const before = await original(id);
    await new Promise<void>((resolve) => (release = resolve));
    return before;
  });
  return () => release();
}

describe("record cache", () => {
  it("reads each board's records once until a write touches them", async () => {
    const inner = new MemoryBoardStore();
    const { store } = withRecordCache(inner);
    const board = await makeBoard(store);
    const listVotes = vi.spyOn(inner, "listVotes");
    await store.listVotes(board.id);
    await store.listVotes(board.id);
    expect(listVotes).toHaveBeenCalledTimes(1);
    await store.castVote(board.id, { argumentId: "arg-1", memberId: "mem-1", strength: 3 });
    expect(await store.listVotes(board.id)).toMatchObject([{ argumentId: "arg-1", strength: 3 }]);
    expect(listVotes).toHaveBeenCalledTimes(2);
    // A write to another board leaves this one's records cached.
    const other = await makeBoard(store);
    await store.castVote(other.id, { argumentId: "arg-1", memberId: "mem-1", strength: 1 });
    await store.listVotes(board.id);
    expect(listVotes).toHaveBeenCalledTimes(2);
  });

  it("does not keep an answer read while a write committed", async () => {
    const inner = new MemoryBoardStore();
    const { store } = withRecordCache(inner);
    const board = await makeBoard(store);
    // The read sees the table before the member is added, but answers only after the write is done.
    const answer = holdNextMembersRead(inner);
    const slowRead = store.listMembers(board.id);
    await vi.waitFor(() => expect(inner.listMembers).toHaveBeenCalledTimes(1));
    await store.createMember(member(board.id, 1));
    answer();
    expect(await slowRead).toEqual([]);
    expect((await store.listMembers(board.id)).map((m) => m.displayName)).toEqual(["Member 1"]);
  });

  it("renames and deletions reach every cached board; forget() drops a board's records", async () => {
    const inner = new MemoryBoardStore();
    const cache = withRecordCache(inner);
    const { store } = cache;
    const board = await makeBoard(store);
    await store.createMember(member(board.id, 1));
    expect((await store.listMembers(board.id))[0].displayName).toBe("Member 1");
    await store.renameMember(`mem-${board.id}-1`, "Renamed");
    expect((await store.listMembers(board.id))[0].displayName).toBe("Renamed");
    await store.deleteBoard(board.id);
    expect(await store.listMembers(board.id)).toEqual([]);

    const listDrafts = vi.spyOn(inner, "listDrafts");
    await store.listDrafts(board.id);
    cache.forget(board.id);
    await store.listDrafts(board.id);
    expect(listDrafts).toHaveBeenCalledTimes(2);
  });

  it("keeps at most maxBoards boards, forgetting the least recently read", async () => {
    const inner = new MemoryBoardStore();
    const { store } = withRecordCache(inner, { maxBoards: 2 });
    const [a, b, c] = [await makeBoard(store), await makeBoard(store), await makeBoard(store)];
    const listDrafts = vi.spyOn(inner, "listDrafts");
    for (const board of [a, b, a, c]) await store.listDrafts(board.id);
    expect(listDrafts).toHaveBeenCalledTimes(3);
    await store.listDrafts(a.id); // still cached: read more recently than b
    await store.listDrafts(b.id); // forgotten
    expect(listDrafts).toHaveBeenCalledTimes(4);
  });

  it("reads a board's access fields once; edits keep them, a new join code or a deletion does not", async () => {
    const inner = new MemoryBoardStore();
    const { store } = withRecordCache(inner);
    const board = await makeBoard(store);
    const getBoardAccess = vi.spyOn(inner, "getBoardAccess");
    expect(await store.getBoardAccess(board.id)).toEqual({ id: board.id, joinCode: board.joinCode, accessMode: "open" });
    await store.appendUpdates(board.id, [{ update: new Uint8Array([0, 0]), memberId: null }]);
    expect(await store.getBoardAccess(board.id)).toEqual({ id: board.id, joinCode: board.joinCode, accessMode: "open" });
    expect(getBoardAccess).toHaveBeenCalledTimes(1);
    const reissued = await store.reissueInvites(board.id, { invites: [], joinCode: "NEW123" });
    expect(await store.getBoardAccess(board.id)).toMatchObject({ joinCode: reissued.joinCode });
    expect(getBoardAccess).toHaveBeenCalledTimes(2);
    await store.deleteBoard(board.id);
    expect(await store.getBoardAccess(board.id)).toBeNull();
  });

  it("never remembers a board that is not there: another process may create it", async () => {
    const inner = new MemoryBoardStore();
    const { store } = withRecordCache(inner);
    const elsewhere = withRecordCache(inner).store; // another process's store on the same database
    const id = "board-made-later";
    expect(await store.getBoardAccess(id)).toBeNull();
    const board = await makeBoard(elsewhere, undefined, undefined, { id });
    expect(await store.getBoardAccess(id)).toMatchObject({ id: board.id });
  });

  it("hands out copies: a caller changing its answer changes nothing cached", async () => {
    const inner = new MemoryBoardStore();
    const { store } = withRecordCache(inner);
    const board = await makeBoard(store);
    const first = (await store.getBoardAccess(board.id))!;
    first.accessMode = "managed";
    expect(await store.getBoardAccess(board.id)).toMatchObject({ accessMode: "open" });
  });

  it("shares one read among callers asking for the same board at once", async () => {
    const inner = new MemoryBoardStore();
    const { store } = withRecordCache(inner);
    const board = await makeBoard(store);
    const getBoardAccess = vi.spyOn(inner, "getBoardAccess");
    const listVotes = vi.spyOn(inner, "listVotes");
    const answers = await Promise.all(Array.from({ length: 20 }, () => store.getBoardAccess(board.id)));
    await Promise.all([store.listVotes(board.id), store.listVotes(board.id)]);
    expect(getBoardAccess).toHaveBeenCalledTimes(1);
    expect(listVotes).toHaveBeenCalledTimes(1);
    expect(new Set(answers).size).toBe(20); // each caller still gets its own copy
  });

  it("a caller arriving after a write does not share a read that started before it", async () => {
    const inner = new MemoryBoardStore();
    const { store } = withRecordCache(inner);
    const board = await makeBoard(store);
    const answer = holdNextMembersRead(inner);
    const early = store.listMembers(board.id);
    await vi.waitFor(() => expect(inner.listMembers).toHaveBeenCalledTimes(1));
    const alongside = store.listMembers(board.id); // before the write: shares the read
    await store.createMember(member(board.id, 1));
    const late = store.listMembers(board.id); // after it: reads afresh
    answer();
    expect(await early).toEqual([]);
    expect(await alongside).toEqual([]);
    expect((await late).map((m) => m.displayName)).toEqual(["Member 1"]);
    expect(inner.listMembers).toHaveBeenCalledTimes(2);
  });
});
