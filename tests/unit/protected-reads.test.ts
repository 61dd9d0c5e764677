import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { positionsMap, readPositions } from "@/lib/board/doc";
import { addArgument } from "@/lib/board/operations";
import { readProtectedParts } from "@/lib/board/protected-reads";
import { readSession, writeSession } from "@/lib/session/session";
import { ALICE, ARTICLE, US, makeBoardDoc, replicaOf } from "./support/board-fixture";

const lockedSettings = (doc: Y.Doc) => ({ ...readSession(doc).settings, locked: true });

describe("readProtectedParts: the session and positions, parsed once per change of their roots", () => {
  it("reads what readSession and readPositions read, frozen", () => {
    const doc = makeBoardDoc();
    const parts = readProtectedParts(doc);
    expect(parts.session).toEqual(readSession(doc));
    expect(parts.positions).toEqual(readPositions(doc));
    expect([...parts.positionsById.keys()]).toEqual(readPositions(doc).map((p) => p.id));
    expect(Object.isFrozen(parts.session.settings)).toBe(true);
    expect(Object.isFrozen(parts.positions[0])).toBe(true);
  });

  it("keeps its reading while only arguments change", () => {
    const doc = makeBoardDoc();
    const first = readProtectedParts(doc);
    const added = addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: "An argument", quotes: [], author: ALICE });
    expect(added.ok).toBe(true);
    const second = readProtectedParts(doc);
    expect(second.session).toBe(first.session);
    expect(second.positions).toBe(first.positions);
  });

  it("reads the session again after the server writes it", () => {
    const doc = makeBoardDoc();
    const first = readProtectedParts(doc);
    writeSession(doc, { settings: lockedSettings(doc) });
    expect(readProtectedParts(doc).session.settings.locked).toBe(true);
    expect(readProtectedParts(doc).positions).toBe(first.positions); // untouched root, kept
  });

  it("reads the positions again after one is changed inside its record", () => {
    const doc = makeBoardDoc();
    readProtectedParts(doc);
    (positionsMap(doc).get(US) as Y.Map<unknown>).set("label", "Renamed");
    expect(readProtectedParts(doc).positionsById.get(US)?.label).toBe("Renamed");
  });

  it("follows changes that arrive as updates from another replica (a relayed server change)", () => {
    const doc = makeBoardDoc();
    const other = replicaOf(doc);
    readProtectedParts(doc);
    writeSession(other, { settings: lockedSettings(other) });
    positionsMap(other).delete(US);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    const parts = readProtectedParts(doc);
    expect(parts.session.settings.locked).toBe(true);
    expect(parts.positionsById.has(US)).toBe(false);
  });

  it("inside a transaction, sees a change made earlier in it (and does not keep that reading)", () => {
    const doc = makeBoardDoc();
    readProtectedParts(doc);
    doc.transact(() => {
      writeSession(doc, { settings: lockedSettings(doc) });
      expect(readProtectedParts(doc).session.settings.locked).toBe(true);
    });
    writeSession(doc, { settings: { ...readSession(doc).settings, locked: false } });
    expect(readProtectedParts(doc).session.settings.locked).toBe(false);
  });

  it("reads a document whose roots were first created by an update", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(makeBoardDoc()));
    expect(readProtectedParts(doc).positionsById.has(US)).toBe(true);
    const other = replicaOf(doc);
    writeSession(other, { settings: lockedSettings(other) });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(readProtectedParts(doc).session.settings.locked).toBe(true);
  });
});
