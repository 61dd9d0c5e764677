/**
 * Moving and reordering arguments: the model operation, the order keys, and the server's checks
 * (cycles, depth, who may move, the side rule). Concurrency lives in moves-concurrency.test.ts.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkBoardUpdate } from "@/lib/board/check-update";
import { argumentsMap, readArgument, readArguments, readPositions } from "@/lib/board/doc";
import { moveArgument, moveDestinations, moveRefusal, reorderArgument, siblingsAt } from "@/lib/board/move";
import { addArgument, updateArgument } from "@/lib/board/operations";
import { compareSiblings, createdAtKey, keyForSlot } from "@/lib/board/order";
import { LIMITS } from "@/lib/board/constants";
import type { Actor } from "@/lib/board/roles";
import { buildColumns } from "@/lib/board/tree";
import { createBoardReader } from "@/lib/board/board-reader";
import { readBoard } from "@/lib/board/doc";
import { placeAnnouncement } from "@/components/board/moves/move-labels";
import { readSession, writeSession } from "@/lib/session/session";
import { ALICE, ARTICLE, BOB, PAK_MILITARY, US, makeBoardDoc, replicaOf } from "./support/board-fixture";
import { managedDoc } from "./support/session-fixture";

const FACILITATOR: Actor = { memberId: "mem-fran", role: "facilitator" };
const ALICE_ACTOR: Actor = { memberId: ALICE.id, role: "participant", displayName: ALICE.name };
const BOB_ACTOR: Actor = { memberId: BOB.id, role: "participant", displayName: BOB.name };

function add(doc: Y.Doc, id: string, parentId: string = US, stance: "for" | "against" = "for", author = ALICE, now = 1): void {
  const result = addArgument(doc, ARTICLE, { parentId, stance, text: `Argument ${id}`, quotes: [], author }, { id, now });
  if (!result.ok) throw new Error(result.error.message);
}

/** a, b, c top-level For under US (created in that order); a1 replies to a; a2 replies to a1. */
function board(doc = makeBoardDoc()): Y.Doc {
  add(doc, "a", US, "for", ALICE, 1);
  add(doc, "b", US, "for", BOB, 2);
  add(doc, "c", US, "for", ALICE, 3);
  add(doc, "a1", "a", "against", BOB, 4);
  add(doc, "a2", "a1", "for", ALICE, 5);
  return doc;
}

const visible = (doc: Y.Doc, id: string) => readArguments(doc).find((a) => a.id === id);
const laneIds = (doc: Y.Doc, parentId = US, stance: "for" | "against" = "for") => {
  const ids = new Set(readPositions(doc).map((p) => p.id));
  return siblingsAt(readArguments(doc), parentId, stance, (id) => ids.has(id)).map((a) => a.id);
};

/** The server's verdict on what a client synced with `before` sends after `edit`. */
function serverCheck(before: Y.Doc, actor: Actor | undefined, edit: (client: Y.Doc) => void) {
  const client = replicaOf(before);
  edit(client);
  const snapshot = Y.encodeStateAsUpdate(before);
  const verdict = checkBoardUpdate(before, replicaOf(before), Y.encodeStateAsUpdate(client, Y.encodeStateVector(before)), ARTICLE, actor);
  expect(Y.encodeStateAsUpdate(before)).toEqual(snapshot);
  return verdict;
}

describe("order keys", () => {
  it("sort arguments without a key by creation time, and a moved one between them", () => {
    expect(createdAtKey(1) < createdAtKey(2)).toBe(true);
    expect(createdAtKey(1_700_000_000_000) < createdAtKey(1_700_000_000_001)).toBe(true);
    const between = keyForSlot([createdAtKey(1), createdAtKey(2)], 1);
    expect(between > createdAtKey(1) && between < createdAtKey(2)).toBe(true);
  });

  it("break ties between equal keys by id, and place past a tie", () => {
    const same = { order: "a0", createdAt: 1 };
    expect([{ ...same, id: "z" }, { ...same, id: "m" }].sort(compareSiblings).map((a) => a.id)).toEqual(["m", "z"]);
    const key = keyForSlot(["a0", "a0", "a1"], 1);
    expect(key > "a0" && key < "a1").toBe(true);
  });

  it("are refused by the schema when not a fractional index", () => {
    const doc = board();
    const verdict = serverCheck(doc, FACILITATOR, (c) => (argumentsMap(c).get("a") as Y.Map<unknown>).set("order", "not a key!"));
    expect(verdict).toMatchObject({ ok: false, rejection: { code: "invalid-content", argumentId: "a" } });
  });
});

