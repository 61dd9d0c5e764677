/**
 * The BoardStore contract: every implementation (PostgreSQL, PGlite, in memory) must pass the same suite,
 * which calls every method of the interface. `open` returns an empty store (over a migrated database,
 * for the SQL ones); the suite shares it between tests, so each test works on boards and sources of its
 * own. The records half (members, invites, votes, drafts, history) is in store-contract-records.ts.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { initBoardDoc, readBoard } from "@/lib/board/doc";
import { makePositions } from "@/lib/board/position";
import { docFromParts, foldUpdates } from "@/lib/board/snapshot";
import { ParleyError } from "@/lib/errors/errors";
import type { BoardRecord, BoardStore, NewBoard, NewSourceDocument } from "@/server/persistence/board-store";
import type { Database } from "@/server/persistence/connect";
import { ARTICLE, addTestArgument } from "./support/board";
import { defineTeacherStoreCases } from "./store-contract-teacher";
import { defineRevisionStoreCases } from "./store-contract-revisions";
import { defineRecordsContract } from "./store-contract-records";

export interface StoreUnderTest {
  /** The database under a SQL store, for the checks only SQL can make (triggers, pinned timestamps). */
  database?: Database;
  store: BoardStore;
  cleanup(): Promise<void>;
}

export const unique = () => randomBytes(4).toString("hex");

export function sourceDraft(text = `A source text long enough to debate, number ${unique()}.`): NewSourceDocument {
  return { title: "Test source", publisher: null, publishedOn: null, language: "en", text };
}

/** A board document and the Yjs updates that built it: the initial state, then one per argument. */
export function boardUpdates(argumentCount: number): { initial: Uint8Array; updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  initBoardDoc(doc, { title: "Contract board", sourceSha256: "0".repeat(64) }, makePositions([{ key: "us", label: "Us" }, { key: "them", label: "Them" }]));
  const initial = Y.encodeStateAsUpdate(doc);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < argumentCount; i++) addTestArgument(doc, { text: `Argument number ${i}.` });
  return { initial, updates, doc };
}

/** A new board with its own id and join code; `extra` adds what NewBoard allows beyond the basics. */
export async function makeBoard(store: BoardStore, initial = boardUpdates(0).initial, sourceId?: string, extra: Partial<NewBoard> = {}): Promise<BoardRecord> {
  const source = sourceId ?? (await store.ensureSourceDocument(sourceDraft(ARTICLE))).id;
  const id = `board-${unique()}`;
  return store.createBoard({ id, title: `Board ${id}`, joinCode: unique().toUpperCase(), sourceId: source, initialUpdate: initial, ...extra });
}

