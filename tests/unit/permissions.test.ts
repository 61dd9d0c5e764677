/**
 * The board's permission rules as pure functions: authorizeUpdate (who may add, change or delete which
 * argument, under the lock, the phases and anonymity) and capabilitiesOf (what the UI offers).
 */
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { authorizeUpdate, type ArgumentChange } from "@/lib/board/permissions";
import { capabilitiesOf, type Actor } from "@/lib/board/roles";
import { ANONYMOUS_NAME, DEFAULT_PHASES, MANAGED_SETTINGS, type SessionState, type Settings } from "@/lib/session/session";
import { US } from "./support/board-fixture";

const FACILITATOR: Actor = { memberId: "mem-fran", role: "facilitator" };
const ALICE: Actor = { memberId: "mem-alice", role: "participant" };
const OBSERVER: Actor = { memberId: "mem-olga", role: "observer" };
const GUEST: Actor = { memberId: null, role: "participant" };

function session(settings: Partial<Settings> = {}, phaseId: string | null = null): SessionState {
  return {
    settings: { ...MANAGED_SETTINGS, ...settings },
    phases: DEFAULT_PHASES,
    clock: { phaseId, startedAt: phaseId ? 0 : null, durationMs: null, pausedRemainingMs: null },
    spotlight: { argumentId: null, at: 0 },
    teams: [],
    assignments: {},
    voting: { revealed: false },
    drafts: { revealedAt: null },
  };
}

function arg(id: string, authorId: string, overrides: Partial<Argument> = {}): Argument {
  const authorName = authorId.replace("mem-", "");
  return { id, positionId: US, parentId: US, stance: "for", text: `Argument ${id}`, quotes: [], authorId, authorName, createdAt: 1, updatedAt: 1, ...overrides };
}

const isPosition = (id: string) => id === US;
const create = (after: Argument): ArgumentChange => ({ id: after.id, before: null, after });
const edit = (before: Argument, patch: Partial<Argument> = { text: "Changed." }): ArgumentChange => ({ id: before.id, before, after: { ...before, ...patch } });
const remove = (before: Argument): ArgumentChange => ({ id: before.id, before, after: null });
const authorize = (actor: Actor, s: SessionState, ...changes: ArgumentChange[]) => authorizeUpdate(actor, s, changes, isPosition);

const bobs = arg("b", "mem-bob");
const alices = arg("a", "mem-alice");
const reply = (author: string) => arg("r", author, { parentId: "b" });

describe("authorizeUpdate: roles and authorship", () => {
  it("lets an update that changes no argument through for everyone, whatever the lock or phase", () => {
    for (const actor of [OBSERVER, ALICE, FACILITATOR]) {
      expect(authorize(actor, session({ locked: true }, "closed"))).toBeNull();
    }
  });

  it("refuses observers any change, even an argument in their own name", () => {
    for (const change of [create(arg("o", "mem-olga")), edit(alices), remove(alices)]) {
      expect(authorize(OBSERVER, session(), change)).toMatch(/Observers/);
    }
  });

  it("requires a new argument to carry the writer's own member id, facilitators included", () => {
    expect(authorize(ALICE, session(), create(arg("n", "mem-alice")))).toBeNull();
    expect(authorize(ALICE, session(), create(arg("n", "mem-bob")))).toMatch(/your own name/);
    expect(authorize(FACILITATOR, session(), create(arg("n", "mem-bob")))).toMatch(/your own name/);
    // A guest on an open board has no member id to check against.
    expect(authorize(GUEST, session(), create(arg("n", "anyone")))).toBeNull();
  });

  it("lets participants change and delete only their own arguments", () => {
    expect(authorize(ALICE, session(), edit(alices))).toBeNull();
    expect(authorize(ALICE, session(), remove(alices))).toBeNull();
    expect(authorize(ALICE, session(), edit(bobs))).toBe('Only bob or a facilitator can change "Argument b".');
    expect(authorize(ALICE, session(), remove(bobs))).toBe('Only bob or a facilitator can delete "Argument b".');
    // One foreign change spoils an otherwise fine update.
    expect(authorize(ALICE, session(), edit(alices), remove(bobs))).toMatch(/can delete/);
    expect(authorize(GUEST, session(), edit(bobs))).toMatch(/Only bob/);
  });

  it("lets anyone change anyone's argument with co-editing on, and facilitators always", () => {
    expect(authorize(ALICE, session({ coEditing: true }), edit(bobs), remove(reply("mem-bob")))).toBeNull();
    expect(authorize(FACILITATOR, session(), edit(bobs), remove(alices))).toBeNull();
  });

  it("shortens a long argument in the refusal", () => {
    const long = arg("l", "mem-bob", { text: "x".repeat(60) });
    expect(authorize(ALICE, session(), edit(long))).toBe(`Only bob or a facilitator can change "${"x".repeat(39)}…".`);
  });
});

describe("authorizeUpdate: the lock", () => {
  it("refuses participants everything, their own arguments included, and lets facilitators act", () => {
    const locked = session({ locked: true, coEditing: true });
    for (const change of [create(arg("n", "mem-alice")), edit(alices), remove(alices)]) {
      expect(authorize(ALICE, locked, change)).toMatch(/locked/);
      expect(authorize(FACILITATOR, locked, change.before ? change : create(arg("n", "mem-fran")))).toBeNull();
    }
  });
});