describe("moveArgument", () => {
  it("moves an argument under another, carrying its replies", () => {
    const doc = board();
    expect(moveArgument(doc, ARTICLE, "a", { parentId: "b", stance: "against" }, 10).ok).toBe(true);
    expect(visible(doc, "a")).toMatchObject({ parentId: "b", stance: "against", positionId: US, updatedAt: 10 });
    expect(visible(doc, "a2")?.parentId).toBe("a1");
    const lane = buildColumns(readPositions(doc), readArguments(doc))[0]!.lanes.for;
    expect(lane.map((n) => n.argument.id)).toEqual(["b", "c"]);
    expect(lane[0]!.children[0]!.children[0]!.argument.id).toBe("a1");
  });

  it("moves a thread to another position: every reply is read under the new one", () => {
    const doc = board();
    expect(moveArgument(doc, ARTICLE, "a", { parentId: PAK_MILITARY, stance: "against" }).ok).toBe(true);
    expect(["a", "a1", "a2"].map((id) => visible(doc, id)?.positionId)).toEqual([PAK_MILITARY, PAK_MILITARY, PAK_MILITARY]);
    // Only the moved record is written: the replies are someone else's.
    expect(readArgument(doc, "a1")?.positionId).toBe(US);
    expect(laneIds(doc, PAK_MILITARY, "against")).toEqual(["a"]);
  });

  it("places the argument before or after a sibling, or last", () => {
    const doc = board();
    expect(moveArgument(doc, ARTICLE, "c", { parentId: US, before: "a" }).ok).toBe(true);
    expect(laneIds(doc)).toEqual(["c", "a", "b"]);
    expect(moveArgument(doc, ARTICLE, "c", { parentId: US, after: "a" }).ok).toBe(true);
    expect(laneIds(doc)).toEqual(["a", "c", "b"]);
    expect(moveArgument(doc, ARTICLE, "a2", { parentId: US }).ok).toBe(true);
    expect(laneIds(doc)).toEqual(["a", "c", "b", "a2"]);
    // A new argument still goes to the end of its lane.
    add(doc, "d", US, "for", ALICE, Date.now());
    expect(laneIds(doc).at(-1)).toBe("d");
  });

  it("reorders one place up or down, and says when it cannot", () => {
    const doc = board();
    expect(reorderArgument(doc, ARTICLE, "b", -1).ok).toBe(true);
    expect(laneIds(doc)).toEqual(["b", "a", "c"]);
    expect(reorderArgument(doc, ARTICLE, "b", 1).ok).toBe(true);
    expect(reorderArgument(doc, ARTICLE, "b", 1).ok).toBe(true);
    expect(laneIds(doc)).toEqual(["a", "c", "b"]);
    expect(reorderArgument(doc, ARTICLE, "b", 1)).toMatchObject({ ok: false, error: { message: "It is already last in its lane." } });
  });

  it("refuses a move under itself or its own replies, a missing parent, or a stranger sibling", () => {
    const doc = board();
    expect(moveArgument(doc, ARTICLE, "a", { parentId: "a" })).toMatchObject({ ok: false, error: { code: "cycle" } });
    expect(moveArgument(doc, ARTICLE, "a", { parentId: "a2" })).toMatchObject({ ok: false, error: { code: "cycle" } });
    expect(moveArgument(doc, ARTICLE, "a", { parentId: "gone" })).toMatchObject({ ok: false, error: { code: "parent-not-found" } });
    expect(moveArgument(doc, ARTICLE, "gone", { parentId: US })).toMatchObject({ ok: false, error: { code: "argument-not-found" } });
    expect(moveArgument(doc, ARTICLE, "c", { parentId: US, before: "a1" })).toMatchObject({ ok: false, error: { code: "invalid-argument" } });
    expect(visible(doc, "a")?.parentId).toBe(US);
  });

  it("refuses a move that would nest the thread deeper than the limit", () => {
    const doc = makeBoardDoc();
    add(doc, "d0");
    for (let depth = 1; depth < LIMITS.maxDepth; depth++) add(doc, `d${depth}`, `d${depth - 1}`);
    add(doc, "x");
    add(doc, "x1", "x");
    // d{k} sits k levels deep; x would sit one below its new parent and x1 one below that.
    expect(moveArgument(doc, ARTICLE, "x", { parentId: `d${LIMITS.maxDepth - 1}` })).toMatchObject({ ok: false, error: { code: "too-deep" } });
    const destinations = moveDestinations(readArguments(doc), [US, PAK_MILITARY], "x").map((d) => d.parentId);
    expect(destinations).toContain(`d${LIMITS.maxDepth - 2}`);
    expect(destinations).not.toContain(`d${LIMITS.maxDepth - 1}`);
    expect(moveArgument(doc, ARTICLE, "x", { parentId: `d${LIMITS.maxDepth - 2}` }).ok).toBe(true);
  });

  it("lists destinations without the argument's own thread", () => {
    const doc = board();
    const ids = moveDestinations(readArguments(doc), [US, PAK_MILITARY], "a").map((d) => `${d.parentId}:${d.stance}`);
    expect(ids).toEqual([`${US}:for`, `${US}:against`, `${PAK_MILITARY}:for`, `${PAK_MILITARY}:against`, "b:null", "c:null"]);
  });
});

