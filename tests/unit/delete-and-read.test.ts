import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { argumentsMap, readArguments, readBoard, writeRecord } from "@/lib/board/doc";
import { addArgument, deleteArgument, type NewArgument } from "@/lib/board/operations";
import { ALICE, ARTICLE, PAK_MILITARY, SEED_POSITIONS, US, makeBoardDoc, replicaOf } from "./support/board-fixture";

function add(doc: Y.Doc, id: string, parentId: string, now = 1, overrides: Partial<NewArgument> = {}): void {
  const result = addArgument(doc, ARTICLE, { parentId, stance: "for", text: `Argument ${id}`, quotes: [], author: ALICE, ...overrides }, { id, now });
  if (!result.ok) throw new Error(result.error.message);
}

/** US: a -> (b -> d, c); PAK: p. */
function sampleBoard(): Y.Doc {
  const doc = makeBoardDoc();
  add(doc, "a", US, 1);
  add(doc, "b", "a", 2);
  add(doc, "c", "a", 3);
  add(doc, "d", "b", 4);
  add(doc, "p", PAK_MILITARY, 5);
  return doc;
}

const ids = (doc: Y.Doc) => readArguments(doc).map((a) => a.id);

/** A well-formed record as it would be stored, for writing raw (possibly broken) variants. */
function rawRecord(id: string, parentId = US) {
  return { id, positionId: US, parentId, stance: "for", text: "raw", quotes: [], authorId: "u", authorName: "U", createdAt: 9, updatedAt: 9 };
}

describe("deleteArgument", () => {
  it("removes the argument and its whole subtree, returning the removed ids", () => {
    const doc = sampleBoard();
    const result = deleteArgument(doc, "a");
    expect(result.ok && [...result.value].sort()).toEqual(["a", "b", "c", "d"]);
    expect(ids(doc)).toEqual(["p"]);
    expect([...argumentsMap(doc).keys()]).toEqual(["p"]);
  });

  it("removes only a leaf when the leaf is deleted", () => {
    const doc = sampleBoard();
    expect(deleteArgument(doc, "d")).toEqual({ ok: true, value: ["d"] });
    expect(ids(doc)).toEqual(["a", "b", "c", "p"]);
  });

  it("removes a middle node with its replies but not its siblings", () => {
    const doc = sampleBoard();
    deleteArgument(doc, "b");
    expect(ids(doc)).toEqual(["a", "c", "p"]);
  });

  it("deletes in one transaction, so peers see a single update", () => {
    const doc = sampleBoard();
    let updates = 0;
    doc.on("update", () => updates++);
    deleteArgument(doc, "a");
    expect(updates).toBe(1);
  });

  it("reports an unknown argument and changes nothing", () => {
    const doc = sampleBoard();
    expect(deleteArgument(doc, "zzz")).toMatchObject({ ok: false, error: { code: "argument-not-found" } });
    expect(ids(doc)).toHaveLength(5);
  });

  it("can delete a record that fails the schema", () => {
    const doc = sampleBoard();
    writeRecord(argumentsMap(doc), "broken", { id: "broken" });
    expect(deleteArgument(doc, "broken")).toEqual({ ok: true, value: ["broken"] });
    expect(argumentsMap(doc).has("broken")).toBe(false);
  });
});

describe("readArguments", () => {
  it("lists arguments oldest first, breaking ties by id", () => {
    const doc = makeBoardDoc();
    add(doc, "z", US, 5);
    add(doc, "m", US, 1);
    add(doc, "b", US, 5);
    expect(ids(doc)).toEqual(["m", "b", "z"]);
  });

  it("hides a reply whose parent was deleted concurrently on another replica", () => {
    const left = sampleBoard();
    const right = replicaOf(left);
    add(left, "late-reply", "d", 10);
    deleteArgument(right, "b");
    Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
    Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
    for (const doc of [left, right]) {
      expect(argumentsMap(doc).has("late-reply")).toBe(true);
      expect(ids(doc)).toEqual(["a", "c", "p"]);
    }
  });

  it("skips records that fail the schema", () => {
    const doc = sampleBoard();
    const map = argumentsMap(doc);
    writeRecord(map, "no-text", { ...rawRecord("no-text"), text: "" });
    writeRecord(map, "extra-field", { ...rawRecord("extra-field"), admin: true });
    writeRecord(map, "bad-stance", { ...rawRecord("bad-stance"), stance: "maybe" });
    writeRecord(map, "missing-author", { ...rawRecord("missing-author"), authorId: undefined });
    (map as Y.Map<unknown>).set("plain-object", rawRecord("plain-object"));
    (map as Y.Map<unknown>).set("a-string", "hello");
    expect(ids(doc)).toEqual(["a", "b", "c", "d", "p"]);
  });

  it("skips a record stored under a key other than its id", () => {
    const doc = sampleBoard();
    writeRecord(argumentsMap(doc), "key", rawRecord("other"));
    expect(ids(doc)).not.toContain("other");
    expect(ids(doc)).not.toContain("key");
  });

  it("shows a valid raw record written straight into the map", () => {
    const doc = sampleBoard();
    writeRecord(argumentsMap(doc), "raw", rawRecord("raw", "c"));
    expect(ids(doc)).toContain("raw");
  });

  it("reads an argument's position from its chain, whatever position the record claims (moves)", () => {
    const doc = sampleBoard();
    writeRecord(argumentsMap(doc), "swap", { ...rawRecord("swap", "p"), positionId: US });
    writeRecord(argumentsMap(doc), "top-swap", { ...rawRecord("top-swap", PAK_MILITARY), positionId: US });
    const byId = new Map(readArguments(doc).map((a) => [a.id, a]));
    expect(byId.get("swap")?.positionId).toBe(byId.get("p")?.positionId);
    expect(byId.get("top-swap")?.positionId).toBe(PAK_MILITARY);
  });

  it("hides records that form a cycle instead of looping forever", () => {
    const doc = sampleBoard();
    writeRecord(argumentsMap(doc), "x", rawRecord("x", "y"));
    writeRecord(argumentsMap(doc), "y", rawRecord("y", "x"));
    writeRecord(argumentsMap(doc), "self", rawRecord("self", "self"));
    expect(ids(doc)).toEqual(["a", "b", "c", "d", "p"]);
  });
});

describe("readBoard", () => {
  it("returns meta, positions in order and the visible arguments", () => {
    const board = readBoard(sampleBoard());
    expect(board.meta).toEqual({ schemaVersion: 1, title: "Can the US and Pakistan reset bilateral ties?", sourceSha256: "0".repeat(64) });
    expect(board.positions).toEqual(SEED_POSITIONS);
    expect(board.positions.map((p) => [p.key, p.label])).toEqual([["us", "The US position"], ["pak-military", "The Pakistani military position"]]);
    expect(board.arguments.map((a) => a.id)).toEqual(["a", "b", "c", "d", "p"]);
  });
});
