import { describe, expect, it } from "vitest";
import type { Argument, Stance } from "@/lib/board/argument";
import { buildColumns, depthOf, subtreeIds, type ArgumentNode } from "@/lib/board/tree";
import { PAK_MILITARY, SEED_POSITIONS, US } from "./support/board-fixture";

function arg(id: string, parentId: string, stance: Stance, positionId = US): Argument {
  return { id, positionId, parentId, stance, text: `Text of ${id}`, quotes: [], authorId: "u", authorName: "U", createdAt: 1, updatedAt: 1 };
}

/**
 * US:  for:     f1 -> (r1 against -> rr1 for -> rrr1 against), f2
 *      against: a1 -> s1 for
 * PAK: against: p1
 */
const ARGS: Argument[] = [
  arg("f1", US, "for"),
  arg("a1", US, "against"),
  arg("r1", "f1", "against"),
  arg("f2", US, "for"),
  arg("rr1", "r1", "for"),
  arg("s1", "a1", "for"),
  arg("rrr1", "rr1", "against"),
  arg("p1", PAK_MILITARY, "against", PAK_MILITARY),
];

/** A compact picture of a lane: "id(depth)[children]". */
function outline(nodes: ArgumentNode[]): string[] {
  return nodes.map((n) => `${n.argument.id}(${n.depth})${n.children.length ? `[${outline(n.children).join(",")}]` : ""}`);
}

describe("buildColumns", () => {
  it("makes one column per position, in the positions' order", () => {
    const columns = buildColumns(SEED_POSITIONS, ARGS);
    expect(columns.map((c) => c.position.key)).toEqual(["us", "pak-military"]);
  });

  it("splits top-level arguments into For and Against lanes by stance", () => {
    const [us, pak] = buildColumns(SEED_POSITIONS, ARGS);
    expect(us.lanes.for.map((n) => n.argument.id)).toEqual(["f1", "f2"]);
    expect(us.lanes.against.map((n) => n.argument.id)).toEqual(["a1"]);
    expect(pak.lanes).toMatchObject({ for: [], against: [{ argument: { id: "p1" }, depth: 0, children: [] }] });
  });

  it("nests replies under their parent at any depth, whatever their stance", () => {
    const [us] = buildColumns(SEED_POSITIONS, ARGS);
    expect(outline(us.lanes.for)).toEqual(["f1(0)[r1(1)[rr1(2)[rrr1(3)]]]", "f2(0)"]);
    expect(outline(us.lanes.against)).toEqual(["a1(0)[s1(1)]"]);
  });

  it("orders siblings by the board's order (a moved argument's key, else creation time, then id)", () => {
    const at = (id: string, createdAt: number, order?: string) => ({ ...arg(id, US, "for"), createdAt, ...(order ? { order } : {}) });
    const [us] = buildColumns(SEED_POSITIONS, [at("late", 5), at("early", 2), at("moved-first", 9, "a0"), at("tie", 5)]);
    expect(us.lanes.for.map((n) => n.argument.id)).toEqual(["moved-first", "early", "late", "tie"]);
  });

  it("gives a position without arguments two empty lanes", () => {
    expect(buildColumns(SEED_POSITIONS, []).map((c) => c.lanes)).toEqual([
      { for: [], against: [] },
      { for: [], against: [] },
    ]);
  });

  it("leaves out arguments that hang from nothing on the board", () => {
    const columns = buildColumns(SEED_POSITIONS, [...ARGS, arg("stray", "gone", "for")]);
    const shown = JSON.stringify(columns);
    expect(shown).not.toContain('"stray"');
  });

  it("returns no columns when there are no positions", () => {
    expect(buildColumns([], ARGS)).toEqual([]);
  });
});

describe("subtreeIds", () => {
  it("lists an argument and everything below it", () => {
    expect(subtreeIds(ARGS, "f1").sort()).toEqual(["f1", "r1", "rr1", "rrr1"]);
    expect(subtreeIds(ARGS, "a1").sort()).toEqual(["a1", "s1"]);
  });

  it("puts the root first", () => {
    expect(subtreeIds(ARGS, "r1")[0]).toBe("r1");
  });

  it("lists a leaf alone, and an unknown id alone", () => {
    expect(subtreeIds(ARGS, "rrr1")).toEqual(["rrr1"]);
    expect(subtreeIds(ARGS, "nope")).toEqual(["nope"]);
  });

  it("covers a whole position when given the position's id", () => {
    expect(subtreeIds(ARGS, US).sort()).toEqual([US, "a1", "f1", "f2", "r1", "rr1", "rrr1", "s1"].sort());
  });
});

describe("depthOf", () => {
  const byId = new Map(ARGS.map((a) => [a.id, a]));

  it("counts the arguments between an argument and its position", () => {
    expect(["f1", "r1", "rr1", "rrr1", "s1", "p1"].map((id) => depthOf(byId, byId.get(id)!))).toEqual([0, 1, 2, 3, 1, 0]);
  });
});
