/**
 * A relayed source revision and a client's update queued right behind it, on a second server process:
 * the update must be checked against the NEW text, even though the room reloads the source in a later
 * step of its queue. A quote anchored to the old text's offsets is refused, not stored mis-anchored.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readArgument } from "@/lib/board/doc";
import { writeSourceRevision } from "@/lib/revisions/source-revision-meta";
import { addArgument } from "@/lib/board/operations";
import { createAnchor } from "@/lib/anchoring/anchor";
import { codePointLength, utf16ToCodePoint } from "@/lib/anchoring/text";
import { BoardRoom } from "@/server/sync/board-room";
import { openRoom } from "./support/room-fixture";
import { RoomClient } from "./support/room-client";

const QUOTED = "why should the US continue to provide the military funding?";

describe("BoardRoom: an update queued behind a relayed source revision", () => {
  it("is checked against the revised text", async () => {
    const { room, boardId, store } = await openRoom();
    const other = await BoardRoom.load(boardId, store, { compactEvery: 10_000 });
    const original = room.sourceText;
    const carol = new RoomClient(other, "Carol", { memberId: "mem-carol", role: "participant", displayName: "Carol" });
    carol.connect();
    await carol.sync();

    const board = (await store.getBoard(boardId))!;
    const old = (await store.getSourceDocument(board.sourceId))!;
    const corrected = await store.ensureSourceDocument({ title: old.title, publisher: old.publisher, publishedOn: old.publishedOn, language: old.language, text: `Editor's note.\n\n${original}` });
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array) => updates.push(update);
    room.doc.on("update", capture);
    // As the apply use-case does: the revision row and the update are stored together.
    const save = async (update: Uint8Array) => (await store.recordSourceRevision(boardId, { baseRevision: 1, sourceId: corrected.id, memberId: "mem-fran", update })).seq;
    await room.exclusive("source revision", (step) =>
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
    room.replaceSource(corrected);

    // Carol, still on the old text, quotes it; her frame reaches the other process just after the relayed revision.
    const start = utf16ToCodePoint(original, original.indexOf(QUOTED));
    const anchored = createAnchor(original, start, start + codePointLength(QUOTED));
    if (!anchored.ok) throw new Error(anchored.message);
    const added = carol.edit((doc) => addArgument(doc, original, { parentId: "pos-us", stance: "for", text: "On the old text.", author: { id: "mem-carol", name: "Carol" }, quotes: [anchored.anchor] }));
    expect(added.ok).toBe(true);
    const latest = (await store.loadBoardState(boardId)).latestSeq;
    const relayed = other.applyRemoteUpdate(latest, updates[0]);
    carol.toServer.flush();
    await relayed;
    await carol.settled();

    expect(carol.acksOf("update")[0]).toMatchObject({ ok: false, code: "update-rejected" });
    expect(readArgument(other.doc, added.ok ? added.value.id : "")).toBeNull();
    expect(other.sourceText).toBe(corrected.text);
    await other.destroy();
    await room.destroy();
  });
});
