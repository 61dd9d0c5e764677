/**
 * The BoardStore contract's cases for source revisions, run by defineStoreContract against every
 * implementation: revision 1 is the board's own source, each new one moves the board's source, and a
 * stale base is refused without changing anything.
 */
import { expect, it } from "vitest";
import type { BoardRecord, BoardStore } from "@/server/persistence/board-store";

export function defineRevisionStoreCases(store: () => BoardStore, newBoard: () => Promise<BoardRecord>): void {
  it("source revisions: revision 1 is the board's source; recording moves it with its update; a stale base is refused", async () => {
    const s = store();
    const board = await newBoard();
    const original = (await s.getSourceDocument(board.sourceId))!;
    expect(await s.listSourceRevisions(board.id)).toEqual([{ revision: 1, sourceId: original.id, sha256: original.sha256, memberId: null, createdAt: board.createdAt }]);

    const corrected = await s.ensureSourceDocument({ title: original.title, publisher: null, publishedOn: null, language: "en", text: `${original.text}\n\nA correction.` });
    const before = await s.loadBoardState(board.id);
    const update = new Uint8Array([0, 0]); // an empty Yjs update: the store keeps it as given
    const second = await s.recordSourceRevision(board.id, { baseRevision: 1, sourceId: corrected.id, memberId: "mem-fran", update });
    expect(second).toMatchObject({ revision: 2, sourceId: corrected.id, sha256: corrected.sha256, memberId: "mem-fran" });
    // The document update went into the log in the same transaction, as the next entry.
    const after = await s.loadBoardState(board.id);
    expect(second.seq).toBe(after.latestSeq);
    expect(after.latestSeq).toBe(before.latestSeq + 1);
    expect((await s.getBoard(board.id))!.sourceId).toBe(corrected.id);
    // The old text stays stored: an export of revision 1 can still name it.
    expect(await s.getSourceDocument(original.id)).toMatchObject({ sha256: original.sha256 });

    await expect(s.recordSourceRevision(board.id, { baseRevision: 1, sourceId: original.id, memberId: "mem-fran", update })).rejects.toMatchObject({ code: "stale-revision" });
    expect((await s.loadBoardState(board.id)).latestSeq).toBe(after.latestSeq); // a refused revision appends nothing
    expect((await s.listSourceRevisions(board.id)).map((r) => [r.revision, r.sourceId])).toEqual([
      [1, original.id],
      [2, corrected.id],
    ]);
    expect((await s.getBoard(board.id))!.sourceId).toBe(corrected.id);
    await expect(s.listSourceRevisions("no-such-board")).rejects.toMatchObject({ code: "board-not-found" });
  });
}
