import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { carriesNothingNew, checkBoardUpdate, type UpdateVerdict } from "@/lib/board/check-update";
import { argumentsMap, metaMap, positionsMap, readArgument, writeRecord } from "@/lib/board/doc";
import { addArgument, deleteArgument, updateArgument, type NewArgument } from "@/lib/board/operations";
import { ALICE, ARTICLE, PAK_MILITARY, US, anchorFor, makeBoardDoc, replicaOf, seededRandom } from "./support/board-fixture";

type RecordMap = Y.Map<unknown>;

function add(doc: Y.Doc, id: string, parentId = US, overrides: Partial<NewArgument> = {}): void {
  const result = addArgument(doc, ARTICLE, { parentId, stance: "for", text: `Argument ${id}`, quotes: [], author: ALICE, ...overrides }, { id, now: 1 });
  if (!result.ok) throw new Error(result.error.message);
}

/** The live server document: a board with a top-level argument "a" and a reply "b". */
function liveBoard(): Y.Doc {
  const doc = makeBoardDoc();
  add(doc, "a");
  add(doc, "b", "a");
  return doc;
}

/** What a client synced from `before` sends after making `edit` on its own replica. */
function clientUpdate(before: Y.Doc, edit: (client: Y.Doc) => void): Uint8Array {
  const client = replicaOf(before);
  edit(client);
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(before));
}

/** Runs the check on a fresh trial replica and asserts that `before` is left byte-for-byte as it was. */
function check(before: Y.Doc, update: Uint8Array): { verdict: UpdateVerdict; trial: Y.Doc } {
  const snapshot = Y.encodeStateAsUpdate(before);
  const trial = replicaOf(before);
  const verdict = checkBoardUpdate(before, trial, update, ARTICLE);
  expect(Y.encodeStateAsUpdate(before)).toEqual(snapshot);
  return { verdict, trial };
}

const raw = (doc: Y.Doc, id: string) => argumentsMap(doc).get(id) as RecordMap;
const validRecord = (id: string) => ({ id, positionId: US, parentId: US, stance: "for", text: "raw", quotes: [], authorId: "u", authorName: "U", createdAt: 9, updatedAt: 9 });

function rejectionOf(before: Y.Doc, edit: (client: Y.Doc) => void) {
  const { verdict } = check(before, clientUpdate(before, edit));
  if (verdict.ok) throw new Error("expected the update to be rejected");
  return verdict.rejection;
}

