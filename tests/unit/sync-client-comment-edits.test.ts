/**
 * Comments among the intents a client replays after one of its changes was refused: captured with
 * their root, replayed into the comments map, and stored in the local copy's saved work.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { captureArgumentEdits, replayArgumentEdits, type ArgumentEdit } from "@/components/sync/argument-edits";
import { refusalNotice } from "@/components/sync/refusal-notice";
import { parseSavedWork, storedWork } from "@/components/sync/saved-work";
import { addComment, deleteComment, editComment, readComment } from "@/lib/board/comments";
import { makeBoardDoc, replicaOf } from "./support/board-fixture";
import { addPoint } from "./support/client-harness";

const AYESHA = { id: "mem-ayesha", name: "Ayesha" };

describe("comment edits: capture and replay", () => {
  it("captures a comment's add, change and delete with its root, and replays them into the comments", () => {
    const doc = makeBoardDoc();
    const point = addPoint(doc, "A point.");
    const replica = replicaOf(doc);
    const batches: ArgumentEdit[][] = [];
    const listen = (transaction: Y.Transaction) => batches.push(captureArgumentEdits(doc, transaction));
    doc.on("afterTransaction", listen);
    addComment(doc, { argumentId: point.id, replyTo: null, text: "Why?", author: AYESHA }, () => true, { id: "c1", now: 1 });
    addComment(doc, { argumentId: point.id, replyTo: null, text: "Gone soon.", author: AYESHA }, () => true, { id: "c2", now: 2 });
    editComment(doc, "c1", "Why, exactly?", 3);
    deleteComment(doc, "c2");
    doc.off("afterTransaction", listen);

    expect(batches.flat().map((e) => [e.kind, e.id, e.root])).toEqual([
      ["add", "c1", "comments"],
      ["add", "c2", "comments"],
      ["change", "c1", "comments"],
      ["delete", "c2", "comments"],
    ]);
    for (const edits of batches) expect(replayArgumentEdits(replica, edits)).toEqual([]);
    expect(readComment(replica, "c1")?.text).toBe("Why, exactly?");
    expect(readComment(replica, "c2")).toBeNull();
  });

  it("keeps comment intents in the local copy and names a refused comment as one", () => {
    const edit: ArgumentEdit = { kind: "add", id: "c1", record: { text: "Why?" }, root: "comments" };
    expect(parseSavedWork(storedWork({ changes: [], replay: [[edit]] })).replay).toEqual([[edit]]);
    const notice = refusalNotice({ edits: [edit] } as never, { code: "forbidden", message: "During Voting, comments cannot be added or changed.", retry: false }, 0);
    expect(notice.message).toBe("Your new comment “Why?” was not saved: During Voting, comments cannot be added or changed.");
  });
});
