import { describe, expect, it } from "vitest";
import { computeHeat, describePassageHeat, heatLevel } from "@/lib/evidence/heat";
import { passageUnits } from "@/lib/evidence/passages";
import { listSides, sidesOfArguments } from "@/lib/evidence/sides";
import { makePositions } from "@/lib/board/position";
import { demoExportBoard } from "./support/export-fixture";
import { TINY_ARGS, TINY_POSITIONS, TINY_SOURCE } from "./support/evidence-fixture";

describe("passage units", () => {
  it("cuts the source into trimmed sentences inside paragraphs, with both offset systems", () => {
    const units = passageUnits(TINY_SOURCE, "en");
    expect(units.map((u) => u.text)).toEqual(["Alpha one.", "Beta two.", "Gamma three.", "Delta four."]);
    expect(units.map((u) => u.blockIndex)).toEqual([0, 0, 1, 1]);
    for (const u of units) expect(TINY_SOURCE.slice(u.start16, u.end16)).toBe(u.text);
  });

  it("counts code points apart from UTF-16 units after an astral character", () => {
    const source = "Thumbs 👍 up. Next one.";
    const [first, second] = passageUnits(source, "en");
    expect(second.text).toBe("Next one.");
    expect(second.start16 - second.start).toBe(1);
    expect(first.end - first.start).toBe([...first.text].length);
  });

  it("covers every sentence of the real article in reading order", () => {
    const { source } = demoExportBoard();
    const units = passageUnits(source.text, source.language);
    expect(units.length).toBeGreaterThan(50);
    for (let i = 1; i < units.length; i++) expect(units[i].start16).toBeGreaterThanOrEqual(units[i - 1].end16);
    expect(units[0].text).toBe("Can the US and Pakistan reset bilateral ties?");
  });
});

describe("sides", () => {
  it("follows the stance chain: attacking an attack argues the original side again", () => {
    const sides = sidesOfArguments(TINY_ARGS, TINY_POSITIONS);
    const [A, B] = TINY_POSITIONS.map((p) => p.id);
    expect(Object.fromEntries(sides)).toEqual({ a1: A, a2: B, a3: B, a4: A, a5: B });
  });

  it("gives boards of three positions an 'against' side per position", () => {
    const three = makePositions([{ label: "X" }, { label: "Y" }, { label: "Z" }]);
    expect(listSides(three).map((s) => s.label)).toEqual(["X", "Y", "Z", "Against X", "Against Y", "Against Z"]);
    expect(listSides(TINY_POSITIONS)).toHaveLength(2);
  });
});

describe("heat-map", () => {
  const heat = computeHeat(TINY_SOURCE, passageUnits(TINY_SOURCE, "en"), TINY_POSITIONS, TINY_ARGS);
  const [A, B] = TINY_POSITIONS.map((p) => p.id);

  it("counts citing arguments and quotes per side, and marks passages cited by both sides contested", () => {
    expect(heat.passages.map((p) => p.bySide)).toEqual([
      { [A]: { arguments: 1, quotes: 1 }, [B]: { arguments: 1, quotes: 1 } },
      { [B]: { arguments: 1, quotes: 1 }, [A]: { arguments: 1, quotes: 2 } },
      { [B]: { arguments: 1, quotes: 1 } },
      {},
    ]);
    expect(heat.passages.map((p) => p.contested)).toEqual([true, true, false, false]);
    expect(heat.uncited).toEqual([3]);
    expect(heat.maxPerSide).toBe(1);
  });

  it("ignores quotes whose offsets no longer match the source", () => {
    const stale = TINY_ARGS.map((a) => (a.id === "a2" ? { ...a, quotes: a.quotes.map((q) => ({ ...q, exact: "Something else" })) } : a));
    const moved = computeHeat(TINY_SOURCE, passageUnits(TINY_SOURCE, "en"), TINY_POSITIONS, stale);
    expect(moved.passages[2].arguments).toBe(0);
    expect(moved.passages[0].contested).toBe(false);
  });

  it("describes a passage in words, not colour alone", () => {
    expect(describePassageHeat(heat.passages[0], heat.sides)).toBe("Cited 1× by Side A, 1× by Side B — contested");
    expect(describePassageHeat(heat.passages[2], heat.sides)).toBe("Cited 1× by Side B");
    expect(describePassageHeat(heat.passages[3], heat.sides)).toBe("Not yet cited");
  });

  it("scales intensity in four steps", () => {
    expect([0, 1, 2, 3, 4, 8].map((n) => heatLevel(n, 8))).toEqual([0, 1, 1, 2, 2, 4]);
    expect(heatLevel(3, 0)).toBe(0);
  });

  it("maps the demo board: every quote lands on a passage, and uncited passages are listed", () => {
    const board = demoExportBoard();
    const units = passageUnits(board.source.text, board.source.language);
    const demo = computeHeat(board.source.text, units, board.positions, board.arguments);
    const cited = demo.passages.filter((p) => p.arguments > 0);
    expect(cited.length).toBeGreaterThan(5);
    expect(demo.uncited.length + cited.length).toBe(units.length);
    // Each argument's quotes show up on at least one passage, for its own side.
    const sides = sidesOfArguments(board.arguments, board.positions);
    for (const arg of board.arguments.filter((a) => a.quotes.length > 0)) {
      const side = sides.get(arg.id)!;
      const hit = demo.passages.some((p) => p.unit.start < arg.quotes[0].end && p.unit.end > arg.quotes[0].start && p.bySide[side]);
      expect(hit, arg.id).toBe(true);
    }
  });
});