describe("a move and the rest of the board", () => {
  it("is one undo step: undoing it puts the card back where it was", () => {
    const doc = board();
    const undo = new Y.UndoManager(argumentsMap(doc));
    expect(moveArgument(doc, ARTICLE, "a1", { parentId: PAK_MILITARY, stance: "for" }).ok).toBe(true);
    expect(visible(doc, "a2")?.positionId).toBe(PAK_MILITARY);
    undo.undo();
    expect(visible(doc, "a1")).toMatchObject({ parentId: "a", stance: "against", positionId: US });
    expect(readArgument(doc, "a1")?.order).toBeUndefined();
  });

  it("reads the same through the incremental board reader as through readBoard", () => {
    const doc = board();
    const reader = createBoardReader(doc);
    reader.read();
    moveArgument(doc, ARTICLE, "a", { parentId: PAK_MILITARY, stance: "against" });
    reorderArgument(doc, ARTICLE, "c", -1);
    expect(reader.read()).toEqual(readBoard(doc));
    reader.destroy();
  });

  it("is announced with the card's new place in words", () => {
    const doc = board();
    const moved = moveArgument(doc, ARTICLE, "c", { parentId: "a", stance: "against", before: "a1" });
    if (!moved.ok) throw new Error(moved.error.message);
    const args = readArguments(doc);
    const siblings = siblingsAt(args, "a", "against", (id) => id === US || id === PAK_MILITARY);
    expect(siblings.map((x) => x.id)).toEqual(["c", "a1"]);
    expect(placeAnnouncement(moved.value, siblings, visible(doc, "a"), undefined)).toBe("Moved: now 1 of 2, rebutting “Argument a”.");
  });
});

