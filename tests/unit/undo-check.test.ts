import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readArgument } from "@/lib/board/doc";
import { addArgument, deleteArgument, updateArgument } from "@/lib/board/operations";
import type { Actor } from "@/lib/board/roles";
import { checkUndoStep, describeUndoStep, refusedNotice, type UndoVerdict } from "@/lib/board/undo-check";
import { UndoHistory, type UndoDirection } from "@/lib/board/undo-history";
import { DEFAULT_PHASES, MANAGED_SETTINGS, OPEN_SETTINGS, writeSession } from "@/lib/session/session";
import { ALICE, ARTICLE, BOB, PAK_MILITARY, US, makeBoardDoc, replicaOf } from "./support/board-fixture";

const REMOTE = Symbol("remote");
const ALICE_ACTOR: Actor = { memberId: ALICE.id, role: "participant", displayName: ALICE.name };
const FACILITATOR: Actor = { memberId: "user-fran", role: "facilitator", displayName: "Fran" };

const histories: UndoHistory[] = [];
afterEach(() => histories.splice(0).forEach((history) => history.destroy()));

/**
 * Alice's browser with her undo history, and a second replica standing for everyone else (Bob, the
 * facilitator, the server's session writes): what it does reaches Alice as a remote update.
 */
function board(settings = MANAGED_SETTINGS) {
  const alice = makeBoardDoc();
  const others = replicaOf(alice);
  alice.on("update", (update: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(others, update, REMOTE));
  others.on("update", (update: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(alice, update, REMOTE));
  writeSession(others, { settings });
  const history = new UndoHistory(alice, { captureMs: 0 });
  histories.push(history);
  const verdict = (direction: UndoDirection = "undo", actor = ALICE_ACTOR): UndoVerdict => {
    const step = history.peek(direction);
    if (!step) throw new Error(`nothing to ${direction}`);
    return checkUndoStep(alice, step, actor, ARTICLE);
  };
  return { alice, others, history, verdict };
}

function add(doc: Y.Doc, id: string, text: string, author = ALICE, parentId = US, stance: "for" | "against" = "for"): void {
  const result = addArgument(doc, ARTICLE, { parentId, stance, text, quotes: [], author }, { id, now: 1 });
  if (!result.ok) throw new Error(result.error.message);
}

function edit(doc: Y.Doc, id: string, text: string): void {
  const result = updateArgument(doc, ARTICLE, id, { text }, 2);
  if (!result.ok) throw new Error(result.error.message);
}

describe("checkUndoStep allows", () => {
  it("undoing one's own edit on an unlocked board", () => {
    const { alice, verdict } = board();
    add(alice, "a", "Aid buys access");
    edit(alice, "a", "Aid buys some access");
    expect(verdict()).toEqual({ ok: true });
  });

  it("undoing an add once one's own reply to it has been undone first", () => {
    const { alice, history, verdict } = board();
    add(alice, "a", "Aid buys access");
    add(alice, "r", "It did in 2002", ALICE, "a");
    expect(history.apply("undo")).toBe(true);
    expect(verdict()).toEqual({ ok: true });
  });
});

describe("checkUndoStep refuses, keeping the step, when the rules may change back", () => {
  it("an undo on a board the facilitator has locked", () => {
    const { alice, others, history, verdict } = board();
    add(alice, "a", "Aid buys access");
    edit(alice, "a", "Aid buys some access");
    writeSession(others, { settings: { ...MANAGED_SETTINGS, locked: true } });
    const result = verdict();
    expect(result).toEqual({ ok: false, reason: "The facilitator has locked the board.", lasting: false });
    expect(refusedNotice(history.peek("undo")!, result as Extract<UndoVerdict, { ok: false }>)).toBe(
      "Can't undo edit of “Aid buys some access”: The facilitator has locked the board.",
    );
    // A facilitator's own undo is not bound by the lock.
    expect(verdict("undo", { ...ALICE_ACTOR, role: "facilitator" })).toEqual({ ok: true });
  });

  it("a redo in a phase where arguments cannot be added", () => {
    const { alice, others, history, verdict } = board();
    add(alice, "a", "Aid buys access");
    expect(history.apply("undo")).toBe(true);
    writeSession(others, { phases: DEFAULT_PHASES, clock: { phaseId: "voting", startedAt: 1, durationMs: null, pausedRemainingMs: null } });
    expect(verdict("redo")).toMatchObject({ ok: false, lasting: false, reason: expect.stringContaining("During Voting") });
  });

  it("an undo by someone who may now only watch", () => {
    const { alice, verdict } = board();
    add(alice, "a", "Aid buys access");
    expect(verdict("undo", { ...ALICE_ACTOR, role: "observer" })).toMatchObject({ ok: false, lasting: false });
  });

  it("restoring a deleted argument that would break the team-sides rule", () => {
    const { alice, others, verdict } = board();
    add(alice, "a", "Aid buys access", ALICE, PAK_MILITARY);
    deleteArgument(alice, "a");
    writeSession(others, { teams: [{ id: "t-us", name: "Team US", positionId: US, color: "indigo" }], assignments: { [ALICE.id]: "t-us" } });
    expect(verdict()).toMatchObject({ ok: false, lasting: false, reason: expect.stringContaining("teams post only on their side") });
  });
});

describe("checkUndoStep refuses for good when someone else changed things since", () => {
  it("an undo of an edit that someone else has edited over", () => {
    const { alice, others, verdict } = board(OPEN_SETTINGS);
    add(alice, "a", "Aid buys access");
    edit(alice, "a", "Aid buys some access");
    edit(others, "a", "Aid buys a little access");
    expect(verdict()).toEqual({ ok: false, reason: "“Aid buys a little access” has been changed since.", lasting: true });
  });

  it("an undo of an edit to an argument someone else has deleted", () => {
    const { alice, others, verdict } = board(OPEN_SETTINGS);
    add(alice, "a", "Aid buys access");
    edit(alice, "a", "Aid buys some access");
    deleteArgument(others, "a");
    expect(verdict()).toEqual({ ok: false, reason: "“Aid buys some access” has been deleted since.", lasting: true });
  });

  it("undoing the add of an argument others have replied to (it would orphan their replies)", () => {
    const { alice, others, verdict } = board();
    add(alice, "a", "Aid buys access");
    add(others, "b", "Not since 2011", BOB, "a", "against");
    expect(verdict()).toEqual({ ok: false, reason: "“Aid buys access” has replies now from others.", lasting: true });
  });

  it("restoring a reply whose parent someone else has deleted", () => {
    const { alice, others, verdict } = board();
    add(others, "p", "Bob's point", BOB);
    add(alice, "r", "Alice's reply", ALICE, "p", "against");
    deleteArgument(alice, "r");
    deleteArgument(others, "p");
    expect(verdict()).toMatchObject({ ok: false, lasting: true, reason: "The argument “Alice's reply” replied to has been deleted." });
  });

  it("a facilitator restoring a thread that holds other people's arguments", () => {
    const { alice, others, verdict } = board();
    add(alice, "a", "Aid buys access");
    add(others, "b", "Not since 2011", BOB, "a", "against");
    deleteArgument(alice, "a");
    const result = verdict("undo", { ...FACILITATOR, memberId: ALICE.id });
    expect(result).toMatchObject({ ok: false, lasting: true, reason: expect.stringContaining("Bob's argument “Not since 2011”") });
  });
});

describe("describeUndoStep", () => {
  it("names a deleted thread by its first argument and counts the replies", () => {
    const { alice, history } = board();
    add(alice, "a", "Aid buys access");
    add(alice, "r", "It did in 2002", ALICE, "a");
    deleteArgument(alice, "a");
    expect(describeUndoStep(history.peek("undo")!)).toBe("deleting “Aid buys access” and 1 reply");
    expect(readArgument(alice, "r")).toBeNull();
  });
});
