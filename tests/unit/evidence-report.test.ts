import { describe, expect, it } from "vitest";
import { computeHeat } from "@/lib/evidence/heat";
import { passageUnits } from "@/lib/evidence/passages";
import { computeEvidenceReport, mayShowVoteFigures, type ReportInput } from "@/lib/evidence/report";
import type { ArgumentTally } from "@/lib/session/votes";
import { TINY_ARGS, TINY_POSITIONS, TINY_SOURCE } from "./support/evidence-fixture";

const [A, B] = TINY_POSITIONS.map((p) => p.id);
const teams = [
  { id: "t-a", name: "Team A", positionId: A },
  { id: "t-b", name: "Team B", positionId: B },
];
const tallies: ArgumentTally[] = [
  { argumentId: "a1", votes: 2, strength: 4, quoteSupport: 5 },
  { argumentId: "a4", votes: 1, strength: 3, quoteSupport: 2 },
  { argumentId: "a2", votes: 1, strength: 2, quoteSupport: null },
];
const draft = (teamId: string | null, parentId: string, stance: "for" | "against", quotes: unknown[] = []) => ({
  teamId,
  record: { id: "d", positionId: parentId === "a1" ? A : parentId, parentId, stance, quotes, text: "draft text" },
});

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  const units = passageUnits(TINY_SOURCE, "en");
  return {
    source: TINY_SOURCE,
    heat: computeHeat(TINY_SOURCE, units, TINY_POSITIONS, TINY_ARGS),
    positions: TINY_POSITIONS,
    args: TINY_ARGS,
    teams,
    assignments: { ann: "t-a", bob: "t-b" },
    tallies,
    drafts: [draft("t-a", A, "for"), draft("t-b", "a1", "against"), draft(null, B, "for"), draft("t-a", A, "for", [{ exact: "x" }]), { teamId: "t-a", record: "junk" }],
    ...overrides,
  };
}

describe("evidence report", () => {
  it("gives each side its arguments, the share with a quote, mean quote support and quoteless drafts", () => {
    const report = computeEvidenceReport(input());
    const [sideA, sideB] = report.sides;
    expect(sideA).toMatchObject({ key: A, arguments: 2, quoted: 2, quotedShare: 1, quoteSupport: 3.5, quotelessDrafts: 1 });
    // a5 has no quote; a2's tally has no quote-support rating, so B has no mean.
    expect(sideB).toMatchObject({ key: B, arguments: 3, quoted: 2, quotedShare: 2 / 3, quoteSupport: null, quotelessDrafts: 2 });
    expect(report.passages).toEqual({ total: 4, cited: 3, contested: 2, uncited: 1 });
  });

  it("names the most-cited passages per side, most first then in reading order", () => {
    const [sideA, sideB] = computeEvidenceReport(input()).sides;
    expect(sideA.topPassages.map((p) => [p.text, p.arguments])).toEqual([["Alpha one.", 1], ["Beta two.", 1]]);
    expect(sideB.topPassages.map((p) => p.text)).toEqual(["Alpha one.", "Beta two.", "Gamma three."]);
  });

  it("gives teams their members' arguments and their drafts, with team-less drafts apart", () => {
    const report = computeEvidenceReport(input());
    expect(report.teams.map((t) => [t.label, t.arguments, t.quoted, t.quotelessDrafts])).toEqual([
      ["Team A", 2, 2, 1],
      ["Team B", 2, 2, 1],
    ]);
    expect(report.quotelessDraftsWithoutTeam).toBe(1);
  });

  it("leaves every vote-derived figure out when the tallies are withheld", () => {
    const report = computeEvidenceReport(input({ tallies: null }));
    expect(report.votesShown).toBe(false);
    expect(report.sides.every((s) => s.quoteSupport === null)).toBe(true);
    expect(report.teams.every((t) => t.quoteSupport === null)).toBe(true);
  });

  it("leaves draft counts out for readers who may not count them", () => {
    const report = computeEvidenceReport(input({ drafts: null }));
    expect(report.draftsShown).toBe(false);
    expect(report.sides.every((s) => s.quotelessDrafts === null)).toBe(true);
    expect(report.quotelessDraftsWithoutTeam).toBeNull();
  });

  it("shows vote figures once revealed, and before that to the facilitator alone", () => {
    expect(mayShowVoteFigures("facilitator", false)).toBe(true);
    expect(mayShowVoteFigures("participant", false)).toBe(false);
    expect(mayShowVoteFigures("observer", false)).toBe(false);
    expect(mayShowVoteFigures(null, false)).toBe(false);
    expect(mayShowVoteFigures("participant", true)).toBe(true);
  });
});