describe("the server's checks on moves", () => {
  it("accepts an author's move of their own argument and a facilitator's of anyone's", () => {
    const doc = board();
    expect(serverCheck(doc, ALICE_ACTOR, (c) => moveArgument(c, ARTICLE, "a", { parentId: "b" }))).toMatchObject({ ok: true });
    expect(serverCheck(doc, FACILITATOR, (c) => moveArgument(c, ARTICLE, "b", { parentId: "a" }))).toMatchObject({ ok: true });
  });

  it("refuses a move or a reorder of someone else's argument, even with co-editing on", () => {
    const doc = managedDoc();
    board(doc);
    writeSession(doc, { settings: { ...readSession(doc).settings, coEditing: true } });
    expect(serverCheck(doc, BOB_ACTOR, (c) => updateArgument(c, ARTICLE, "a", { text: "Co-edited." }))).toMatchObject({ ok: true });
    const moved = serverCheck(doc, BOB_ACTOR, (c) => moveArgument(c, ARTICLE, "a", { parentId: "b" }));
    expect(moved).toEqual({ ok: false, rejection: { code: "forbidden", message: "Only Alice or a facilitator can move this argument." } });
    expect(serverCheck(doc, BOB_ACTOR, (c) => reorderArgument(c, ARTICLE, "c", -1))).toMatchObject({ ok: false, rejection: { code: "forbidden" } });
  });

  it("lets a guest on an open board move any card, as it lets them edit any (nobody's authorship is known)", () => {
    const guest: Actor = { memberId: null, role: "participant" };
    expect(serverCheck(board(), guest, (c) => moveArgument(c, ARTICLE, "b", { parentId: "c" }))).toMatchObject({ ok: true });
    expect(moveRefusal(guest, { coEditing: false }, [{ id: "b", before: readArgument(board(), "b"), after: { ...readArgument(board(), "b")!, parentId: "c" } }])).toMatch(/can move/);
  });

  it("refuses moves while the board is locked, like any edit", () => {
    const doc = managedDoc();
    board(doc);
    writeSession(doc, { settings: { ...readSession(doc).settings, locked: true } });
    expect(serverCheck(doc, ALICE_ACTOR, (c) => moveArgument(c, ARTICLE, "a", { parentId: "c" }))).toMatchObject({ ok: false, rejection: { code: "forbidden" } });
  });

  it("refuses a raw update that closes a cycle, reading the state the update leaves", () => {
    const doc = board();
    const verdict = serverCheck(doc, FACILITATOR, (c) => (argumentsMap(c).get("a") as Y.Map<unknown>).set("parentId", "a2"));
    expect(verdict).toMatchObject({ ok: false, rejection: { code: "invalid-content", argumentId: "a", detail: { code: "cycle" } } });
    const self = serverCheck(doc, FACILITATOR, (c) => (argumentsMap(c).get("b") as Y.Map<unknown>).set("parentId", "b"));
    expect(self).toMatchObject({ ok: false, rejection: { detail: { code: "cycle" } } });
  });

  it("refuses a move whose replies would end up too deep, though the moved card itself is not", () => {
    const doc = makeBoardDoc();
    add(doc, "d0");
    for (let depth = 1; depth < LIMITS.maxDepth - 1; depth++) add(doc, `d${depth}`, `d${depth - 1}`);
    add(doc, "x");
    add(doc, "x1", "x");
    add(doc, "x2", "x1");
    const verdict = serverCheck(doc, FACILITATOR, (c) => (argumentsMap(c).get("x") as Y.Map<unknown>).set("parentId", `d${LIMITS.maxDepth - 2}`));
    expect(verdict).toMatchObject({ ok: false, rejection: { code: "invalid-content", argumentId: "x", detail: { code: "too-deep" } } });
  });

  it("refuses a move under a deleted argument (it stays where it was)", () => {
    const doc = board();
    const verdict = serverCheck(doc, FACILITATOR, (c) => {
      (argumentsMap(c).get("c") as Y.Map<unknown>).set("parentId", "b");
      argumentsMap(c).delete("b");
    });
    expect(verdict).toMatchObject({ ok: false, rejection: { argumentId: "c", detail: { code: "parent-not-found" } } });
  });

  it("applies the side rule to the moved argument: a team member cannot make it argue the other side", () => {
    const doc = managedDoc({ assignments: { [ALICE.id]: "team-us" } });
    board(doc);
    // "a" argues for US; under "b" as a rebuttal it would argue against US.
    const refused = serverCheck(doc, ALICE_ACTOR, (c) => moveArgument(c, ARTICLE, "a", { parentId: "b", stance: "against" }));
    expect(refused).toMatchObject({ ok: false, rejection: { code: "forbidden", argumentId: "a", message: expect.stringMatching(/only on their side/) } });
    expect(serverCheck(doc, ALICE_ACTOR, (c) => moveArgument(c, ARTICLE, "a", { parentId: "b", stance: "for" }))).toMatchObject({ ok: true });
    // Attacking the other position argues for your own.
    expect(serverCheck(doc, ALICE_ACTOR, (c) => moveArgument(c, ARTICLE, "a", { parentId: PAK_MILITARY, stance: "against" }))).toMatchObject({ ok: true });
    expect(serverCheck(doc, ALICE_ACTOR, (c) => moveArgument(c, ARTICLE, "a", { parentId: PAK_MILITARY, stance: "for" }))).toMatchObject({ ok: false });
  });
});
