import { describe, expect, it } from "vitest";
import { addArgument } from "@/lib/board/operations";
import { buildActivity } from "@/lib/review/activity";
import { contributionsFromHistory, contributionsToCsv, summarizeContributions, teamNamesAtEnd, type ContributionRow } from "@/lib/review/contributions";
import { writeSession } from "@/lib/session/session";
import type { ReviewMember } from "@/lib/review/history";
import { replayHistory, stateAtStep } from "@/lib/review/replay";
import { ARTICLE, PAK_MILITARY } from "./support/board-fixture";
import { AMIRA, BEN, FACILITATOR, MEMBERS, minute, QUOTE_AID, QUOTE_FUNDING, QUOTE_INTERESTS, SessionRecorder } from "./support/review-history";

const OBSERVER: ReviewMember = { id: "mem-cleo", displayName: "Cleo", role: "observer" };

/** A short class: two participants argue, the facilitator edits and rates, an observer only watches. */
function recordClass() {
  const session = new SessionRecorder();
  const a1 = session.add(AMIRA, minute(1), { text: "Aid is leverage.", quotes: [QUOTE_AID, QUOTE_FUNDING] });
  const a2 = session.add(AMIRA, minute(2), { text: "A point she withdrew." });
  const b1 = session.add(BEN, minute(3), { parentId: PAK_MILITARY, stance: "against", text: "Sovereignty first.", quotes: [QUOTE_INTERESTS] });
  session.add(AMIRA, minute(4), { parentId: b1.id, stance: "against", text: "Sovereignty is not at stake.", quotes: [QUOTE_AID] });
  session.add(BEN, minute(4.5), { parentId: a1.id, stance: "for", text: "And the cut shows it." });
  session.edit(AMIRA.id, minute(5), a1.id, { text: "Aid is real leverage." });
  session.remove(AMIRA.id, minute(6), a2.id);
  session.vote(AMIRA.id, minute(7), b1.id, 2, 3);
  session.vote(AMIRA.id, minute(8), b1.id, 3, 3); // a changed rating, not a second vote
  session.edit(FACILITATOR.id, minute(9), b1.id, { text: "Sovereignty comes first." });
  session.vote(FACILITATOR.id, minute(10), b1.id, 4, null);
  // Written by the server on Amira's behalf (e.g. a draft made public): her authorId is the fallback.
  session.record(null, minute(11), (doc) =>
    addArgument(doc, ARTICLE, { parentId: PAK_MILITARY, stance: "for", text: "Published draft.", quotes: [], author: AMIRA }),
  );
  return session;
}

function rows(session: SessionRecorder, members = [...MEMBERS, OBSERVER]): ContributionRow[] {
  const replay = replayHistory(session.updates);
  const state = stateAtStep(replay, replay.steps.length - 1);
  return summarizeContributions({ state, activity: buildActivity(session.updates, session.votes), members });
}

describe("contribution summary", () => {
  it("counts each member's arguments, rebuttals, supports, quotes, votes, edits and activity span from the final board", () => {
    const byId = new Map(rows(recordClass()).map((r) => [r.memberId, r]));
    expect(byId.get(AMIRA.id)).toEqual({
      memberId: AMIRA.id, role: "participant",
      arguments: 2, rebuttals: 1, supports: 0, quotes: 3, votes: 1, edits: 1,
      firstActivity: minute(1), lastActivity: minute(8),
    });
    expect(byId.get(BEN.id)).toEqual({
      memberId: BEN.id, role: "participant",
      arguments: 1, rebuttals: 0, supports: 1, quotes: 1, votes: 0, edits: 0,
      firstActivity: minute(3), lastActivity: minute(4.5),
    });
    // Editing Ben's argument does not make it the facilitator's.
    expect(byId.get(FACILITATOR.id)).toMatchObject({ arguments: 0, rebuttals: 0, supports: 0, quotes: 0, votes: 1, edits: 1, firstActivity: minute(9), lastActivity: minute(10) });
  });

  it("lists members who did nothing with zeros, in the members' order", () => {
    const result = rows(recordClass());
    expect(result.map((r) => r.memberId)).toEqual([AMIRA.id, BEN.id, FACILITATOR.id, OBSERVER.id]);
    expect(result[3]).toEqual({
      memberId: OBSERVER.id, role: "observer",
      arguments: 0, rebuttals: 0, supports: 0, quotes: 0, votes: 0, edits: 0, firstActivity: null, lastActivity: null,
    });
  });

  it("credits the member who sent the creating update, not the name written on the argument", () => {
    const session = new SessionRecorder();
    // A guest-era argument claiming Ben's id, sent by Amira's connection: the server's record wins.
    session.add({ id: BEN.id, name: "Ben" }, minute(1), { text: "Whose is this?" });
    session.updates[1].memberId = AMIRA.id;
    const byId = new Map(rows(session).map((r) => [r.memberId, r]));
    expect(byId.get(AMIRA.id)?.arguments).toBe(1);
    expect(byId.get(BEN.id)?.arguments).toBe(0);
  });

  it("gives the same rows from the whole history in one call", () => {
    const session = recordClass();
    const members = [...MEMBERS, OBSERVER];
    expect(contributionsFromHistory({ members, updates: session.updates, votes: session.votes })).toEqual(rows(session, members));
  });
});

