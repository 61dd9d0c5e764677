import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkBoardUpdate } from "@/lib/board/check-update";
import { argumentsMap, readArgument, readArguments } from "@/lib/board/doc";
import { addArgument, deleteArgument, updateArgument } from "@/lib/board/operations";
import type { Actor } from "@/lib/board/roles";
import { appliedNotice, checkUndoStep } from "@/lib/board/undo-check";
import { UndoHistory, UNDOABLE_ROOTS } from "@/lib/board/undo-history";
import { MANAGED_SETTINGS, writeSession } from "@/lib/session/session";
import { ALICE, ARTICLE, BOB, US, makeBoardDoc, replicaOf } from "./support/board-fixture";

/** How the sync client marks the server's updates: never this person's own. */
const REMOTE = Symbol("remote");
const ALICE_ACTOR: Actor = { memberId: ALICE.id, role: "participant", displayName: ALICE.name };

const histories: UndoHistory[] = [];
afterEach(() => histories.splice(0).forEach((history) => history.destroy()));

function historyOf(doc: Y.Doc): UndoHistory {
  // Every write its own step, however fast the test runs.
  const history = new UndoHistory(doc, { captureMs: 0 });
  histories.push(history);
  return history;
}

/** Two browsers and the server, kept in sync by hand: every local update reaches the others as remote. */
function threePeers() {
  const server = makeBoardDoc();
  const alice = replicaOf(server);
  const bob = replicaOf(server);
  const peers = [server, alice, bob];
  for (const from of peers) {
    from.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      for (const to of peers) if (to !== from) Y.applyUpdate(to, update, REMOTE);
    });
  }
  return { server, alice, bob };
}

function add(doc: Y.Doc, id: string, text: string, author = ALICE, parentId = US): void {
  const result = addArgument(doc, ARTICLE, { parentId, stance: "for", text, quotes: [], author }, { id, now: 1 });
  if (!result.ok) throw new Error(result.error.message);
}

function edit(doc: Y.Doc, id: string, text: string): void {
  const result = updateArgument(doc, ARTICLE, id, { text }, 2);
  if (!result.ok) throw new Error(result.error.message);
}

/** Checks the top step like the browser does, then applies it. */
function step(doc: Y.Doc, history: UndoHistory, direction: "undo" | "redo", actor = ALICE_ACTOR): string {
  const next = history.peek(direction);
  if (!next) throw new Error(`nothing to ${direction}`);
  const verdict = checkUndoStep(doc, next, actor, ARTICLE);
  if (!verdict.ok) throw new Error(verdict.reason);
  expect(history.apply(direction)).toBe(true);
  return appliedNotice(next);
}

const texts = (doc: Y.Doc) => readArguments(doc).map((arg) => arg.text);

describe("UndoHistory", () => {
  it("steps back through an add, an edit and a delete, and forward again", () => {
    const doc = makeBoardDoc();
    const history = historyOf(doc);
    add(doc, "a", "Aid buys access");
    edit(doc, "a", "Aid buys some access");
    const before = readArgument(doc, "a");
    expect(deleteArgument(doc, "a").ok).toBe(true);
    expect(texts(doc)).toEqual([]);

    expect(step(doc, history, "undo")).toBe("Undid: deleting “Aid buys some access”");
    // The same record under the same id: links, votes and quotes that name it still find it.
    expect(readArgument(doc, "a")).toEqual(before);
    expect(step(doc, history, "undo")).toBe("Undid: edit of “Aid buys some access”");
    expect(texts(doc)).toEqual(["Aid buys access"]);
    expect(step(doc, history, "undo")).toBe("Undid: adding “Aid buys access”");
    expect(texts(doc)).toEqual([]);
    expect(history.canUndo).toBe(false);

    expect(step(doc, history, "redo")).toBe("Redid: adding “Aid buys access”");
    expect(step(doc, history, "redo")).toBe("Redid: edit of “Aid buys some access”");
    expect(texts(doc)).toEqual(["Aid buys some access"]);
    expect(step(doc, history, "redo")).toBe("Redid: deleting “Aid buys some access”");
    expect(texts(doc)).toEqual([]);
    expect(history.canRedo).toBe(false);
  });

  it("undoes only this person's changes while another browser edits concurrently", () => {
    const { alice, bob } = threePeers();
    const aliceHistory = historyOf(alice);
    const bobHistory = historyOf(bob);
    add(alice, "a", "Alice's card");
    add(bob, "b", "Bob's card", BOB);
    edit(alice, "a", "Alice's card, edited");
    add(bob, "c", "Bob's second card", BOB);

    step(alice, aliceHistory, "undo");
    step(alice, aliceHistory, "undo");
    expect(aliceHistory.canUndo).toBe(false);
    expect(texts(bob)).toEqual(["Bob's card", "Bob's second card"]);
    expect(texts(alice)).toEqual(texts(bob));
    expect(bobHistory.peek("undo")?.changes.map((change) => change.id)).toEqual(["c"]);
  });

  it("never records changes that arrive from the server", () => {
    const { alice, bob } = threePeers();
    const history = historyOf(alice);
    add(bob, "b", "Bob's card", BOB);
    expect(history.canUndo).toBe(false);
    expect(history.peek("undo")).toBeNull();
  });

  it("drops a new local change's redo steps, as any editor does", () => {
    const doc = makeBoardDoc();
    const history = historyOf(doc);
    add(doc, "a", "First");
    step(doc, history, "undo");
    expect(history.canRedo).toBe(true);
    add(doc, "b", "Second");
    expect(history.canRedo).toBe(false);
  });

  it("takes back one step per call, even when a concurrent identical write leaves the step nothing to do", () => {
    const { alice, bob } = threePeers();
    const history = historyOf(alice);
    add(alice, "a", "Aid buys access");
    // Both write the very same edit while apart; whichever Yjs keeps, Alice's record reads as she left it.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(bob));
    edit(offline, "a", "Aid buys some access");
    edit(alice, "a", "Aid buys some access");
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(offline), REMOTE);
    expect(checkUndoStep(alice, history.peek("undo")!, ALICE_ACTOR, ARTICLE)).toEqual({ ok: true });
    history.apply("undo");
    // The add below it is still there to undo, whatever this step managed.
    expect(history.peek("undo")?.changes.map((change) => [change.id, change.pre])).toEqual([["a", null]]);
    expect(readArgument(alice, "a")).not.toBeNull();
  });

  it("tracks each root listed as undoable", () => {
    expect(UNDOABLE_ROOTS).toContain("arguments");
  });

  it("produces updates the server accepts for undoing an edit, an add and a delete", () => {
    const { server, alice } = threePeers();
    writeSession(server, { settings: MANAGED_SETTINGS });
    const history = historyOf(alice);
    add(alice, "a", "Alice's card");
    add(alice, "r", "Her reply", ALICE, "a");
    edit(alice, "a", "Alice's card, edited");
    deleteArgument(alice, "a");
    for (let i = 0; i < 4; i++) {
      const trialBefore = replicaOf(server);
      const updates: Uint8Array[] = [];
      const collect = (update: Uint8Array, origin: unknown) => origin !== REMOTE && updates.push(update);
      alice.on("update", collect);
      step(alice, history, "undo");
      alice.off("update", collect);
      const verdict = checkBoardUpdate(trialBefore, replicaOf(trialBefore), Y.mergeUpdates(updates), ARTICLE, ALICE_ACTOR);
      expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
    }
    expect(argumentsMap(server).size).toBe(0);
  });
});
