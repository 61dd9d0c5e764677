/**
 * applySessionCommand for the spotlight, teams and sides, the votes' reveal, and the commands that are
 * not session commands at all; plus the FACILITATOR_COMMANDS / SESSION_COMMANDS tables.
 */
import { describe, expect, it } from "vitest";
import { applySessionCommand, FACILITATOR_COMMANDS, SESSION_COMMANDS, type Command } from "@/lib/session/commands";
import { readSession, teamOf } from "@/lib/session/session";
import { initBoardDoc } from "@/lib/board/doc";
import { makePositions } from "@/lib/board/position";
import * as Y from "yjs";
import { PAK_MILITARY, US } from "./support/board-fixture";
import { FACILITATOR, PARTICIPANT, TEAMS, addArgumentTo, managedDoc, refused, run } from "./support/session-fixture";

describe("set-spotlight", () => {
  it("puts an existing argument in the spotlight at the server time, and clears it", () => {
    const doc = managedDoc();
    const id = addArgumentTo(doc);
    expect(run(doc, { type: "set-spotlight", argumentId: id }, 7_000).spotlight).toEqual({ argumentId: id, at: 7_000 });
    expect(run(doc, { type: "set-spotlight", argumentId: null }, 8_000).spotlight).toEqual({ argumentId: null, at: 8_000 });
  });

  it("refuses an argument that does not exist", () => {
    expect(refused(managedDoc(), { type: "set-spotlight", argumentId: "arg-gone" })).toMatch(/no longer exists/);
  });
});

describe("set-teams", () => {
  it("replaces the teams and drops assignments to teams that are gone", () => {
    const doc = managedDoc({ assignments: { "mem-alice": "team-us", "mem-bob": "team-pak" } });
    const after = run(doc, { type: "set-teams", teams: [TEAMS[0]] });
    expect(after.teams).toEqual([TEAMS[0]]);
    expect(after.assignments).toEqual({ "mem-alice": "team-us" });
  });

  it("refuses a team without one of the board's positions, and duplicate ids", () => {
    const doc = managedDoc();
    expect(refused(doc, { type: "set-teams", teams: [{ ...TEAMS[0], positionId: "pos-nowhere" }] })).toMatch(/side/);
    expect(refused(doc, { type: "set-teams", teams: [TEAMS[0], { ...TEAMS[1], id: "team-us" }] })).toMatch(/its own id/);
  });
});

describe("assign-team and pick-team", () => {
  it("assign-team puts a member on a team, moves them, and takes them off with null", () => {
    const doc = managedDoc();
    expect(run(doc, { type: "assign-team", memberId: "mem-bob", teamId: "team-us" }).assignments).toEqual({ "mem-bob": "team-us" });
    expect(teamOf(readSession(doc), "mem-bob")).toEqual(TEAMS[0]);
    expect(run(doc, { type: "assign-team", memberId: "mem-bob", teamId: "team-pak" }).assignments).toEqual({ "mem-bob": "team-pak" });
    expect(run(doc, { type: "assign-team", memberId: "mem-bob", teamId: null }).assignments).toEqual({});
    expect(teamOf(readSession(doc), "mem-bob")).toBeNull();
  });

  it("refuses a team id that is not on the board, and nothing changes", () => {
    const doc = managedDoc({ assignments: { "mem-bob": "team-us" } });
    expect(refused(doc, { type: "assign-team", memberId: "mem-bob", teamId: "team-ghost" })).toMatch(/no such team/);
    expect(refused(doc, { type: "pick-team", teamId: "team-ghost" }, 0, PARTICIPANT)).toMatch(/no such team/);
    expect(readSession(doc).assignments).toEqual({ "mem-bob": "team-us" });
  });

  it("pick-team puts the participant themself on a team while team picking is on", () => {
    const doc = managedDoc();
    expect(run(doc, { type: "pick-team", teamId: "team-pak" }, 0, PARTICIPANT).assignments).toEqual({ "mem-alice": "team-pak" });
  });

  it("pick-team is refused when the facilitator assigns teams, or for a guest without a member id", () => {
    const doc = managedDoc({ settings: { ...readSession(managedDoc()).settings, teamPick: false } });
    expect(refused(doc, { type: "pick-team", teamId: "team-us" }, 0, PARTICIPANT)).toMatch(/assigns the teams/);
    expect(refused(managedDoc(), { type: "pick-team", teamId: "team-us" }, 0, { memberId: null, role: "participant" })).toMatch(/Join the board/);
  });
});

describe("swap-sides", () => {
  it("makes two teams trade positions and keeps the assignments", () => {
    const doc = managedDoc({ assignments: { "mem-alice": "team-us" } });
    const after = run(doc, { type: "swap-sides" });
    expect(after.teams.map((t) => [t.id, t.positionId])).toEqual([
      ["team-us", PAK_MILITARY],
      ["team-pak", US],
    ]);
    expect(after.assignments).toEqual({ "mem-alice": "team-us" });
    expect(run(doc, { type: "swap-sides" }).teams).toEqual(TEAMS);
  });

  it("moves every team one position on when there are three", () => {
    const doc = new Y.Doc();
    const positions = makePositions([{ label: "One" }, { label: "Two" }, { label: "Three" }]);
    initBoardDoc(doc, { title: "Three sides", sourceSha256: "0".repeat(64) }, positions);
    const teams = positions.map((p, i) => ({ id: `t${i}`, name: `T${i}`, positionId: p.id, color: p.color }));
    run(doc, { type: "set-teams", teams });
    expect(run(doc, { type: "swap-sides" }).teams.map((t) => t.positionId)).toEqual([positions[1].id, positions[2].id, positions[0].id]);
  });
});

describe("reveal-votes", () => {
  it("reveals and hides the results", () => {
    const doc = managedDoc();
    expect(run(doc, { type: "reveal-votes", revealed: true }).voting).toEqual({ revealed: true });
    expect(run(doc, { type: "reveal-votes", revealed: false }).voting).toEqual({ revealed: false });
  });
});

describe("commands that are not session commands", () => {
  const others: Command[] = [
    { type: "reveal-drafts" },
    { type: "vote", argumentId: "arg-1", strength: 3 },
    { type: "delete-draft", id: "arg-1" },
  ];

  it.each(others.map((c) => [c.type, c] as const))("%s is refused and changes nothing", (_type, command) => {
    const doc = managedDoc();
    expect(refused(doc, command)).toMatch(/not a session command/);
  });

  it("the tables agree: every facilitator command but reveal-drafts changes the session, and so does pick-team", () => {
    expect([...SESSION_COMMANDS].sort()).toEqual([...[...FACILITATOR_COMMANDS].filter((c) => c !== "reveal-drafts"), "pick-team"].sort());
    for (const participantCommand of ["vote", "save-draft", "delete-draft", "pick-team"] as const) expect(FACILITATOR_COMMANDS.has(participantCommand)).toBe(false);
  });

  it("writes nothing when a command changes nothing", () => {
    const doc = managedDoc();
    run(doc, { type: "reveal-votes", revealed: true });
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    expect(applySessionCommand(doc, { type: "reveal-votes", revealed: true }, FACILITATOR, 0).ok).toBe(true);
    expect(applySessionCommand(doc, { type: "set-settings", patch: {} }, FACILITATOR, 0).ok).toBe(true);
    expect(updates).toEqual([]);
  });
});
