import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkBoardUpdate } from "@/lib/board/check-update";
import { readArgument } from "@/lib/board/doc";
import { citeRefusal, MUST_CITE_MESSAGE } from "@/lib/board/must-cite";
import { citeRoute, KEEP_A_QUOTE } from "@/components/drafts/personal-save";
import { addArgument, updateArgument } from "@/lib/board/operations";
import type { Actor } from "@/lib/board/roles";
import type { Argument } from "@/lib/board/argument";
import { MANAGED_SETTINGS, NEW_MANAGED_SETTINGS, writeSession, readSession } from "@/lib/session/session";
import { ARTICLE, US, anchorFor, replicaOf } from "./support/board-fixture";
import { managedDoc } from "./support/session-fixture";

const ALICE: Actor = { memberId: "mem-alice", role: "participant", displayName: "Alice" };
const FRAN: Actor = { memberId: "mem-fran", role: "facilitator", displayName: "Fran" };
const QUOTE = () => anchorFor(ARTICLE, "$300 million aid package");

function record(overrides: Partial<Argument> = {}): Argument {
  return { id: "a", positionId: US, parentId: US, stance: "for", text: "t", quotes: [], authorId: "mem-alice", authorName: "Alice", createdAt: 1, updatedAt: 1, ...overrides };
}

describe("citeRefusal", () => {
  it("is silent while the setting is off or absent", () => {
    expect(citeRefusal({}, [{ id: "a", before: null, after: record() }])).toBeNull();
    expect(citeRefusal({ mustCite: false }, [{ id: "a", before: null, after: record() }])).toBeNull();
  });

  it("refuses a new argument without a quote, and accepts one with a quote", () => {
    expect(citeRefusal({ mustCite: true }, [{ id: "a", before: null, after: record() }])).toEqual({ argumentId: "a", message: MUST_CITE_MESSAGE });
    expect(citeRefusal({ mustCite: true }, [{ id: "a", before: null, after: record({ quotes: [QUOTE()] }) }])).toBeNull();
  });

  it("refuses an edit that removes the last quote, but lets an older quoteless argument be edited or deleted", () => {
    const quoted = record({ quotes: [QUOTE()] });
    expect(citeRefusal({ mustCite: true }, [{ id: "a", before: quoted, after: record() }])?.argumentId).toBe("a");
    expect(citeRefusal({ mustCite: true }, [{ id: "a", before: record(), after: record({ text: "edited" }) }])).toBeNull();
    expect(citeRefusal({ mustCite: true }, [{ id: "a", before: quoted, after: null }])).toBeNull();
  });
});

/** A managed board with mustCite on, as createBoard now writes it. */
function citingBoard(): Y.Doc {
  return managedDoc({ settings: NEW_MANAGED_SETTINGS });
}

function checkAs(actor: Actor, before: Y.Doc, edit: (client: Y.Doc) => void) {
  const client = replicaOf(before);
  edit(client);
  const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(before));
  const snapshot = Y.encodeStateAsUpdate(before);
  const verdict = checkBoardUpdate(before, replicaOf(before), update, ARTICLE, actor);
  expect(Y.encodeStateAsUpdate(before)).toEqual(snapshot);
  return verdict;
}

const post = (actor: Actor, quoted: boolean, parentId = US, id = "new") => (doc: Y.Doc) => {
  const author = { id: actor.memberId!, name: actor.displayName! };
  const result = addArgument(doc, ARTICLE, { parentId, stance: "for", text: "The aid cut hurts.", quotes: quoted ? [QUOTE()] : [], author }, { id, now: 2 });
  if (!result.ok) throw new Error(result.error.message);
};

describe("checkBoardUpdate on a mustCite board", () => {
  it("new facilitated boards start with the setting on; older ones read it as off", () => {
    expect(readSession(citingBoard()).settings.mustCite).toBe(true);
    expect(readSession(managedDoc({ settings: MANAGED_SETTINGS })).settings.mustCite).toBeUndefined();
  });

  it("refuses a quoteless argument from a participant and from a facilitator alike, naming it", () => {
    for (const actor of [ALICE, FRAN]) {
      const verdict = checkAs(actor, citingBoard(), post(actor, false));
      expect(verdict).toEqual({ ok: false, rejection: { code: "forbidden", message: MUST_CITE_MESSAGE, argumentId: "new" } });
    }
  });

  it("accepts the same argument once it quotes the source", () => {
    expect(checkAs(ALICE, citingBoard(), post(ALICE, true)).ok).toBe(true);
  });

  it("binds replies too", () => {
    const board = citingBoard();
    post(ALICE, true, US, "top")(board);
    expect(checkAs(ALICE, board, post(ALICE, false, "top")).ok).toBe(false);
    expect(checkAs(ALICE, board, post(ALICE, true, "top")).ok).toBe(true);
  });

  it("refuses an edit that strips the last quote", () => {
    const board = citingBoard();
    post(ALICE, true, US, "top")(board);
    const verdict = checkAs(ALICE, board, (c) => {
      const done = updateArgument(c, ARTICLE, "top", { quotes: [] }, 3);
      if (!done.ok) throw new Error(done.error.message);
    });
    expect(verdict.ok).toBe(false);
    expect(readArgument(board, "top")?.quotes).toHaveLength(1);
  });

  it("lets quoteless arguments through once the facilitator switches it off", () => {
    const board = citingBoard();
    writeSession(board, { settings: { ...NEW_MANAGED_SETTINGS, mustCite: false } });
    expect(checkAs(ALICE, board, post(ALICE, false)).ok).toBe(true);
  });
});

describe("citeRoute (what the editor's Save does)", () => {
  const target = { kind: "new" } as const;
  it("keeps a quoteless new argument or reply as a personal draft while the setting is on", () => {
    expect(citeRoute({ mustCite: true }, { target, quotes: [] })).toBe("keep");
    expect(citeRoute({ mustCite: true }, { target: { kind: "reply", parent: record() }, quotes: [] })).toBe("keep");
    expect(citeRoute({ mustCite: true }, { target, quotes: [QUOTE()] })).toBe("post");
    expect(citeRoute({ mustCite: false }, { target, quotes: [] })).toBe("post");
    expect(citeRoute(null, { target, quotes: [] })).toBe("post");
  });

  it("refuses an edit that drops the last quote, but not an edit of an argument that never had one", () => {
    expect(citeRoute({ mustCite: true }, { target: { kind: "edit", argument: record({ quotes: [QUOTE()] }) }, quotes: [] })).toEqual({ refuse: KEEP_A_QUOTE });
    expect(citeRoute({ mustCite: true }, { target: { kind: "edit", argument: record() }, quotes: [] })).toBe("post");
  });
});
