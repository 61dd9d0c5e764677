/**
 * The vote arithmetic: per-argument tallies from each member's latest ballot, which way an argument
 * pushes its position through any depth of rebuttals, and the totals and timeline the facilitator sees.
 */
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { computeResults, effectOnPosition, tally, type Ballot } from "@/lib/session/votes";
import type { Team } from "@/lib/session/session";
import { PAK_MILITARY, SEED_POSITIONS, US } from "./support/board-fixture";

function arg(id: string, parentId: string, stance: "for" | "against", authorId = "mem-alice", positionId = US): Argument {
  return { id, positionId, parentId, stance, text: id, quotes: [], authorId, authorName: authorId, createdAt: 1, updatedAt: 1 };
}

function ballot(argumentId: string, memberId: string, strength: number | null, at: number, quoteSupport: number | null = null): Ballot {
  return { argumentId, memberId, strength, quoteSupport, at };
}

/**
 * On the US position:  a (for) ← b (against a) ← c (against b) ← d (against c)
 *                      a ← e (for a);  f (against the position) ← g (for f)
 */
const board: Argument[] = [
  arg("a", US, "for"),
  arg("b", "a", "against", "mem-bob"),
  arg("c", "b", "against"),
  arg("d", "c", "against", "mem-bob"),
  arg("e", "a", "for"),
  arg("f", US, "against", "mem-bob"),
  arg("g", "f", "for", "mem-bob"),
  arg("p", PAK_MILITARY, "for", "mem-bob", PAK_MILITARY),
];
const byId = new Map(board.map((a) => [a.id, a]));
const effect = (id: string) => effectOnPosition(byId.get(id)!, byId);

describe("effectOnPosition", () => {
  it("counts top-level arguments by their stance", () => {
    expect(effect("a")).toBe(1);
    expect(effect("f")).toBe(-1);
  });

  it("flips the sign at every attack up the chain: a rebuttal of an attack counts for again", () => {
    expect(effect("b")).toBe(-1); // attacks a supporter
    expect(effect("c")).toBe(1); // rebuts the attack
    expect(effect("d")).toBe(-1); // rebuts the rebuttal
  });

  it("counts supports for whatever they support", () => {
    expect(effect("e")).toBe(1);
    expect(effect("g")).toBe(-1); // supports an argument against the position
  });
});

describe("tally", () => {
  it("keeps only each member's latest ballot per argument, whatever order they are listed in", () => {
    const tallies = tally([ballot("a", "mem-bob", 5, 300), ballot("a", "mem-bob", 1, 100), ballot("a", "mem-cy", 2, 200)]);
    expect(tallies).toEqual([{ argumentId: "a", votes: 2, strength: 3.5, quoteSupport: null }]);
  });

  it("averages each rating over the ballots that give it", () => {
    const tallies = tally([ballot("a", "m1", 4, 1, 2), ballot("a", "m2", null, 2, 5), ballot("a", "m3", 2, 3, null), ballot("b", "m1", null, 4)]);
    expect(tallies).toEqual([
      { argumentId: "a", votes: 3, strength: 3, quoteSupport: 3.5 },
      { argumentId: "b", votes: 1, strength: null, quoteSupport: null },
    ]);
  });

  it("is empty without ballots", () => {
    expect(tally([])).toEqual([]);
  });
});

describe("computeResults", () => {
  const teams: Team[] = [
    { id: "team-us", name: "Team US", positionId: US, color: "indigo" },
    { id: "team-pak", name: "Team Pakistan", positionId: PAK_MILITARY, color: "emerald" },
  ];
  const assignments = { "mem-alice": "team-us", "mem-bob": "team-pak" };

  it("adds each argument's average strength to its position's side by its effect", () => {
    const ballots = [ballot("a", "m1", 4, 1), ballot("b", "m1", 2, 2), ballot("c", "m1", 3, 3), ballot("d", "m1", 1, 4), ballot("g", "m1", 5, 5), ballot("p", "m1", 2, 6)];
    const { sides } = computeResults(board, SEED_POSITIONS, teams, assignments, ballots);
    expect(sides).toEqual([
      // for: a 4 + c 3; against: b 2 + d 1 + g 5
      { positionId: US, forStrength: 7, againstStrength: 8, balance: -1 },
      { positionId: PAK_MILITARY, forStrength: 2, againstStrength: 0, balance: 2 },
    ]);
  });

  it("skips ballots on arguments no longer on the board and ballots without a strength", () => {
    const { sides, tallies } = computeResults(board, SEED_POSITIONS, teams, assignments, [ballot("gone", "m1", 5, 1), ballot("a", "m1", null, 2, 4)]);
    expect(tallies.map((t) => t.argumentId)).toEqual(["gone", "a"]);
    expect(sides[0]).toEqual({ positionId: US, forStrength: 0, againstStrength: 0, balance: 0 });
  });

  it("totals each team's arguments, votes and strength by the authors' teams", () => {
    const ballots = [ballot("a", "m1", 4, 1), ballot("a", "m2", 2, 2), ballot("b", "m1", 5, 3)];
    const { teams: totals } = computeResults(board, SEED_POSITIONS, teams, assignments, ballots);
    expect(totals).toEqual([
      { teamId: "team-us", arguments: 3, votes: 2, strength: 3 }, // a, c, e by Alice; a averages 3
      { teamId: "team-pak", arguments: 5, votes: 1, strength: 5 }, // b, d, f, g, p by Bob
    ]);
  });

  it("records the balance after every ballot in time order, a changed vote replacing the earlier one", () => {
    const ballots = [ballot("b", "m1", 2, 20), ballot("a", "m1", 4, 10), ballot("a", "m1", 1, 30), ballot("a", "m2", 5, 40)];
    const { timeline, tallies } = computeResults(board, SEED_POSITIONS, teams, assignments, ballots);
    expect(timeline).toEqual([
      { at: 10, balances: { [US]: 4, [PAK_MILITARY]: 0 } },
      { at: 20, balances: { [US]: 2, [PAK_MILITARY]: 0 } },
      { at: 30, balances: { [US]: -1, [PAK_MILITARY]: 0 } }, // m1 changed their mind on a: 1 − 2
      { at: 40, balances: { [US]: 1, [PAK_MILITARY]: 0 } }, // a averages (1 + 5) / 2 = 3, minus b's 2
    ]);
    expect(tallies.find((t) => t.argumentId === "a")).toEqual({ argumentId: "a", votes: 2, strength: 3, quoteSupport: null });
  });

  it("gives empty results for a board without ballots", () => {
    expect(computeResults(board, SEED_POSITIONS, teams, assignments, [])).toEqual({
      tallies: [],
      sides: [
        { positionId: US, forStrength: 0, againstStrength: 0, balance: 0 },
        { positionId: PAK_MILITARY, forStrength: 0, againstStrength: 0, balance: 0 },
      ],
      teams: [
        { teamId: "team-us", arguments: 3, votes: 0, strength: 0 },
        { teamId: "team-pak", arguments: 5, votes: 0, strength: 0 },
      ],
      timeline: [],
    });
  });
});
