import { describe, expect, it } from "vitest";
import type { ExportBoard } from "@/lib/export/board-export";
import type { Argument } from "@/lib/board/argument";
import { computeHeat } from "@/lib/evidence/heat";
import { passageUnits } from "@/lib/evidence/passages";
import { renderPdfHandout } from "@/server/export/pdf";
import { HEAT_TINT, heatOf, passagePaint, SIDE_DASH } from "@/server/export/pdf-evidence";
import { TINY_ARGS, TINY_POSITIONS, TINY_SOURCE } from "./support/evidence-fixture";
import { demoExportBoard } from "./support/export-fixture";
import { latin1, pdfText, squash } from "./support/pdf-text";

const demo = demoExportBoard();

describe("PDF handout: evidence", () => {
  it("prints the heat-map key, contested and uncited passages and the report, without ratings while hidden", async () => {
    const lines = pdfText(await renderPdfHandout(demo, { compress: false }));
    const text = squash(lines);
    expect(lines).toContain("Evidence");
    expect(text).toContain("◆ “");
    expect(text).toMatch(/\d+ of \d+ sentences of the article are cited; \d+ contested/);
    expect(text).toContain("Contested passages");
    expect(text).toMatch(/Not yet cited \(\d+\)/);
    expect(text).toContain("Evidence report: per side");
    expect(text).toMatch(/The US position: cites \d+ sentences/);
    expect(lines).toContain("hidden");
  });

  it("prints mean quote support once the results are revealed", async () => {
    const revealed: ExportBoard = structuredClone(demo);
    revealed.results = { tallies: [{ argumentId: "demo-us-for-1", votes: 2, strength: 4, quoteSupport: 3.5 }], sides: [], teams: [] };
    const lines = pdfText(await renderPdfHandout(revealed, { compress: false }));
    expect(lines).toContain("3.5");
    expect(lines).not.toContain("hidden");
  });
});

describe("PDF handout: the article shaded like the screen's heat-map", () => {
  // The tiny board plus one more B argument on "Gamma three.", so B's top sentence sets the scale at 2.
  const extra: Argument = { ...TINY_ARGS[1], id: "a6", authorId: "dee", quotes: [TINY_ARGS[1].quotes[1]] };
  const heat = computeHeat(TINY_SOURCE, passageUnits(TINY_SOURCE, "en"), TINY_POSITIONS, [...TINY_ARGS, extra]);
  const [A, B] = TINY_POSITIONS.map((p) => p.id);

  it("gives a sentence one tint and underline per citing side, in side order, darker with more citing arguments", () => {
    expect(heat.maxPerSide).toBe(2);
    const first = passagePaint(heat.passages[0], heat);
    expect(first.contested).toBe(true);
    expect(first.sides.map((s) => [s.key, s.count, s.level, s.tint, s.dash])).toEqual([
      [A, 1, 2, HEAT_TINT[2], SIDE_DASH[0]],
      [B, 1, 2, HEAT_TINT[2], SIDE_DASH[1]],
    ]);
    const gamma = passagePaint(heat.passages[2], heat);
    expect(gamma).toMatchObject({ contested: false, sides: [{ key: B, count: 2, level: 4, tint: HEAT_TINT[4] }] });
    expect(passagePaint(heat.passages[3], heat)).toEqual({ sides: [], contested: false });
  });

  it("keeps the tints light and in rising steps, and the sides' underlines distinct", () => {
    expect(HEAT_TINT[0]).toBe(0);
    for (let level = 1; level < HEAT_TINT.length; level++) expect(HEAT_TINT[level]).toBeGreaterThan(HEAT_TINT[level - 1]);
    expect(Math.max(...HEAT_TINT)).toBeLessThanOrEqual(0.3);
    expect(new Set(SIDE_DASH.map((d) => JSON.stringify(d))).size).toBe(SIDE_DASH.length);
  });

  it("draws only those tints, a shape ◆ per contested sentence (plus the legend's), and leaves the text copyable", async () => {
    const pdf = await renderPdfHandout(demo, { compress: false });
    const raw = latin1(pdf);
    const opacities = [...raw.matchAll(/\/ca ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(opacities.length).toBeGreaterThan(0);
    for (const opacity of opacities) expect(HEAT_TINT).toContain(opacity);
    // A diamond is four points and a closed path: no glyph, so nothing extra in copied text.
    const diamonds = raw.match(/ m\n\S+ \S+ l\n\S+ \S+ l\n\S+ \S+ l\nh\n/g) ?? [];
    const contested = heatOf(demo).passages.filter((p) => p.contested);
    expect(diamonds).toHaveLength(contested.length + 1);
    const lines = pdfText(pdf);
    expect(lines).not.toContain("◆");
    const text = squash(lines);
    for (const passage of contested) expect(text).toContain(passage.unit.text.split(" ").slice(0, 6).join(" "));
    expect(text).toMatch(/The US position: paler to darker as 1 (to \d+ )?arguments? of this side cite a sentence/);
    expect(text).toContain("Contested: cited by more than one side");
  });
});