describe("checkBoardUpdate accepts", () => {
  it("a valid argument added to a board that has none yet, naming its id", () => {
    const before = makeBoardDoc();
    const { verdict, trial } = check(before, clientUpdate(before, (c) => add(c, "new")));
    expect(verdict).toEqual({ ok: true, noop: false, changedArgumentIds: ["new"] });
    expect(readArgument(trial, "new")?.text).toBe("Argument new");
  });

  it("a rebuttal with a quote on a board that already has arguments", () => {
    const before = liveBoard();
    const quotes = [anchorFor(ARTICLE, "vis-à-vis")];
    const { verdict } = check(before, clientUpdate(before, (c) => add(c, "c", "b", { stance: "against", quotes })));
    expect(verdict).toEqual({ ok: true, noop: false, changedArgumentIds: ["c"] });
  });

  it("an edit of an existing argument's fields", () => {
    const before = liveBoard();
    const update = clientUpdate(before, (c) => updateArgument(c, ARTICLE, "a", { text: "Better wording", stance: "against" }, 5));
    expect(check(before, update).verdict).toEqual({ ok: true, noop: false, changedArgumentIds: ["a"] });
  });

  it("an update captured from the client's own update event", () => {
    const before = liveBoard();
    const client = replicaOf(before);
    const captured: Uint8Array[] = [];
    client.on("update", (u: Uint8Array) => captured.push(u));
    add(client, "p", PAK_MILITARY);
    expect(captured).toHaveLength(1);
    expect(check(before, captured[0]).verdict).toMatchObject({ ok: true, changedArgumentIds: ["p"] });
  });

  it("the deletion of a subtree", () => {
    const before = liveBoard();
    const { verdict } = check(before, clientUpdate(before, (c) => deleteArgument(c, "a")));
    expect(verdict.ok && [...verdict.changedArgumentIds].sort()).toEqual(["a", "b"]);
  });

  it("regression: checks a trial whose roots were created by applyUpdate alone", () => {
    // Such roots start as generic types that getMap swaps for new Y.Maps; the check once compared
    // against the stale ones, so it waved invalid arguments through and refused valid edits.
    const before = liveBoard();
    const trial = new Y.Doc();
    Y.applyUpdate(trial, Y.encodeStateAsUpdate(before));
    const bad = clientUpdate(before, (c) => writeRecord(argumentsMap(c), "x", { ...validRecord("x"), text: "" }));
    expect(checkBoardUpdate(before, trial, bad, ARTICLE)).toMatchObject({ ok: false, rejection: { code: "invalid-content" } });
    const fresh = replicaOf(before);
    const edit = clientUpdate(before, (c) => raw(c, "b").set("text", "Edited"));
    expect(checkBoardUpdate(before, fresh, edit, ARTICLE)).toEqual({ ok: true, noop: false, changedArgumentIds: ["b"] });
  });

  it("leaves the trial as the live board will be once the update is applied", () => {
    const before = liveBoard();
    const update = clientUpdate(before, (c) => add(c, "c", "a"));
    const { trial } = check(before, update);
    const after = replicaOf(before);
    Y.applyUpdate(after, update);
    expect(readArgument(trial, "c")).toEqual(readArgument(after, "c"));
  });

  it("an update with nothing new in it, as a no-op", () => {
    const before = liveBoard();
    expect(check(before, clientUpdate(before, () => {})).verdict).toEqual({ ok: true, noop: true, changedArgumentIds: [] });
  });
});

describe("checkBoardUpdate rejects writes outside the arguments", () => {
  it.each([
    ["the title in meta", (c: Y.Doc) => metaMap(c).set("title", "Hijacked")],
    ["a position's label", (c: Y.Doc) => (positionsMap(c).get(US) as RecordMap).set("label", "Renamed")],
    ["a new position", (c: Y.Doc) => writeRecord(positionsMap(c), "pos-new", { id: "pos-new" })],
    ["a deleted position", (c: Y.Doc) => positionsMap(c).delete(PAK_MILITARY)],
  ])("%s, as protected-root", (_name, edit) => {
    expect(rejectionOf(liveBoard(), edit).code).toBe("protected-root");
  });

  it.each([
    ["a map", (c: Y.Doc) => c.getMap("evil").set("x", 1)],
    ["a text", (c: Y.Doc) => c.getText("notes").insert(0, "hello")],
    ["an array", (c: Y.Doc) => c.getArray("votes").push([1])],
  ])("an unknown root holding %s, as forbidden-root", (_name, edit) => {
    expect(rejectionOf(liveBoard(), edit).code).toBe("forbidden-root");
  });

  it("list content pushed into the arguments root, as forbidden-root", () => {
    const rejection = rejectionOf(makeBoardDoc(), (c) => c.getArray("arguments").insert(0, ["x"]));
    expect(rejection).toMatchObject({ code: "forbidden-root", message: "The arguments section is a map, not a list." });
  });
});

