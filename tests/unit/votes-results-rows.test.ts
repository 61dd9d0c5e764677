import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { argumentRows, ratedCounts, sortRows } from "@/components/votes/results-rows";
import { PAK_MILITARY, SEED_POSITIONS, US } from "./support/board-fixture";

function arg(id: string, parentId: string, positionId: string, stance: "for" | "against", createdAt: number): Argument {
  return { id, parentId, positionId, stance, text: `Text ${id}`, quotes: [], authorId: "u", authorName: "U", createdAt, updatedAt: createdAt };
}

const ARGS = [
  arg("a", US, US, "for", 1),
  arg("b", "a", US, "against", 2), // attacks a "for" argument: pushes the position down
  arg("c", "b", US, "against", 3), // rebuts the attack: pushes it up again
  arg("d", PAK_MILITARY, PAK_MILITARY, "against", 0),
];
const TALLIES = [
  { argumentId: "a", votes: 3, strength: 4, quoteSupport: null },
  { argumentId: "b", votes: 1, strength: 2, quoteSupport: 5 },
  { argumentId: "gone", votes: 9, strength: 5, quoteSupport: 5 },
];

describe("argumentRows", () => {
  it("lists every argument in board order with its tally and the side it ends up on", () => {
    const rows = argumentRows(ARGS, SEED_POSITIONS, TALLIES);
    expect(rows.map((r) => r.id)).toEqual(["a", "b", "c", "d"]);
    expect(rows.map((r) => r.side)).toEqual(["for", "against", "for", "against"]);
    expect(rows.map((r) => r.reply)).toEqual([false, true, true, false]);
    expect(rows[0]).toMatchObject({ positionLabel: "The US position", votes: 3, strength: 4, quoteSupport: null });
    expect(rows[2]).toMatchObject({ votes: 0, strength: null });
  });

  it("leaves out tallies of deleted arguments", () => {
    expect(argumentRows(ARGS, SEED_POSITIONS, TALLIES).some((r) => r.id === "gone")).toBe(false);
  });
});

describe("sortRows", () => {
  const rows = argumentRows(ARGS, SEED_POSITIONS, TALLIES);

  it("sorts by a number column either way, unrated rows last both times", () => {
    expect(sortRows(rows, "strength", "descending").map((r) => r.id)).toEqual(["a", "b", "c", "d"]);
    expect(sortRows(rows, "strength", "ascending").map((r) => r.id)).toEqual(["b", "a", "c", "d"]);
    expect(sortRows(rows, "quoteSupport", "ascending").map((r) => r.id)).toEqual(["b", "a", "c", "d"]);
  });

  it("keeps the board order among ties and sorts text columns alphabetically", () => {
    expect(sortRows(rows, "votes", "descending").map((r) => r.id)).toEqual(["a", "b", "c", "d"]);
    expect(sortRows(rows, "position", "ascending").map((r) => r.id)).toEqual(["d", "a", "b", "c"]);
    expect(sortRows(rows, "text", "descending").map((r) => r.id)).toEqual(["d", "c", "b", "a"]);
  });

  it("does not reorder its input", () => {
    const copy = [...rows];
    sortRows(rows, "votes", "ascending");
    expect(rows).toEqual(copy);
  });
});

describe("ratedCounts", () => {
  it("counts the rated arguments behind each side's sum, by the side they end up on", () => {
    const counts = ratedCounts(ARGS, [...TALLIES, { argumentId: "c", votes: 2, strength: 3, quoteSupport: null }, { argumentId: "d", votes: 1, strength: null, quoteSupport: 4 }]);
    expect(counts.get(US)).toEqual({ for: 2, against: 1 }); // a and its rebuttal-of-an-attack c; b attacks
    expect(counts.has(PAK_MILITARY)).toBe(false); // d has no strength rating, "gone" is deleted
  });
});