describe("teamNamesAtEnd", () => {
  it("names each member's team as the session ended, a later assignment replacing an earlier one", () => {
    const session = recordClass();
    const teams = [
      { id: "team-a", name: "Team Aid", positionId: PAK_MILITARY, color: "indigo" as const },
      { id: "team-b", name: "Team Sovereignty", positionId: PAK_MILITARY, color: "amber" as const },
    ];
    session.record(FACILITATOR.id, minute(12), (doc) => writeSession(doc, { teams, assignments: { [AMIRA.id]: "team-b", [BEN.id]: "team-b" } }));
    session.record(FACILITATOR.id, minute(13), (doc) => writeSession(doc, { assignments: { [AMIRA.id]: "team-a", [BEN.id]: "team-b", ghost: "team-gone" } }));
    const history = { members: [...MEMBERS, OBSERVER], updates: session.updates, votes: session.votes };
    const names = teamNamesAtEnd(history);
    expect(names).toEqual(new Map([[AMIRA.id, "Team Aid"], [BEN.id, "Team Sovereignty"]]));
    const lines = contributionsToCsv(contributionsFromHistory(history), new Map(MEMBERS.map((m) => [m.id, m.displayName])), names).split("\r\n");
    expect(lines.find((line) => line.startsWith("Amira,"))).toMatch(/^Amira,participant,Team Aid,/);
    expect(lines.find((line) => line.startsWith("Ms Okafor,"))).toMatch(/^Ms Okafor,facilitator,,/);
  });
});

describe("contributionsToCsv", () => {
  const row = (memberId: string): ContributionRow => ({
    memberId, role: "participant", arguments: 2, rebuttals: 1, supports: 0, quotes: 3, votes: 1, edits: 0, firstActivity: minute(1), lastActivity: minute(8),
  });

  it("writes a BOM, a lower-case header, CRLF records and ISO times", () => {
    const text = contributionsToCsv([row(AMIRA.id)], new Map([[AMIRA.id, "Amira"]]), new Map([[AMIRA.id, "Team US"]]));
    expect(text.startsWith("\ufeffmember,role,team,arguments,rebuttals,supports,quotes,votes,edits,first_activity,last_activity,member_id\r\n")).toBe(true);
    expect(text.split("\r\n")[1]).toBe(`Amira,participant,Team US,2,1,0,3,1,0,${new Date(minute(1)).toISOString()},${new Date(minute(8)).toISOString()},${AMIRA.id}`);
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("defuses hostile display names and quotes the ones RFC 4180 requires", () => {
    const names = new Map([
      ["m1", "=cmd|' /C calc'!A0"],
      ["m2", "+SUM(1,2)"],
      ["m3", ' @evil'],
      ["m4", 'Ann "Nan", Jr'],
      ["m5", "Zoë\nSecond line"],
    ]);
    const lines = contributionsToCsv([...names.keys()].map(row), names).split("\r\n");
    const firstCell = (i: number) => lines[i].slice(0, lines[i].indexOf(",participant"));
    expect(firstCell(1)).toBe("'=cmd|' /C calc'!A0");
    expect(firstCell(2)).toBe(`"'+SUM(1,2)"`);
    expect(firstCell(3)).toBe("' @evil");
    expect(firstCell(4)).toBe(`"Ann ""Nan"", Jr"`);
    expect(firstCell(5)).toBe(`"Zoë\nSecond line"`);
  });

  it("leaves the name empty for a member it has no name for, and activity empty when there was none", () => {
    const text = contributionsToCsv([{ ...row("mem-x"), firstActivity: null, lastActivity: null }], new Map());
    expect(text.split("\r\n")[1]).toBe(",participant,,2,1,0,3,1,0,,,mem-x");
  });
});