describe("checkBoardUpdate rejects invalid arguments as invalid-content", () => {
  it("a quote that is not in the source", () => {
    const quote = { exact: "Pakistan annexed the moon", prefix: "", suffix: "", start: 10, end: 35 };
    const rejection = rejectionOf(liveBoard(), (c) => writeRecord(argumentsMap(c), "x", { ...validRecord("x"), quotes: [quote] }));
    expect(rejection).toMatchObject({ code: "invalid-content", argumentId: "x", detail: { code: "quote-not-found", path: ["quotes", 0] } });
  });

  it("a quote stored with plain spaces where the source has a no-break space", () => {
    const real = anchorFor(ARTICLE, "his administration\u00a0was");
    const typed = { ...real, exact: real.exact.replace("\u00a0", " ") };
    const rejection = rejectionOf(liveBoard(), (c) => writeRecord(argumentsMap(c), "x", { ...validRecord("x"), quotes: [typed] }));
    expect(rejection).toMatchObject({ code: "invalid-content", detail: { code: "quote-not-found" } });
  });

  it("empty text, on a new argument or an edited one", () => {
    expect(rejectionOf(liveBoard(), (c) => writeRecord(argumentsMap(c), "x", { ...validRecord("x"), text: "  " }))).toMatchObject({
      code: "invalid-content",
      message: "An argument needs some text.",
      detail: { code: "invalid-argument", path: ["text"] },
    });
    expect(rejectionOf(liveBoard(), (c) => raw(c, "a").set("text", ""))).toMatchObject({ code: "invalid-content", argumentId: "a" });
  });

  it.each([
    ["authorId", "a", "someone-else"],
    ["createdAt", "a", 42],
  ])("a changed %s", (field, id, value) => {
    const rejection = rejectionOf(liveBoard(), (c) => raw(c, id).set(field, value));
    expect(rejection).toMatchObject({ code: "invalid-content", argumentId: id, detail: { code: "immutable-field", path: [field] } });
  });

  it("a top-level argument whose position no longer names its parent", () => {
    const rejection = rejectionOf(liveBoard(), (c) => raw(c, "a").set("positionId", PAK_MILITARY));
    expect(rejection).toMatchObject({ code: "invalid-content", argumentId: "a", detail: { code: "position-mismatch" } });
  });

  it("a move under one of the argument's own replies, or to a parent that is not there (moves: lib/board/move.ts)", () => {
    expect(rejectionOf(liveBoard(), (c) => raw(c, "a").set("parentId", "b"))).toMatchObject({ argumentId: "a", detail: { code: "cycle" } });
    const rejection = rejectionOf(liveBoard(), (c) => writeRecord(argumentsMap(c), "b", { ...readArgument(c, "b")!, parentId: "nowhere" }));
    expect(rejection).toMatchObject({ code: "invalid-content", detail: { code: "parent-not-found" } });
  });

  it("a record whose id differs from its key", () => {
    const rejection = rejectionOf(liveBoard(), (c) => writeRecord(argumentsMap(c), "key", validRecord("other")));
    expect(rejection).toMatchObject({ code: "invalid-content", message: "An argument's id must match its key." });
  });

  it("a record stored as a plain object instead of a map, which readers would never show", () => {
    const rejection = rejectionOf(liveBoard(), (c) => (argumentsMap(c) as Y.Map<unknown>).set("plain", validRecord("plain")));
    expect(rejection).toMatchObject({ code: "invalid-content", argumentId: "plain" });
  });

  it("an extra field or a reply to an unknown parent", () => {
    expect(rejectionOf(liveBoard(), (c) => raw(c, "a").set("isAdmin", true))).toMatchObject({ detail: { code: "invalid-argument" } });
    const orphan = { ...validRecord("x"), parentId: "ghost" };
    expect(rejectionOf(liveBoard(), (c) => writeRecord(argumentsMap(c), "x", orphan))).toMatchObject({ detail: { code: "parent-not-found" } });
  });

  it("the whole update when one of several arguments in it is bad", () => {
    const rejection = rejectionOf(liveBoard(), (c) => {
      c.transact(() => {
        add(c, "good");
        writeRecord(argumentsMap(c), "bad", { ...validRecord("bad"), stance: "neutral" });
      });
    });
    expect(rejection).toMatchObject({ code: "invalid-content", argumentId: "bad" });
  });
});

describe("checkBoardUpdate rejects broken updates without throwing", () => {
  it.each([
    ["random-looking bytes", [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ["all 0xff", [0xff, 0xff, 0xff, 0xff]],
    ["nothing at all", []],
  ])("%s, as undecodable", (_name, bytes) => {
    const { verdict } = check(liveBoard(), new Uint8Array(bytes));
    expect(verdict).toMatchObject({ ok: false, rejection: { code: "undecodable" } });
  });

  it("never throws or touches `before` for 300 seeded random frames", () => {
    const before = liveBoard();
    const random = seededRandom(20_240_611);
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256));
      expect(() => check(before, bytes)).not.toThrow();
    }
  });

  it("an update that depends on earlier updates the server has not seen, as incomplete-update", () => {
    const before = liveBoard();
    const client = replicaOf(before);
    const captured: Uint8Array[] = [];
    client.on("update", (u: Uint8Array) => captured.push(u));
    add(client, "first");
    add(client, "second", "first");
    expect(check(before, captured[1]).verdict).toMatchObject({ ok: false, rejection: { code: "incomplete-update" } });
  });
});