/** `sql`: the store sits on a real database (PostgreSQL or PGlite), so the SQL-only checks run too. */
export function defineStoreContract(name: string, open: () => Promise<StoreUnderTest>, { sql = true }: { sql?: boolean } = {}): void {
  describe(`BoardStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: BoardStore;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    }, 60_000);
    afterAll(() => subject?.cleanup());

    const newBoard = (initial?: Uint8Array, sourceId?: string) => makeBoard(store, initial, sourceId);

    it("answers ping", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it("ensureSourceDocument returns the same document for the same text, a new one for new text", async () => {
      const draft = sourceDraft();
      const first = await store.ensureSourceDocument(draft);
      const again = await store.ensureSourceDocument({ ...draft, title: "Another title for the same text" });
      expect(again.id).toBe(first.id);
      expect(again.title).toBe("Test source");
      expect(first.text).toBe(draft.text);
      expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
      const other = await store.ensureSourceDocument(sourceDraft());
      expect(other.id).not.toBe(first.id);
      expect(await store.getSourceDocument(first.id)).toMatchObject({ id: first.id, text: draft.text });
      expect(await store.getSourceDocument("src-missing")).toBeNull();
    });

    it.skipIf(!sql)("refuses to change a source's text once a board uses it, and allows it before", async () => {
      const database = subject.database!;
      const unused = await store.ensureSourceDocument(sourceDraft());
      await database.prisma.$executeRaw`UPDATE "source_documents" SET "text" = 'changed while unused' WHERE "id" = ${unused.id}`;
      expect((await store.getSourceDocument(unused.id))?.text).toBe("changed while unused");

      const used = await store.ensureSourceDocument(sourceDraft());
      await newBoard(undefined, used.id);
      await expect(
        database.prisma.$executeRaw`UPDATE "source_documents" SET "text" = 'rewritten' WHERE "id" = ${used.id}`,
      ).rejects.toThrow(/cannot change/);
      expect((await store.getSourceDocument(used.id))?.text).toBe(used.text);
    });

    it("creates boards and finds them by id and by join code", async () => {
      const board = await newBoard();
      expect(board).toMatchObject({ updateSeq: 1 });
      expect(await store.getBoard(board.id)).toEqual(board);
      expect(await store.getBoardByJoinCode(board.joinCode)).toEqual(board);
      expect(await store.getBoard("no-such-board")).toBeNull();
      expect(await store.getBoardByJoinCode("NOSUCH")).toBeNull();
      expect(await store.getBoardAccess(board.id)).toEqual({ id: board.id, joinCode: board.joinCode, accessMode: board.accessMode });
      expect(await store.getBoardAccess("no-such-board")).toBeNull();
    });

    it("lists boards most recently updated first, up to the limit", async () => {
      const [a, b, c] = [await newBoard(), await newBoard(), await newBoard()];
      const database = subject.database;
      if (database) {
        // Pin the timestamps: boards created within the same millisecond would otherwise tie.
        // (The in-memory store's clock never ties, so created order already is recency order there.)
        await database.prisma.$executeRaw`UPDATE "boards" SET "updated_at" = '2001-01-01'`;
        for (const [board, day] of [[a, "2020-01-01"], [b, "2020-01-02"], [c, "2020-01-03"]] as const) {
          await database.prisma.$executeRaw`UPDATE "boards" SET "updated_at" = ${day}::timestamp WHERE "id" = ${board.id}`;
        }
      }
      expect((await store.listRecentBoards(3)).map((x) => x.id)).toEqual([c.id, b.id, a.id]);

      await store.appendUpdate(a.id, boardUpdates(1).updates[0]); // an edit makes a board recent
      const listed = await store.listRecentBoards(2);
      expect(listed.map((x) => x.id)).toEqual([a.id, c.id]);
      expect(listed[0].sourceTitle).toBe("Test source");
    });

    it("appendUpdate returns increasing sequence numbers", async () => {
      const { initial, updates } = boardUpdates(3);
      const board = await newBoard(initial);
      const seqs = [];
      for (const update of updates) seqs.push(await store.appendUpdate(board.id, update));
      expect(seqs).toEqual([2, 3, 4]);
      expect((await store.getBoard(board.id))?.updateSeq).toBe(4);
    });

    it("appendUpdate on an unknown board fails with board-not-found", async () => {
      const error = await store.appendUpdate("no-such-board", boardUpdates(1).updates[0]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ParleyError);
      expect((error as ParleyError).code).toBe("board-not-found");
    });

    it("appendUpdates stores a batch in one go: consecutive seqs in the order given, each with its author", async () => {
      const { initial, updates, doc } = boardUpdates(4);
      const board = await newBoard(initial);
      expect(await store.appendUpdate(board.id, updates[0], "mem-a")).toBe(2);
      const seqs = await store.appendUpdates(board.id, [
        { update: updates[1], memberId: "mem-b" },
        { update: updates[2], memberId: null },
        { update: updates[3], memberId: "mem-a" },
      ]);
      expect(seqs).toEqual([3, 4, 5]);
      expect((await store.getBoard(board.id))?.updateSeq).toBe(5);
      const history = await store.loadHistory(board.id);
      expect(history.map((e) => [e.seq, e.memberId])).toEqual([[1, null], [2, "mem-a"], [3, "mem-b"], [4, null], [5, "mem-a"]]);
      expect(history.map((e) => Buffer.from(e.data).toString("hex"))).toEqual([initial, ...updates].map((u) => Buffer.from(u).toString("hex")));
      const state = await store.loadBoardState(board.id);
      expect(state).toMatchObject({ logLength: 5, latestSeq: 5 });
      expect(readBoard(docFromParts(state.parts))).toEqual(readBoard(doc));
    });

    it("appendUpdates of an empty batch stores nothing; on an unknown board it fails with board-not-found and stores nothing", async () => {
      const { initial, updates } = boardUpdates(2);
      const board = await newBoard(initial);
      expect(await store.appendUpdates(board.id, [])).toEqual([]);
      expect((await store.getBoard(board.id))?.updateSeq).toBe(1);
      const error = await store.appendUpdates(`board-${unique()}`, updates.map((update) => ({ update, memberId: null }))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ParleyError);
      expect((error as ParleyError).code).toBe("board-not-found");
      expect((await store.loadHistory(board.id)).map((e) => e.seq)).toEqual([1]);
    });

    it("gives batches and single appends that race each other distinct consecutive seqs, keeping each batch contiguous", async () => {
      const { initial, updates, doc } = boardUpdates(9);
      const board = await newBoard(initial);
      const batch = (from: number, to: number) => store.appendUpdates(board.id, updates.slice(from, to).map((update) => ({ update, memberId: null })));
      const [first, single, second] = await Promise.all([batch(0, 4), store.appendUpdate(board.id, updates[4]), batch(5, 9)]);
      for (const seqs of [first, second]) expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
      expect([...first, single, ...second].sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const state = await store.loadBoardState(board.id);
      expect(state).toMatchObject({ logLength: 10, latestSeq: 10 });
      expect(readBoard(docFromParts(state.parts))).toEqual(readBoard(doc));
    });

    it("loadBoardState returns the log in order", async () => {
      const { initial, updates, doc } = boardUpdates(3);
      const board = await newBoard(initial);
      for (const update of updates) await store.appendUpdate(board.id, update);
      const state = await store.loadBoardState(board.id);
      expect(state.parts.map((p) => Buffer.from(p).toString("hex"))).toEqual([initial, ...updates].map((p) => Buffer.from(p).toString("hex")));
      expect(state).toMatchObject({ logLength: 4, latestSeq: 4 });
      expect(readBoard(docFromParts(state.parts))).toEqual(readBoard(doc));
      await expect(store.loadBoardState("no-such-board")).rejects.toMatchObject({ code: "board-not-found" });
    });

    it("compact folds the log into a snapshot that reloads to the same state", async () => {
      const { initial, updates, doc } = boardUpdates(4);
      const board = await newBoard(initial);
      for (const update of updates) await store.appendUpdate(board.id, update);
      const before = docFromParts((await store.loadBoardState(board.id)).parts);

      const result = await store.compact(board.id, foldUpdates);
      expect(result).toMatchObject({ foldedUpdates: 5, upToSeq: 5 });
      const after = await store.loadBoardState(board.id);
      expect(after).toMatchObject({ logLength: 0, latestSeq: 5 });
      expect(after.parts).toHaveLength(1);
      const reloaded = docFromParts(after.parts);
      expect(readBoard(reloaded)).toEqual(readBoard(before));
      expect(readBoard(reloaded)).toEqual(readBoard(doc));
      expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(before));

      expect(await store.compact(board.id, foldUpdates)).toBeNull();
      expect(await store.compact("no-such-board", foldUpdates)).toBeNull();
    });

    it("reads a long log whole, each entry byte for byte, to load, to catch up, to compact and as history (PostgreSQL sends it as one concatenation)", async () => {
      const { initial, updates, doc } = boardUpdates(1_201);
      const board = await newBoard(initial);
      for (let i = 0; i < updates.length; i += 400) await store.appendUpdates(board.id, updates.slice(i, i + 400).map((update) => ({ update, memberId: null })));
      const hex = (parts: readonly Uint8Array[]) => parts.map((p) => Buffer.from(p).toString("hex"));
      const before = await store.loadBoardState(board.id);
      expect(before).toMatchObject({ logLength: 1_202, latestSeq: 1_202 });
      expect(hex(before.parts.slice(1))).toEqual(hex(updates));
      const tail = await store.loadUpdatesAfter(board.id, 600);
      expect(tail.snapshot).toBeNull();
      expect(tail.entries.map((e) => e.seq)).toEqual(updates.slice(599).map((_, i) => 601 + i));
      expect(hex(tail.entries.map((e) => e.data))).toEqual(hex(updates.slice(599)));
      let folded: Uint8Array[] = [];
      const merge = (parts: Uint8Array[]) => ((folded = parts), foldUpdates(parts));
      expect(await store.compact(board.id, merge)).toMatchObject({ foldedUpdates: 1_202, upToSeq: 1_202 });
      expect(hex(folded)).toEqual(hex([initial, ...updates]));
      const after = await store.loadBoardState(board.id);
      expect(after).toMatchObject({ logLength: 0, latestSeq: 1_202 });
      expect(readBoard(docFromParts(after.parts))).toEqual(readBoard(doc));
      const caughtUp = await store.loadUpdatesAfter(board.id, 600);
      expect(caughtUp.snapshot?.upToSeq).toBe(1_202);
      expect(hex([caughtUp.snapshot!.data])).toEqual(hex(after.parts));
      expect(caughtUp.entries).toEqual([]);
      const history = await store.loadHistory(board.id);
      expect(history.map((e) => e.seq)).toEqual([initial, ...updates].map((_, i) => i + 1));
      expect(hex(history.map((e) => e.data))).toEqual(hex([initial, ...updates]));
    });

    it("keeps an update appended after a compaction", async () => {
      const { initial, updates, doc } = boardUpdates(3);
      const board = await newBoard(initial);
      await store.appendUpdate(board.id, updates[0]);
      await store.compact(board.id, foldUpdates);
      expect(await store.appendUpdate(board.id, updates[1])).toBe(3);
      expect(await store.appendUpdate(board.id, updates[2])).toBe(4);

      const state = await store.loadBoardState(board.id);
      expect(state).toMatchObject({ logLength: 2, latestSeq: 4 });
      expect(state.parts).toHaveLength(3);
      expect(readBoard(docFromParts(state.parts))).toEqual(readBoard(doc));

      expect(await store.compact(board.id, foldUpdates)).toMatchObject({ foldedUpdates: 2, upToSeq: 4 });
      expect(readBoard(docFromParts((await store.loadBoardState(board.id)).parts))).toEqual(readBoard(doc));
    });

    it("loadUpdatesAfter returns the log after a seq, or the snapshot when compaction folded that range", async () => {
      const { initial, updates, doc } = boardUpdates(4);
      const board = await newBoard(initial);
      const hex = (parts: Uint8Array[]) => parts.map((p) => Buffer.from(p).toString("hex"));
      for (const update of updates.slice(0, 2)) await store.appendUpdate(board.id, update);

      const fromLog = await store.loadUpdatesAfter(board.id, 1);
      expect(fromLog.snapshot).toBeNull();
      expect(fromLog.entries.map((e) => e.seq)).toEqual([2, 3]);
      expect(hex(fromLog.entries.map((e) => e.data))).toEqual(hex(updates.slice(0, 2)));
      expect(await store.loadUpdatesAfter(board.id, 3)).toEqual({ snapshot: null, entries: [] });

      await store.compact(board.id, foldUpdates); // folds 1..3
      for (const update of updates.slice(2)) await store.appendUpdate(board.id, update);
      const folded = await store.loadUpdatesAfter(board.id, 2);
      expect(folded.snapshot?.upToSeq).toBe(3);
      expect(folded.entries.map((e) => e.seq)).toEqual([4, 5]);
      // A copy that had seqs 1..2 reaches the stored state by applying the snapshot, then the entries.
      const behind = docFromParts([initial, updates[0]]);
      for (const part of [folded.snapshot!.data, ...folded.entries.map((e) => e.data)]) Y.applyUpdate(behind, part);
      expect(readBoard(behind)).toEqual(readBoard(doc));

      expect((await store.loadUpdatesAfter(board.id, 3)).snapshot).toBeNull(); // nothing it needs was folded
      await expect(store.loadUpdatesAfter("no-such-board", 0)).rejects.toMatchObject({ code: "board-not-found" });
    });

    defineTeacherStoreCases(() => store);
    defineRevisionStoreCases(() => store, () => newBoard());

    it("castVote keeps a rating left out, clears one sent as null, and records every cast as it was merged", async () => {
      const board = await newBoard();
      const ballot = { argumentId: "arg-1", memberId: "mem-1" };
      await store.castVote(board.id, { ...ballot, strength: 4 });
      await store.castVote(board.id, { ...ballot, quoteSupport: 2 });
      expect(await store.listVotes(board.id)).toEqual([expect.objectContaining({ ...ballot, strength: 4, quoteSupport: 2 })]);
      await store.castVote(board.id, { ...ballot, strength: null });
      await Promise.all([store.castVote(board.id, { ...ballot, strength: 5 }), store.castVote(board.id, { ...ballot, quoteSupport: 1 })]);
      expect(await store.listVotes(board.id)).toEqual([expect.objectContaining({ ...ballot, strength: 5, quoteSupport: 1 })]);
      const events = await store.listVoteEvents(board.id);
      expect(events.slice(0, 3).map((e) => [e.strength, e.quoteSupport])).toEqual([
        [4, null],
        [4, 2],
        [null, 2],
      ]);
      expect(events).toHaveLength(5);
    });

    it("gives appends that race each other distinct consecutive sequence numbers, and keeps every one", async () => {
      const { initial, updates, doc } = boardUpdates(8);
      const board = await newBoard(initial);
      const seqs = await Promise.all(updates.map((update) => store.appendUpdate(board.id, update)));
      expect([...seqs].sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      const state = await store.loadBoardState(board.id);
      expect(state).toMatchObject({ logLength: 9, latestSeq: 9 });
      expect(readBoard(docFromParts(state.parts))).toEqual(readBoard(doc));
    });

    it("keeps every append that races a compaction", async () => {
      const { initial, updates, doc } = boardUpdates(6);
      const board = await newBoard(initial);
      for (const update of updates.slice(0, 3)) await store.appendUpdate(board.id, update);
      await Promise.all([store.compact(board.id, foldUpdates), ...updates.slice(3).map((u) => store.appendUpdate(board.id, u))]);
      expect(readBoard(docFromParts((await store.loadBoardState(board.id)).parts))).toEqual(readBoard(doc));
      expect((await store.loadHistory(board.id)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    // SQL only: the memory store runs one compaction of a board at a time, so a nested one would wait forever.
    it.skipIf(!sql)("a compaction that another finished first gives up, leaving that one's snapshot, the log after it and the history whole", async () => {
      const { initial, updates, doc } = boardUpdates(4);
      const board = await newBoard(initial);
      for (const update of updates.slice(0, 3)) await store.appendUpdate(board.id, update);
      let inner: Awaited<ReturnType<typeof store.compact>> = null;
      // While the outer fold runs, a second compaction folds everything (one more entry included) and commits.
      const outer = await store.compact(board.id, async (parts) => {
        await store.appendUpdate(board.id, updates[3]);
        inner = await store.compact(board.id, foldUpdates);
        return foldUpdates(parts);
      });
      expect(outer).toBeNull();
      expect(inner).toMatchObject({ foldedUpdates: 5, upToSeq: 5 });
      const state = await store.loadBoardState(board.id);
      expect(state).toMatchObject({ logLength: 0, latestSeq: 5 });
      expect(readBoard(docFromParts(state.parts))).toEqual(readBoard(doc));
      expect((await store.loadHistory(board.id)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    });

    defineRecordsContract(() => store);
  });
}
