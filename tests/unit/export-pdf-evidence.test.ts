import { describe, expect, it } from "vitest";
import type { ExportBoard } from "@/lib/export/board-export";
import { computeHeat } from "@/lib/evidence/heat";
import { passageUnits } from "@/lib/evidence/passages";
import { numberPassages, renderPdfHandout } from "@/server/export/pdf";
import { markContested } from "@/server/export/pdf-evidence";
import { demoExportBoard } from "./support/export-fixture";
import { pdfText, squash } from "./support/pdf-text";

const demo = demoExportBoard();

describe("PDF handout: evidence", () => {
  it("marks the numbers of passages in contested sentences, and only those", () => {
    const heat = computeHeat(demo.source.text, passageUnits(demo.source.text, "en"), demo.positions, demo.arguments);
    const contestedUnits = heat.passages.filter((p) => p.contested).map((p) => p.unit);
    expect(contestedUnits.length).toBeGreaterThan(0);
    for (const p of markContested(demo, numberPassages(demo))) {
      expect(p.contested, `passage ${p.number}`).toBe(contestedUnits.some((u) => u.start16 < p.end16 && u.end16 > p.start16));
    }
  });

  it("prints the heat-map key, contested and uncited passages and the report, without ratings while hidden", async () => {
    const lines = pdfText(await renderPdfHandout(demo, { compress: false }));
    const text = squash(lines);
    expect(lines).toContain("Evidence");
    expect(lines).toContain("◆");
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
