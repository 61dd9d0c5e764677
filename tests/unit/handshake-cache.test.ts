/**
 * HandshakeCache: a room's answers to Step 1 are encoded once per change of the board, equal what a
 * fresh encoding would say, are kept only for repeated questions, and are forgotten on any change.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { addArgument } from "@/lib/board/operations";
import { decodeSyncMessage, syncStep1, syncStep2 } from "@/lib/protocol/sync-messages";
import { HandshakeCache } from "@/server/sync/handshake-cache";
import { ALICE, ARTICLE, US, makeBoardDoc } from "./support/board-fixture";

function add(doc: Y.Doc, id: string): void {
  const result = addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: `Argument ${id}`, quotes: [], author: ALICE }, { id, now: 1 });
  if (!result.ok) throw new Error(result.error.message);
}

const EMPTY = Y.encodeStateVector(new Y.Doc());

afterEach(() => {
  vi.useRealTimers();
});

describe("HandshakeCache", () => {
  it("answers exactly what a fresh encoding would", () => {
    const doc = makeBoardDoc();
    add(doc, "a");
    const cache = new HandshakeCache(doc);
    const partial = new Y.Doc();
    Y.applyUpdate(partial, Y.encodeStateAsUpdate(makeBoardDoc()));
    for (let round = 0; round < 3; round++) {
      expect(cache.step1()).toEqual(syncStep1(doc));
      expect(cache.step2(EMPTY)).toEqual(syncStep2(doc, EMPTY));
      expect(cache.step2(Y.encodeStateVector(partial))).toEqual(syncStep2(doc, Y.encodeStateVector(partial)));
    }
  });

  it("keeps a Step 2 only once the same question came twice, then reuses it", () => {
    const doc = makeBoardDoc();
    const cache = new HandshakeCache(doc);
    const first = cache.step2(EMPTY);
    expect(cache.heldAnswers).toBe(0); // one join to a quiet board keeps nothing
    const second = cache.step2(EMPTY);
    expect(cache.heldAnswers).toBe(1);
    expect(cache.step2(EMPTY)).toBe(second); // the very same bytes, not encoded again
    expect(second).toEqual(first);
    expect(cache.step1()).toBe(cache.step1());
  });

  it("drops what it holds once the document changes", () => {
    const doc = makeBoardDoc();
    const cache = new HandshakeCache(doc);
    cache.step2(EMPTY);
    const before = cache.step2(EMPTY);
    const step1Before = cache.step1();
    add(doc, "later");
    expect(cache.heldAnswers).toBe(0);
    const after = cache.step2(EMPTY);
    expect(after).not.toEqual(before);
    expect(after).toEqual(syncStep2(doc, EMPTY));
    expect(cache.step1()).not.toEqual(step1Before);
    expect(cache.step1()).toEqual(syncStep1(doc));
  });

  it("forgets a change made by an update applied from elsewhere, deletions included", () => {
    const doc = makeBoardDoc();
    add(doc, "a");
    const cache = new HandshakeCache(doc);
    cache.step2(EMPTY);
    cache.step2(EMPTY);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(other);
    (other.getMap("arguments") as Y.Map<unknown>).delete("a");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before), "remote");
    expect(cache.step2(EMPTY)).toEqual(syncStep2(doc, EMPTY));
  });

  it("drops a kept Step 2 after it has gone unused for idleMs", () => {
    vi.useFakeTimers();
    const doc = makeBoardDoc();
    const cache = new HandshakeCache(doc, { idleMs: 1_000 });
    cache.step2(EMPTY);
    cache.step2(EMPTY);
    vi.advanceTimersByTime(600);
    cache.step2(EMPTY); // used again: the clock restarts
    vi.advanceTimersByTime(600);
    expect(cache.heldAnswers).toBe(1);
    vi.advanceTimersByTime(500);
    expect(cache.heldAnswers).toBe(0);
  });

  it("holds at most maxAnswers distinct answers", () => {
    const doc = makeBoardDoc();
    const cache = new HandshakeCache(doc, { maxAnswers: 2 });
    const vectors = [1, 2, 3].map((client) => {
      const other = new Y.Doc();
      other.clientID = client;
      other.getMap("scratch").set("k", client);
      return Y.encodeStateVector(other);
    });
    for (const vector of vectors) {
      cache.step2(vector);
      cache.step2(vector);
    }
    expect(cache.heldAnswers).toBe(2);
  });

  it("puts no update listener on the document (that would make Yjs encode every transaction)", () => {
    const doc = makeBoardDoc();
    const cache = new HandshakeCache(doc);
    const observers = (doc as unknown as { _observers: Map<string, unknown> })._observers;
    expect(observers.has("update")).toBe(false);
    cache.destroy();
  });

  it("stops listening once destroyed", () => {
    const doc = makeBoardDoc();
    const cache = new HandshakeCache(doc);
    cache.destroy();
    add(doc, "after");
    expect(cache.step2(EMPTY)).toEqual(syncStep2(doc, EMPTY));
  });

  it("answers the first fresh client with the update the document was built from, once, and then encodes as before", () => {
    const built = makeBoardDoc();
    add(built, "a");
    const stored = Y.encodeStateAsUpdate(built);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored);
    const cache = new HandshakeCache(doc);
    cache.seedWholeUpdate(stored);
    const partial = Y.encodeStateVector(makeBoardDoc());
    expect(cache.step2(partial)).toEqual(syncStep2(doc, partial)); // a client holding something: a diff, seed untouched
    const first = cache.step2(EMPTY);
    expect(first).toEqual(syncStep2(doc, EMPTY)); // the same bytes an encoding gives
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, (decodeSyncMessage(first) as { update: Uint8Array }).update);
    expect(Y.encodeStateAsUpdate(fresh)).toEqual(Y.encodeStateAsUpdate(doc));
    expect(cache.heldAnswers).toBe(0); // used once, not kept
    expect(cache.step2(EMPTY)).toEqual(syncStep2(doc, EMPTY));
  });

  it("forgets the update it was seeded with once the document changes or after idleMs", () => {
    vi.useFakeTimers();
    const doc = makeBoardDoc();
    const cache = new HandshakeCache(doc, { idleMs: 1_000 });
    cache.seedWholeUpdate(Y.encodeStateAsUpdate(doc));
    add(doc, "later");
    expect(cache.step2(EMPTY)).toEqual(syncStep2(doc, EMPTY)); // the change is in, the seed is not used
    const idle = new HandshakeCache(doc, { idleMs: 1_000 });
    idle.seedWholeUpdate(new Uint8Array([0, 0])); // an empty update: would be a wrong answer if it outlived idleMs
    vi.advanceTimersByTime(1_100);
    expect(idle.step2(EMPTY)).toEqual(syncStep2(doc, EMPTY));
  });
});
