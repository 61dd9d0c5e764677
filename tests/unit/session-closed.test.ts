/**
 * The ended / archived rule as pure functions: read from the document's session, enforced by
 * authorizeUpdate for everyone but facilitators, and only the server may write it.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Argument } from "@/lib/board/argument";
import { authorizeUpdate, type ArgumentChange } from "@/lib/board/permissions";
import type { Actor } from "@/lib/board/roles";
import { closedReason, DEFAULT_PHASES, MANAGED_SETTINGS, readSession, writeSession, type SessionState, type SessionStatus } from "@/lib/session/session";
import { US } from "./support/board-fixture";

const FACILITATOR: Actor = { memberId: "mem-fran", role: "facilitator" };
const ALICE: Actor = { memberId: "mem-alice", role: "participant" };
const GUEST: Actor = { memberId: null, role: "participant" };

function session(status?: SessionStatus): SessionState {
  return {
    settings: { ...MANAGED_SETTINGS, coEditing: true },
    phases: DEFAULT_PHASES,
    clock: { phaseId: null, startedAt: null, durationMs: null, pausedRemainingMs: null },
    spotlight: { argumentId: null, at: 0 },
    teams: [],
    assignments: {},
    voting: { revealed: false },
    drafts: { revealedAt: null },
    ...(status ? { status } : {}),
  };
}

const alices: Argument = { id: "a", positionId: US, parentId: US, stance: "for", text: "Alice argues.", quotes: [], authorId: "mem-alice", authorName: "alice", createdAt: 1, updatedAt: 1 };
const changes: ArgumentChange[][] = [
  [{ id: "n", before: null, after: { ...alices, id: "n" } }],
  [{ id: "a", before: alices, after: { ...alices, text: "Edited." } }],
  [{ id: "a", before: alices, after: null }],
];
const ENDED: SessionStatus = { endedAt: 1_000, archivedAt: null };
const ARCHIVED: SessionStatus = { endedAt: null, archivedAt: 2_000 };

describe("closedReason", () => {
  it("is null for an open session (and for a session without a status), else says why", () => {
    expect(closedReason(session())).toBeNull();
    expect(closedReason(session({ endedAt: null, archivedAt: null }))).toBeNull();
    expect(closedReason(session(ENDED))).toMatch(/session has ended/);
    expect(closedReason(session(ARCHIVED))).toMatch(/archived/);
    expect(closedReason(session({ endedAt: 1, archivedAt: 2 }))).toMatch(/archived/);
  });
});

describe("authorizeUpdate on an ended or archived board", () => {
  it("refuses participants and guests every change, and lets facilitators make any", () => {
    for (const status of [ENDED, ARCHIVED]) {
      for (const change of changes) {
        expect(authorizeUpdate(ALICE, session(status), change, (id) => id === US)).toBe(closedReason(session(status)));
        expect(authorizeUpdate(GUEST, session(status), change, (id) => id === US)).toBe(closedReason(session(status)));
      }
      const facilitatorsOwn: ArgumentChange = { id: "f", before: null, after: { ...alices, id: "f", authorId: "mem-fran", authorName: "fran" } };
      for (const change of [[facilitatorsOwn], ...changes.slice(1)]) {
        expect(authorizeUpdate(FACILITATOR, session(status), change, (id) => id === US)).toBeNull();
      }
    }
  });

  it("still lets the empty handshake through, so read-only clients keep syncing", () => {
    expect(authorizeUpdate(ALICE, session(ENDED), [], (id) => id === US)).toBeNull();
  });
});

describe("the status in the document", () => {
  it("reads as open when missing or malformed, and round-trips through writeSession", () => {
    const doc = new Y.Doc();
    expect(readSession(doc).status).toEqual({ endedAt: null, archivedAt: null });
    doc.getMap("session").set("status", { endedAt: "yesterday" });
    expect(readSession(doc).status).toEqual({ endedAt: null, archivedAt: null });
    writeSession(doc, { status: ENDED });
    expect(readSession(doc).status).toEqual(ENDED);
  });
});
