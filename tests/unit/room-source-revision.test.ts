/**
 * A room anchors quotes to its board's current source: after a source revision written by another
 * server process reaches it (scale-out relay), it checks updates against the new text.
 */
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { readMeta } from "@/lib/board/doc";
import { writeSourceRevision } from "@/lib/revisions/source-revision-meta";
import { BoardRoom } from "@/server/sync/board-room";
import { openRoom } from "./support/room-fixture";

describe("BoardRoom and source revisions", () => {
  it("follows a revision another process applied, once the relayed update arrives", async () => {
    const { room, boardId, store } = await openRoom();
    const other = await BoardRoom.load(boardId, store, { compactEvery: 10_000 });
    const original = room.sourceText;
    const board = (await store.getBoard(boardId))!;
    const old = (await store.getSourceDocument(board.sourceId))!;
    const corrected = await store.ensureSourceDocument({ title: old.title, publisher: old.publisher, publishedOn: old.publishedOn, language: old.language, text: `Editor's note.\n\n${original}` });

    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array) => updates.push(update);
    room.doc.on("update", capture);
    // As the apply use-case does: the revision row and the update are stored together.
    const save = async (update: Uint8Array) => (await store.recordSourceRevision(boardId, { baseRevision: 1, sourceId: corrected.id, memberId: "mem-fran", update })).seq;
    const written = await room.exclusive("source revision", (step) =>
      step.change(
        "mem-fran",
        (doc: Y.Doc) => {
          writeSourceRevision(doc, { revision: 2, sha256: corrected.sha256, quotes: new Map(), retired: [], now: 1 });
          return { ok: true, value: null };
        },
        save,
      ),
    );
    room.doc.off("update", capture);
    expect(written.ok).toBe(true);
    room.replaceSource(corrected);
    expect(room.sourceText).toBe(corrected.text);

    expect(other.sourceText).toBe(original);
    const latest = (await store.loadBoardState(boardId)).latestSeq;
    await other.applyRemoteUpdate(latest, updates[0]);
    await other.catchUpTo(latest); // the reload is queued behind the relayed update
    expect(readMeta(other.doc).sourceSha256).toBe(corrected.sha256);
    expect(other.sourceText).toBe(corrected.text);
    await other.destroy();
    await room.destroy();
  });
});
