/**
 * Issue 9, item 4: the side rule as a pure function (lib/session/sides.ts), and where the server
 * applies it, checkBoardUpdate: a raw update arguing the other side is refused, naming the argument,
 * and the live document is untouched.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Argument } from "@/lib/board/argument";
import { checkBoardUpdate } from "@/lib/board/check-update";
import { addArgument, updateArgument } from "@/lib/board/operations";
import type { Actor } from "@/lib/board/roles";
import { readSession, writeSession, type SessionState } from "@/lib/session/session";
import { sideOf, sideRefusal, teamSidesEnforced } from "@/lib/session/sides";
import { ARTICLE, PAK_MILITARY, SEED_POSITIONS, US, replicaOf } from "./support/board-fixture";
import { FACILITATOR, managedDoc, TEAMS } from "./support/session-fixture";

const ALICE: Actor = { memberId: "mem-alice", role: "participant", displayName: "Alice" };
const CAROL: Actor = { memberId: "mem-carol", role: "participant", displayName: "Carol" }; // on no team

type Link = Pick<Argument, "parentId" | "stance">;
const chain: Record<string, Link> = {
  pak: { parentId: PAK_MILITARY, stance: "for" }, // argues for Pakistan
  rebut: { parentId: "pak", stance: "against" }, // against "pak": for Pakistan's opponents
  counter: { parentId: "rebut", stance: "against" }, // against the rebuttal: for Pakistan again
};
const lookup = (id: string) => chain[id] ?? null;
const onPak = (parentId: string, stance: "for" | "against") => ({ positionId: PAK_MILITARY, parentId, stance });

function teamsDoc(patch: Partial<SessionState> = {}): Y.Doc {
  return managedDoc({ assignments: { "mem-alice": "team-us", "mem-bob": "team-pak" }, ...patch });
}

describe("sideOf: which side an argument argues", () => {
  it("flips at every 'against' along the chain to the position", () => {
    expect(sideOf(onPak(PAK_MILITARY, "for"), lookup)).toEqual({ positionId: PAK_MILITARY, argues: "for" });
    expect(sideOf(onPak(PAK_MILITARY, "against"), lookup)).toEqual({ positionId: PAK_MILITARY, argues: "against" });
    expect(sideOf(onPak("pak", "against"), lookup).argues).toBe("against");
    expect(sideOf(onPak("rebut", "for"), lookup).argues).toBe("against");
    expect(sideOf(onPak("counter", "for"), lookup).argues).toBe("for");
  });

  it("stops on a cycle instead of looping", () => {
    const cyclic: Record<string, Link> = { x: { parentId: "y", stance: "against" }, y: { parentId: "x", stance: "for" } };
    expect(sideOf(onPak("x", "for"), (id) => cyclic[id] ?? null).positionId).toBe(PAK_MILITARY);
  });
});

describe("sideRefusal", () => {
  const session = readSession(teamsDoc());

  it("is on by default once there are teams, and off by the setting or without teams", () => {
    expect(teamSidesEnforced(session)).toBe(true);
    expect(teamSidesEnforced({ ...session, settings: { ...session.settings, teamSides: false } })).toBe(false);
    expect(teamSidesEnforced({ ...session, teams: [] })).toBe(false);
  });

  it("refuses a team member arguing the other side, naming both sides", () => {
    const message = sideRefusal(ALICE, session, onPak(PAK_MILITARY, "for"), lookup, SEED_POSITIONS);
    expect(message).toBe(`Team US argues for "${SEED_POSITIONS[0].label}", and this argues for "${SEED_POSITIONS[1].label}": teams post only on their side.`);
    expect(sideRefusal(ALICE, session, { positionId: US, parentId: US, stance: "against" }, lookup, SEED_POSITIONS)).toMatch(/against your own side/);
    expect(sideRefusal(ALICE, session, onPak("rebut", "for"), lookup, SEED_POSITIONS)).toBeNull();
    expect(sideRefusal(ALICE, session, onPak("pak", "against"), lookup, SEED_POSITIONS)).toBeNull();
    expect(sideRefusal(ALICE, session, onPak("counter", "for"), lookup, SEED_POSITIONS)).toMatch(/only on their side/);
  });

  it("leaves facilitators, people on no team and boards with the setting off free", () => {
    const other = onPak(PAK_MILITARY, "for");
    expect(sideRefusal(FACILITATOR, session, other, lookup, SEED_POSITIONS)).toBeNull();
    expect(sideRefusal(CAROL, session, other, lookup, SEED_POSITIONS)).toBeNull();
    expect(sideRefusal(ALICE, { ...session, settings: { ...session.settings, teamSides: false } }, other, lookup, SEED_POSITIONS)).toBeNull();
  });

  it("follows Swap sides: the team's position is read from the session", () => {
    const swapped = { ...session, teams: TEAMS.map((t) => ({ ...t, positionId: t.positionId === US ? PAK_MILITARY : US })) };
    expect(sideRefusal(ALICE, swapped, onPak(PAK_MILITARY, "for"), lookup, SEED_POSITIONS)).toBeNull();
    expect(sideRefusal(ALICE, swapped, { positionId: US, parentId: US, stance: "for" }, lookup, SEED_POSITIONS)).toMatch(/only on their side/);
  });
});

describe("checkBoardUpdate: the side rule on raw updates", () => {
  function attempt(before: Y.Doc, edit: (client: Y.Doc) => void) {
    const snapshot = Y.encodeStateAsUpdate(before);
    const client = replicaOf(before);
    edit(client);
    const verdict = checkBoardUpdate(before, replicaOf(before), Y.encodeStateAsUpdate(client, Y.encodeStateVector(before)), ARTICLE, ALICE);
    expect(Y.encodeStateAsUpdate(before)).toEqual(snapshot);
    return verdict;
  }
  const add = (doc: Y.Doc, id: string, parentId: string, stance: "for" | "against") =>
    addArgument(doc, ARTICLE, { parentId, stance, text: `Argument ${id}`, quotes: [], author: { id: "mem-alice", name: "Alice" } }, { id, now: 1 });

  it("refuses a new argument on the other side with its id and the reason", () => {
    const verdict = attempt(teamsDoc(), (doc) => add(doc, "x", PAK_MILITARY, "for"));
    expect(verdict).toEqual({ ok: false, rejection: { code: "forbidden", message: expect.stringMatching(/only on their side/), argumentId: "x" } });
    expect(attempt(teamsDoc(), (doc) => add(doc, "y", PAK_MILITARY, "against"))).toMatchObject({ ok: true });
  });

  it("checks a reply against its parents as the same update leaves them", () => {
    const verdict = attempt(teamsDoc(), (doc) => {
      add(doc, "p", US, "for");
      add(doc, "q", "p", "against");
    });
    expect(verdict).toMatchObject({ ok: false, rejection: { code: "forbidden", argumentId: "q" } });
  });

  it("refuses a stance flip to the other side but not a text edit", () => {
    const doc = teamsDoc();
    add(doc, "own", US, "for");
    expect(attempt(doc, (client) => updateArgument(client, ARTICLE, "own", { stance: "against" }))).toMatchObject({ ok: false, rejection: { argumentId: "own" } });
    expect(attempt(doc, (client) => updateArgument(client, ARTICLE, "own", { text: "Sharper." }))).toMatchObject({ ok: true });
  });

  it("lets everything through once the facilitator turns the rule off", () => {
    const doc = teamsDoc();
    writeSession(doc, { settings: { ...readSession(doc).settings, teamSides: false } });
    expect(attempt(doc, (client) => add(client, "x", PAK_MILITARY, "for"))).toMatchObject({ ok: true });
  });
});
