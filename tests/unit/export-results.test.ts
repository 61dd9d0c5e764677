/**
 * Vote results in the handouts (Markdown, PDF, the SVG that becomes the PNG): printed once the
 * facilitator has revealed them, absent before — even from an export carrying a facilitator's ballots.
 */
import { describe, expect, it } from "vitest";
import type { ExportBoard, ExportVote } from "@/lib/export/board-export";
import { toMarkdown } from "@/lib/export/markdown";
import { toSvg } from "@/lib/export/svg";
import { computeResults } from "@/lib/session/votes";
import { renderPdfHandout } from "@/server/export/pdf";
import { demoExportBoard } from "./support/export-fixture";
import { pdfText, squash } from "./support/pdf-text";

const board = demoExportBoard();
const [first, second] = board.arguments;
const ballots: ExportVote[] = [
  { argumentId: first.id, memberId: "m1", strength: 5, quoteSupport: 4, at: "2026-11-27T10:00:00.000Z" },
  { argumentId: first.id, memberId: "m2", strength: 4, quoteSupport: null, at: "2026-11-27T10:01:00.000Z" },
  { argumentId: second.id, memberId: "m1", strength: 2, quoteSupport: 1, at: "2026-11-27T10:02:00.000Z" },
];
const teams = [{ id: "team-a", name: "Team Aid", positionId: board.positions[0].id, color: board.positions[0].color, memberIds: [first.authorId] }];

/** The board as a facilitator's export carries it, with or without the revealed results. */
function exported(revealed: boolean): ExportBoard {
  const results = computeResults(board.arguments, board.positions, teams, { [first.authorId]: "team-a" }, ballots.map((b) => ({ ...b, at: Date.parse(b.at) })));
  return { ...board, teams, votes: ballots, results: revealed ? { tallies: results.tallies, sides: results.sides, teams: results.teams } : null };
}

const label = board.positions.find((p) => p.id === first.positionId)!.label;

describe("results in the handouts", () => {
  it("Markdown: a Vote results section and each argument's tally once revealed", () => {
    const md = toMarkdown(exported(true));
    expect(md).toContain("## Vote results");
    expect(md).toMatch(new RegExp(`- ${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: balance [+−±]\\d+\\.\\d \\(for \\d+\\.\\d, against \\d+\\.\\d\\)`));
    expect(md).toContain("- Team Aid: ");
    expect(md).toContain(`— *${first.authorName}* · 2 votes · strength 4.5 · quote support 4.0`);
  });

  it("Markdown: nothing of the ballots before", () => {
    const md = toMarkdown(exported(false));
    expect(md).not.toContain("Vote results");
    expect(md).not.toMatch(/\d votes?|strength/);
  });

  it("PDF: the results section and tallies once revealed, none before", async () => {
    const revealed = squash(pdfText(await renderPdfHandout(exported(true), { compress: false })));
    expect(revealed).toContain("Vote results");
    expect(revealed).toContain("2 votes · strength 4.5 · quote support 4.0");
    expect(revealed).toContain("Team Aid: 2 arguments, 2 votes, strength 4.5");
    const hidden = squash(pdfText(await renderPdfHandout(exported(false), { compress: false })));
    expect(hidden).not.toContain("Vote results");
    expect(hidden).not.toMatch(/\d votes?|strength \d/);
  });

  it("SVG (and so the PNG): a results line and each card's strength once revealed, none before", () => {
    const revealed = toSvg(exported(true));
    expect(revealed).toContain(`class="results">Vote results — `);
    expect(revealed).toContain("strength 4.5, 2 votes");
    const hidden = toSvg(exported(false));
    expect(hidden).not.toContain("Vote results");
    expect(hidden).not.toMatch(/\d votes?<|strength \d/);
  });
});
