/**
 * hiddenRepliesRefusal: a deletion that leaves other people's replies (at any depth) as invisible
 * orphans is refused, unless the sender may delete anything (facilitator, co-editing board).
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Argument } from "@/lib/board/argument";
import { hiddenRepliesRefusal } from "@/lib/board/delete-check";
import { argumentsMap, writeRecord } from "@/lib/board/doc";
import type { ArgumentChange } from "@/lib/board/permissions";
import type { Actor } from "@/lib/board/roles";
import { US } from "./support/board-fixture";

const ALICE: Actor = { memberId: "mem-alice", role: "participant" };
const FRAN: Actor = { memberId: "mem-fran", role: "facilitator" };
const GUEST: Actor = { memberId: null, role: "participant" };

function arg(id: string, parentId: string, authorId: string): Argument {
  return { id, positionId: US, parentId, stance: "for", text: `Argument ${id}`, quotes: [], authorId, authorName: authorId.replace("mem-", ""), createdAt: 1, updatedAt: 1 };
}

/** A board holding `args` after an update that deleted `deleted` (its record gone, the rest left). */
function after(deleted: Argument, args: Argument[]): { trial: Y.Doc; changes: ArgumentChange[] } {
  const trial = new Y.Doc();
  for (const a of args) writeRecord(argumentsMap(trial), a.id, a);
  return { trial, changes: [{ id: deleted.id, before: deleted, after: null }] };
}

const top = arg("a", US, "mem-alice");
const check = (actor: Actor, args: Argument[], coEditing = false) => {
  const { trial, changes } = after(top, args);
  return hiddenRepliesRefusal(trial, actor, { coEditing }, changes);
};

describe("hiddenRepliesRefusal", () => {
  it("refuses hiding someone else's reply, directly or below one's own", () => {
    expect(check(ALICE, [arg("r", "a", "mem-bob")])).toMatch(/bob has replied/);
    expect(check(ALICE, [arg("own", "a", "mem-alice"), arg("deep", "own", "mem-bob")])).toMatch(/bob has replied/);
    expect(check(GUEST, [arg("own", "a", "mem-alice")])).not.toBeNull();
  });

  it("allows a clean delete, one's own replies, facilitators, co-editing boards and edits", () => {
    expect(check(ALICE, [])).toBeNull();
    expect(check(ALICE, [arg("own", "a", "mem-alice"), arg("unrelated", US, "mem-bob")])).toBeNull();
    expect(check(FRAN, [arg("r", "a", "mem-bob")])).toBeNull();
    expect(check(ALICE, [arg("r", "a", "mem-bob")], true)).toBeNull();
    const { trial } = after(top, [top, arg("r", "a", "mem-bob")]);
    expect(hiddenRepliesRefusal(trial, ALICE, { coEditing: false }, [{ id: "a", before: top, after: { ...top, text: "Edited." } }])).toBeNull();
  });
});
