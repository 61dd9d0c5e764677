/**
 * The intents a refused update's neighbours are replayed from: what a local transaction did to the
 * argument records, captured before garbage collection and replayed on another replica.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { captureArgumentEdits, editSnippet, replayArgumentEdits, type ArgumentEdit } from "@/components/sync/argument-edits";
import { readArgument, readBoard } from "@/lib/board/doc";
import { deleteArgument, updateArgument } from "@/lib/board/operations";
import { ARTICLE, makeBoardDoc, replicaOf } from "./support/board-fixture";
import { addPoint } from "./support/client-harness";

/** Runs `change` on `doc` and returns the edits its transaction made. */
function captured(doc: Y.Doc, change: () => void): ArgumentEdit[] {
  let edits: ArgumentEdit[] = [];
  const listen = (transaction: Y.Transaction) => (edits = captureArgumentEdits(doc, transaction));
  doc.on("afterTransaction", listen);
  try {
    change();
  } finally {
    doc.off("afterTransaction", listen);
  }
  return edits;
}

describe("argument edits: capture and replay", () => {
  it("captures an added argument whole, a changed one by its changed fields, a deleted one with its text", () => {
    const doc = makeBoardDoc();
    const [added] = captured(doc, () => addPoint(doc, "A new point."));
    expect(added).toMatchObject({ kind: "add", record: { text: "A new point." } });
    const id = added.id;

    const changed = captured(doc, () => updateArgument(doc, ARTICLE, id, { text: "A sharper point." }, Date.now() + 1));
    expect(changed).toEqual([{ kind: "change", id, fields: { text: "A sharper point.", updatedAt: expect.any(Number) }, text: "A sharper point." }]);

    const deleted = captured(doc, () => deleteArgument(doc, id));
    expect(deleted).toEqual([{ kind: "delete", id, text: "A sharper point." }]);
    expect(editSnippet(deleted[0])).toBe("A sharper point.");
  });

  it("replays edits on a replica that never saw them, leaving the same board", () => {
    const doc = makeBoardDoc();
    const replica = replicaOf(doc);
    const batches: ArgumentEdit[][] = [];
    const listen = (transaction: Y.Transaction) => batches.push(captureArgumentEdits(doc, transaction));
    doc.on("afterTransaction", listen);
    const a = addPoint(doc, "First.");
    const b = addPoint(doc, "Second.");
    updateArgument(doc, ARTICLE, a.id, { text: "First, revised." }, Date.now() + 1);
    deleteArgument(doc, b.id);
    doc.off("afterTransaction", listen);

    for (const edits of batches) expect(replayArgumentEdits(replica, edits)).toEqual([]);
    expect(readBoard(replica)).toEqual(readBoard(doc));
  });

  it("returns the change it cannot replay because its argument is gone, and applies the rest", () => {
    const doc = makeBoardDoc();
    const point = addPoint(doc, "Soon gone.");
    const replica = replicaOf(doc);
    const edits = captured(doc, () => updateArgument(doc, ARTICLE, point.id, { text: "Edited meanwhile." }, Date.now() + 1));
    deleteArgument(replica, point.id);
    expect(replayArgumentEdits(replica, edits)).toEqual(edits);
    expect(readArgument(replica, point.id)).toBeNull();
  });

  it("shortens a long snippet to one line", () => {
    const long = `${"word ".repeat(30)}\n end`;
    expect(editSnippet({ kind: "delete", id: "x", text: long })).toMatch(/^word word .{40,}…$/);
    expect(editSnippet({ kind: "delete", id: "x", text: long })!.length).toBe(60);
  });
});