describe("checkBoardUpdate and edits that cross a delete", () => {
  /** The server's document, A's delete already applied, and B's offline edit of the deleted argument. */
  function crossing() {
    const server = liveBoard();
    const b = replicaOf(server); // B goes offline holding "a"
    const deleted = deleteArgument(server, "a");
    if (!deleted.ok) throw new Error(deleted.error.message);
    const beforeEdit = Y.encodeStateVector(b);
    const edited = updateArgument(b, ARTICLE, "a", { text: "Edited offline" }, 3);
    if (!edited.ok) throw new Error(edited.error.message);
    return { server, b, edit: Y.encodeStateAsUpdate(b, beforeEdit) };
  }

  it("does not call an edit of deleted content a no-op: it carries structs the server lacks", () => {
    const { server, edit } = crossing();
    const { verdict } = check(server, edit);
    expect(verdict).toMatchObject({ ok: true, noop: false });
  });

  it("accepts the same client's next update once the crossing edit is applied, in either delivery order", () => {
    for (const order of ["edit-then-add", "merged"] as const) {
      const { server, b, edit } = crossing();
      const beforeAdd = Y.encodeStateVector(b);
      add(b, "y");
      const addY = Y.encodeStateAsUpdate(b, beforeAdd);
      const trial = replicaOf(server);
      if (order === "edit-then-add") {
        const first = checkBoardUpdate(server, trial, edit, ARTICLE);
        expect(first.ok).toBe(true);
        Y.applyUpdate(server, edit); // what the room does with a non-no-op: store and apply
      }
      const second = checkBoardUpdate(server, trial, order === "merged" ? Y.mergeUpdates([edit, addY]) : addY, ARTICLE);
      expect(second).toMatchObject({ ok: true, noop: false, changedArgumentIds: ["y"] });
      if (order === "merged") Y.applyUpdate(server, Y.mergeUpdates([edit, addY]));
      else Y.applyUpdate(server, addY);
      expect(readArgument(server, "y")?.text).toBe("Argument y");
      // The trial copy and the live document never differ once a message is handled.
      expect(Y.encodeStateVector(trial)).toEqual(Y.encodeStateVector(server));
    }
  });

  it("still calls an update the server already holds a no-op", () => {
    const server = liveBoard();
    const { verdict } = check(server, Y.encodeStateAsUpdate(server));
    expect(verdict).toMatchObject({ ok: true, noop: true });
  });

  it("refuses an observer's write even when it lands only in deleted content", () => {
    const { server, edit } = crossing();
    const trial = replicaOf(server);
    const verdict = checkBoardUpdate(server, trial, edit, ARTICLE, { memberId: "obs", role: "observer" });
    expect(verdict).toMatchObject({ ok: false, rejection: { code: "forbidden" } });
  });
});

describe("carriesNothingNew (the room's shortcut past its trial copy)", () => {
  it("is true for an empty update and for structs the document has, false for new structs, deletions and garbage", () => {
    const before = liveBoard();
    expect(carriesNothingNew(before, clientUpdate(before, () => undefined))).toBe(true);
    expect(carriesNothingNew(before, Y.encodeStateAsUpdate(before))).toBe(true);
    expect(carriesNothingNew(before, clientUpdate(before, (client) => add(client, "c")))).toBe(false);
    const deletion = clientUpdate(before, (client) => void deleteArgument(client, "b"));
    expect(carriesNothingNew(before, deletion)).toBe(false);
    expect(checkBoardUpdate(before, replicaOf(before), deletion, ARTICLE)).toMatchObject({ ok: true, noop: false });
    expect(carriesNothingNew(before, new Uint8Array([255, 1, 2]))).toBe(false);
  });
});
