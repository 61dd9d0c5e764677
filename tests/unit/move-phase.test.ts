/**
 * movePhaseRefusal: during openings a participant's move must land in a lane, during rebuttals under
 * an argument; reordering, edits, other phases and facilitators are not its business.
 */
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { movePhaseRefusal } from "@/lib/board/move-phase";
import type { ArgumentChange } from "@/lib/board/permissions";
import type { Actor } from "@/lib/board/roles";
import { DEFAULT_PHASES, MANAGED_SETTINGS, type SessionState } from "@/lib/session/session";
import { US } from "./support/board-fixture";

const ALICE: Actor = { memberId: "mem-alice", role: "participant" };
const FRAN: Actor = { memberId: "mem-fran", role: "facilitator" };

function session(phaseId: string | null): SessionState {
  return {
    settings: MANAGED_SETTINGS,
    phases: DEFAULT_PHASES,
    clock: { phaseId, startedAt: phaseId ? 0 : null, durationMs: null, pausedRemainingMs: null },
    spotlight: { argumentId: null, at: 0 },
    teams: [],
    assignments: {},
    voting: { revealed: false },
    drafts: { revealedAt: null },
  };
}

const top: Argument = { id: "a", positionId: US, parentId: US, stance: "for", text: "Top.", quotes: [], authorId: "mem-alice", authorName: "alice", createdAt: 1, updatedAt: 1 };
const reply: Argument = { ...top, id: "r", parentId: "b", stance: "against" };
const moved = (before: Argument, patch: Partial<Argument>): ArgumentChange => ({ id: before.id, before, after: { ...before, ...patch } });
const refusal = (actor: Actor, phase: string | null, change: ArgumentChange) => movePhaseRefusal(actor, session(phase), [change], (id) => id === US);

const promote = moved(reply, { parentId: US, stance: "for" });
const demote = moved(top, { parentId: "b", stance: "against" });
const reparent = moved(reply, { parentId: "c" });
const reorder = moved(top, { order: "a0" });

describe("movePhaseRefusal", () => {
  it("refuses promoting a reply to a lane during rebuttals, and moving anything under an argument during openings", () => {
    expect(refusal(ALICE, "rebuttals", promote)).toMatch(/cannot be moved out to a position's lane/);
    expect(refusal(ALICE, "openings", demote)).toMatch(/only be moved to a position's lane/);
    expect(refusal(ALICE, "openings", reparent)).toMatch(/only be moved to a position's lane/);
  });

  it("allows what the phase allows to be added, reorders, edits and deletions", () => {
    expect(refusal(ALICE, "rebuttals", demote)).toBeNull();
    expect(refusal(ALICE, "rebuttals", reparent)).toBeNull();
    expect(refusal(ALICE, "openings", promote)).toBeNull();
    for (const phase of ["openings", "rebuttals"]) {
      expect(refusal(ALICE, phase, reorder)).toBeNull();
      expect(refusal(ALICE, phase, moved(top, { text: "Edited." }))).toBeNull();
      expect(refusal(ALICE, phase, { id: top.id, before: top, after: null })).toBeNull();
    }
  });

  it("leaves facilitators, other phases and no phase alone", () => {
    for (const change of [promote, demote]) {
      expect(refusal(FRAN, "openings", change)).toBeNull();
      expect(refusal(FRAN, "rebuttals", change)).toBeNull();
      expect(refusal(ALICE, null, change)).toBeNull();
    }
    expect(DEFAULT_PHASES.some((p) => p.id === "openings" && p.rule === "openings")).toBe(true);
    expect(DEFAULT_PHASES.some((p) => p.id === "rebuttals" && p.rule === "rebuttals")).toBe(true);
  });
});