describe("authorizeUpdate: phases", () => {
  const top = create(arg("n", "mem-alice"));
  const replyToBob = create(reply("mem-alice"));

  it("openings take top-level arguments but no replies", () => {
    expect(authorize(ALICE, session({}, "openings"), top)).toBeNull();
    expect(authorize(ALICE, session({}, "openings"), replyToBob)).toMatch(/only opening arguments/);
    expect(authorize(ALICE, session({}, "openings"), edit(alices))).toBeNull();
  });

  it("rebuttals take replies but no top-level arguments", () => {
    expect(authorize(ALICE, session({}, "rebuttals"), replyToBob)).toBeNull();
    expect(authorize(ALICE, session({}, "rebuttals"), top)).toMatch(/only replies/);
  });

  it("voting and closed freeze every argument for participants, not for facilitators", () => {
    for (const phase of ["voting", "closed"]) {
      for (const change of [top, replyToBob, edit(alices), remove(alices)]) expect(authorize(ALICE, session({}, phase), change)).toMatch(/cannot be added or changed/);
      expect(authorize(FACILITATOR, session({}, phase), create(arg("n", "mem-fran")), edit(bobs))).toBeNull();
    }
  });

  it("drafting keeps new arguments off the board only with private drafting on", () => {
    expect(authorize(ALICE, session({ privateDrafting: true }, "drafting"), top)).toMatch(/team's drafts/);
    expect(authorize(ALICE, session({ privateDrafting: true }, "drafting"), edit(alices))).toBeNull();
    expect(authorize(ALICE, session({ privateDrafting: false }, "drafting"), top)).toBeNull();
    expect(authorize(FACILITATOR, session({ privateDrafting: true }, "drafting"), create(arg("n", "mem-fran")))).toBeNull();
  });

  it("sets no rule when no phase runs, or the phase is unknown", () => {
    expect(authorize(ALICE, session({}, null), replyToBob)).toBeNull();
    expect(authorize(ALICE, session({}, "no-such-phase"), replyToBob)).toBeNull();
    const free = { ...session({}, "free"), phases: [{ id: "free", name: "Free", durationSec: null, rule: "anything" as const }] };
    expect(authorize(ALICE, free, top, replyToBob)).toBeNull();
  });
});

describe("authorizeUpdate: anonymous boards", () => {
  const anonymous = session({ anonymous: true });

  it("takes participants' new arguments only under the anonymous name", () => {
    expect(authorize(ALICE, anonymous, create(arg("n", "mem-alice")))).toMatch(/anonymous/);
    expect(authorize(ALICE, anonymous, create(arg("n", "mem-alice", { authorName: ANONYMOUS_NAME })))).toBeNull();
  });

  it("refuses putting a real name on an argument, allows edits that keep its name, and deletions", () => {
    const hidden = arg("h", "mem-alice", { authorName: ANONYMOUS_NAME });
    expect(authorize(ALICE, anonymous, edit(hidden, { authorName: "Alice" }))).toMatch(/anonymous/);
    expect(authorize(ALICE, anonymous, edit(hidden))).toBeNull();
    expect(authorize(ALICE, anonymous, edit(alices))).toBeNull(); // named before anonymity: the name stays
    expect(authorize(ALICE, anonymous, remove(hidden))).toBeNull();
  });

  it("lets facilitators write in their own name", () => {
    expect(authorize(FACILITATOR, anonymous, create(arg("n", "mem-fran")))).toBeNull();
  });
});

describe("capabilitiesOf", () => {
  it("mirrors the server's rules for the UI", () => {
    expect(capabilitiesOf(OBSERVER, MANAGED_SETTINGS)).toEqual({ write: false, editAnyone: false, facilitate: false });
    expect(capabilitiesOf(ALICE, MANAGED_SETTINGS)).toEqual({ write: true, editAnyone: false, facilitate: false });
    expect(capabilitiesOf(ALICE, { ...MANAGED_SETTINGS, coEditing: true })).toEqual({ write: true, editAnyone: true, facilitate: false });
    expect(capabilitiesOf(ALICE, { ...MANAGED_SETTINGS, locked: true, coEditing: true })).toEqual({ write: false, editAnyone: false, facilitate: false });
    expect(capabilitiesOf(FACILITATOR, { ...MANAGED_SETTINGS, locked: true })).toEqual({ write: true, editAnyone: true, facilitate: true });
  });
});

describe("signatures", () => {
  const alice: Actor = { ...ALICE, displayName: "Alice" };

  it("a member signs new arguments with their own display name, not anyone else's", () => {
    expect(authorize(alice, session(), create(arg("n", "mem-alice", { authorName: "Alice" })))).toBeNull();
    expect(authorize(alice, session(), create(arg("n", "mem-alice", { authorName: "Fran" })))).toMatch(/Sign your arguments as "Alice"/);
  });

  it("on an anonymous board a participant signs as Anonymous and a facilitator with their name", () => {
    const anonymous = session({ anonymous: true });
    expect(authorize(alice, anonymous, create(arg("n", "mem-alice", { authorName: ANONYMOUS_NAME })))).toBeNull();
    expect(authorize(alice, anonymous, create(arg("n", "mem-alice", { authorName: "Alice" })))).not.toBeNull();
    const fran: Actor = { ...FACILITATOR, displayName: "Fran" };
    expect(authorize(fran, anonymous, create(arg("n", "mem-fran", { authorName: "Fran" })))).toBeNull();
  });

  it("guests on open boards cannot be checked and are not", () => {
    expect(authorize(GUEST, session({ coEditing: true }), create(arg("n", "guest", { authorName: "Anyone" })))).toBeNull();
  });
});
