import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createBoardReader } from "@/lib/board/board-reader";
import { argumentsMap, readBoard } from "@/lib/board/doc";
import { addArgument, deleteArgument, updateArgument } from "@/lib/board/operations";
import { ALICE, ARTICLE, BOB, US, makeBoardDoc, replicaOf } from "./support/board-fixture";

const must = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe("createBoardReader", () => {
  it("reads what readBoard reads, after adds, edits, deletes and a synced replica's changes", () => {
    const doc = makeBoardDoc();
    const reader = createBoardReader(doc);
    const reads: unknown[] = [];
    doc.on("update", () => reads.push(reader.read()));

    const a = must(addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: "Aid should follow results.", quotes: [], author: ALICE }));
    const b = must(addArgument(doc, ARTICLE, { parentId: a.id, stance: "against", text: "Results take years.", quotes: [], author: BOB }));
    must(updateArgument(doc, ARTICLE, a.id, { text: "Aid should follow measured results." }));
    expect(reader.read()).toEqual(readBoard(doc));
    // Each read during an update already saw that update.
    expect(reads.at(-1)).toEqual(readBoard(doc));

    const replica = replicaOf(doc);
    must(addArgument(replica, ARTICLE, { parentId: US, stance: "against", text: "Pressure has never worked.", quotes: [], author: BOB }));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica));
    expect(reader.read()).toEqual(readBoard(doc));

    must(deleteArgument(doc, a.id));
    const after = reader.read();
    expect(after).toEqual(readBoard(doc));
    expect(after.arguments.map((x) => x.id)).not.toContain(b.id);
    reader.destroy();
  });

  it("keeps unchanged arguments as the same objects and skips records that fail the schema", () => {
    const doc = makeBoardDoc();
    const reader = createBoardReader(doc);
    const a = must(addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: "First.", quotes: [], author: ALICE }));
    const b = must(addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: "Second.", quotes: [], author: BOB }));
    const first = reader.read();
    must(updateArgument(doc, ARTICLE, b.id, { text: "Second, edited." }));
    const second = reader.read();
    expect(second.arguments.find((x) => x.id === a.id)).toBe(first.arguments.find((x) => x.id === a.id));
    expect(second.arguments.find((x) => x.id === b.id)?.text).toBe("Second, edited.");

    // A hostile peer breaks a record in place: it disappears from the view, the rest stays.
    (argumentsMap(doc).get(a.id) as Y.Map<unknown>).set("stance", "sideways");
    expect(reader.read().arguments.map((x) => x.id)).toEqual([b.id]);
    expect(reader.read()).toEqual(readBoard(doc));
  });
});
