/**
 * carriesNothingNew: the cheap pre-check that lets a room answer a joining client's Sync Step 2 without
 * building its trial copy. It may say "nothing new" only when applying the update would change nothing.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { carriesNothingNew } from "@/lib/board/update-news";
import { addArgument, deleteArgument } from "@/lib/board/operations";
import { ALICE, ARTICLE, US, makeBoardDoc, replicaOf } from "./support/board-fixture";

function add(doc: Y.Doc, id: string): void {
  const result = addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: `Argument ${id}`, quotes: [], author: ALICE }, { id, now: 1 });
  if (!result.ok) throw new Error(result.error.message);
}

function remove(doc: Y.Doc, id: string): void {
  const result = deleteArgument(doc, id);
  if (!result.ok) throw new Error(result.error.message);
}

/** A live board with arguments "a" and "b", "b" already deleted (so its delete set is not empty). */
function liveBoard(): Y.Doc {
  const doc = makeBoardDoc();
  add(doc, "a");
  add(doc, "b");
  remove(doc, "b");
  return doc;
}

/** What a Yjs Step 2 from `client` to `server` carries: the structs it lacks, plus the client's whole delete set. */
const stepTwo = (client: Y.Doc, server: Y.Doc) => Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

/** Whether applying `update` to a replica of `doc` changes its snapshot (the truth the check must match). */
function reallyChanges(doc: Y.Doc, update: Uint8Array): boolean {
  const replica = replicaOf(doc);
  const before = Y.snapshot(replica);
  Y.applyUpdate(replica, update);
  const changed = !Y.equalSnapshots(before, Y.snapshot(replica)) || replica.store.pendingStructs !== null || replica.store.pendingDs !== null;
  replica.destroy();
  return changed;
}

describe("carriesNothingNew", () => {
  it("an empty update carries nothing", () => {
    const live = liveBoard();
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expect(carriesNothingNew(live, empty)).toBe(true);
  });

  it("a synced client's Step 2 (no structs, its whole delete set) carries nothing", () => {
    const live = liveBoard();
    const update = stepTwo(replicaOf(live), live);
    expect(Y.decodeUpdate(update).ds.clients.size).toBeGreaterThan(0);
    expect(carriesNothingNew(live, update)).toBe(true);
    expect(reallyChanges(live, update)).toBe(false);
  });

  it("structs the document already holds (a whole-state update) carry nothing", () => {
    const live = liveBoard();
    const whole = Y.encodeStateAsUpdate(live);
    expect(Y.decodeUpdate(whole).structs.length).toBeGreaterThan(0);
    expect(carriesNothingNew(live, whole)).toBe(true);
  });

  it("a new struct is news", () => {
    const live = liveBoard();
    const client = replicaOf(live);
    add(client, "c");
    const update = stepTwo(client, live);
    expect(carriesNothingNew(live, update)).toBe(false);
    expect(reallyChanges(live, update)).toBe(true);
  });

  it("deleting something the document still shows is news", () => {
    const live = liveBoard();
    const client = replicaOf(live);
    remove(client, "a");
    // Only the deletion: no struct of the client's is new to the server apart from its delete set.
    const update = stepTwo(client, live);
    expect(carriesNothingNew(live, update)).toBe(false);
    expect(reallyChanges(live, update)).toBe(true);
  });

  it("a deletion the document already has carries nothing (both sides deleted the same argument)", () => {
    const live = liveBoard();
    const client = replicaOf(live);
    remove(live, "a");
    remove(client, "a");
    // Deleting a map entry adds no struct: the client's update is its delete set alone, all known here.
    const update = stepTwo(client, live);
    expect(Y.decodeUpdate(update).structs.length).toBe(0);
    expect(carriesNothingNew(live, update)).toBe(true);
    expect(reallyChanges(live, update)).toBe(false);
  });

  it("a deletion of a clock the document has not seen yet is news (it would wait as pending)", () => {
    const live = liveBoard();
    const ahead = replicaOf(live);
    add(ahead, "c");
    remove(ahead, "c");
    // The delete set of `ahead` names its own new items; without those structs the server cannot place it.
    const structsDropped = Y.encodeStateAsUpdate(ahead, Y.encodeStateVector(ahead));
    expect(Y.decodeUpdate(structsDropped).structs.length).toBe(0);
    expect(carriesNothingNew(live, structsDropped)).toBe(false);
    expect(reallyChanges(live, structsDropped)).toBe(true);
  });

  it("an update that does not decode is not called a no-op (the full path reports it)", () => {
    const live = liveBoard();
    expect(carriesNothingNew(live, new Uint8Array([1, 2, 3, 250, 250, 250]))).toBe(false);
    expect(carriesNothingNew(live, new Uint8Array([]))).toBe(false);
  });

  it("agrees with really applying the update over random edits and deletions", () => {
    for (let seed = 0; seed < 20; seed++) {
      const live = liveBoard();
      const client = replicaOf(live);
      if (seed % 3 === 0) add(client, `n${seed}`);
      if (seed % 4 === 1) remove(client, "a");
      if (seed % 5 === 2) remove(live, "a");
      const update = stepTwo(client, live);
      // "Nothing new" must never be said of an update that changes the document.
      if (carriesNothingNew(live, update)) expect(reallyChanges(live, update)).toBe(false);
    }
  });
});
