import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkBoardUpdate, type UpdateRejection } from "@/lib/board/check-update";
import { addComment, commentsMap, deleteComment, editComment, readComment, readComments, restoreComment, type Comment, type NewComment } from "@/lib/board/comments";
import { readArgument, writeRecord } from "@/lib/board/doc";
import { deleteArgument } from "@/lib/board/operations";
import type { Actor } from "@/lib/board/roles";
import { ANONYMOUS_NAME, MANAGED_SETTINGS, writeSession } from "@/lib/session/session";
import { ARTICLE, replicaOf } from "./support/board-fixture";
import { addArgumentTo, managedDoc } from "./support/session-fixture";

const AYESHA: Actor = { memberId: "mem-ayesha", role: "participant", displayName: "Ayesha" };
const BEN: Actor = { memberId: "mem-ben", role: "participant", displayName: "Ben" };
const FRAN: Actor = { memberId: "mem-fran", role: "facilitator", displayName: "Fran" };
const OLGA: Actor = { memberId: "mem-olga", role: "observer", displayName: "Olga" };

const exists = (doc: Y.Doc) => (id: string) => readArgument(doc, id) !== null;
const authorOf = (actor: Actor) => ({ id: actor.memberId!, name: actor.displayName! });

function comment(doc: Y.Doc, id: string, by: Actor, overrides: Partial<NewComment> = {}, now = 10): Comment {
  const result = addComment(doc, { argumentId: "arg-1", replyTo: null, text: `Comment ${id}`, author: authorOf(by), ...overrides }, exists(doc), { id, now });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A managed board with one argument and a top comment "c1" by Ayesha; the drafting phase is not started. */
function board(): Y.Doc {
  const doc = managedDoc();
  addArgumentTo(doc);
  comment(doc, "c1", AYESHA);
  return doc;
}

/** Checks what `actor`'s client sends after `edit`; asserts the live document is untouched. */
function send(before: Y.Doc, actor: Actor, edit: (client: Y.Doc) => void) {
  const client = replicaOf(before);
  edit(client);
  const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(before));
  const snapshot = Y.encodeStateAsUpdate(before);
  const trial = replicaOf(before);
  const verdict = checkBoardUpdate(before, trial, update, ARTICLE, actor);
  expect(Y.encodeStateAsUpdate(before)).toEqual(snapshot);
  return { verdict, trial };
}

function refusal(before: Y.Doc, actor: Actor, edit: (client: Y.Doc) => void): UpdateRejection {
  const { verdict } = send(before, actor, edit);
  if (verdict.ok) throw new Error("expected a refusal");
  return verdict.rejection;
}

function accepted(before: Y.Doc, actor: Actor, edit: (client: Y.Doc) => void): Y.Doc {
  const { verdict, trial } = send(before, actor, edit);
  if (!verdict.ok) throw new Error(`expected acceptance, got: ${verdict.rejection.message}`);
  return trial;
}

describe("comments model", () => {
  it("adds, edits and deletes a comment, and reads threads oldest first", () => {
    const doc = board();
    comment(doc, "r1", BEN, { replyTo: "c1" }, 20);
    const edited = editComment(doc, "c1", "  Better wording  ", 30);
    expect(edited.ok && edited.value).toMatchObject({ text: "Better wording", updatedAt: 30, createdAt: 10 });
    expect(readComments(doc, new Set(["arg-1"])).map((c) => c.id)).toEqual(["c1", "r1"]);
    expect(deleteComment(doc, "r1").ok).toBe(true);
    expect(readComment(doc, "r1")).toBeNull();
  });

  it("refuses empty or oversized text, a missing argument and replies to replies", () => {
    const doc = board();
    comment(doc, "r1", BEN, { replyTo: "c1" });
    const add = (input: Partial<NewComment>) => addComment(doc, { argumentId: "arg-1", replyTo: null, text: "Hi", author: authorOf(BEN), ...input }, exists(doc));
    expect(add({ text: "   " })).toMatchObject({ ok: false, error: { message: "A comment needs some text." } });
    expect(add({ text: "x".repeat(1001) }).ok).toBe(false);
    expect(add({ argumentId: "arg-gone" })).toMatchObject({ ok: false, error: { code: "argument-not-found" } });
    expect(add({ replyTo: "r1" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("one level deep") } });
    expect(editComment(doc, "c1", "").ok).toBe(false);
  });

  it("hides orphans: comments of a deleted argument and replies whose top comment is gone", () => {
    const doc = board();
    comment(doc, "r1", BEN, { replyTo: "c1" });
    deleteComment(doc, "c1");
    expect(readComments(doc, new Set(["arg-1"]))).toEqual([]);
    comment(doc, "c2", BEN);
    deleteArgument(doc, "arg-1");
    expect(readComments(doc, new Set())).toEqual([]);
  });

  it("restores an exported comment with its id, author and times", () => {
    const doc = managedDoc();
    addArgumentTo(doc);
    const record: Comment = { id: "cmt-x", argumentId: "arg-1", replyTo: null, text: "Kept", authorId: "m1", authorName: "Zoe", createdAt: 5, updatedAt: 6 };
    expect(restoreComment(doc, record)).toEqual({ ok: true, value: record });
    expect(restoreComment(doc, record).ok).toBe(false);
  });
});

describe("the server's comment rules", () => {
  it("accepts a participant's comment and a reply by another, and an author's edit and delete", () => {
    const doc = board();
    const trial = accepted(doc, BEN, (c) => comment(c, "r1", BEN, { replyTo: "c1" }));
    expect(readComment(trial, "r1")?.replyTo).toBe("c1");
    accepted(doc, AYESHA, (c) => editComment(c, "c1", "Reworded", 50));
    accepted(doc, AYESHA, (c) => deleteComment(c, "c1"));
  });

  it("refuses observers, and leaves nothing behind", () => {
    expect(refusal(board(), OLGA, (c) => comment(c, "o1", OLGA))).toMatchObject({ code: "forbidden" });
  });

  it("refuses a comment in someone else's name or with a made-up signature", () => {
    const doc = board();
    expect(refusal(doc, BEN, (c) => comment(c, "x", AYESHA)).message).toBe("A new comment must carry your own name.");
    expect(refusal(doc, BEN, (c) => comment(c, "x", BEN, { author: { id: "mem-ben", name: "Teacher" } })).message).toBe('Sign your comments as "Ben".');
  });

  it("on an anonymous board, participants sign Anonymous and facilitators keep their name", () => {
    const doc = board();
    writeSession(doc, { settings: { ...MANAGED_SETTINGS, anonymous: true } });
    expect(refusal(doc, BEN, (c) => comment(c, "x", BEN)).message).toContain(`posted as "${ANONYMOUS_NAME}"`);
    accepted(doc, BEN, (c) => comment(c, "x", BEN, { author: { id: "mem-ben", name: ANONYMOUS_NAME } }));
    accepted(doc, FRAN, (c) => comment(c, "f", FRAN));
  });

  it("refuses a reply to a reply, a reply across arguments, and a comment on a missing argument", () => {
    const doc = board();
    addArgumentTo(doc, "arg-2");
    comment(doc, "r1", BEN, { replyTo: "c1" });
    const raw = (fields: Partial<Comment>) => (c: Y.Doc) =>
      writeRecord(commentsMap(c), fields.id!, { argumentId: "arg-1", replyTo: null, text: "t", authorId: "mem-ben", authorName: "Ben", createdAt: 1, updatedAt: 1, ...fields });
    expect(refusal(doc, BEN, raw({ id: "deep", replyTo: "r1" }))).toMatchObject({ code: "invalid-content", message: expect.stringContaining("one level deep") });
    expect(refusal(doc, BEN, raw({ id: "across", argumentId: "arg-2", replyTo: "c1" })).message).toBe("A reply must stay on its comment's argument.");
    expect(refusal(doc, BEN, raw({ id: "nowhere", argumentId: "arg-none" })).message).toBe("The argument this comments on does not exist.");
    expect(refusal(doc, BEN, raw({ id: "long", text: "x".repeat(1001) })).code).toBe("invalid-content");
    const misfiled = (c: Y.Doc) => writeRecord(commentsMap(c), "k1", { id: "k2", argumentId: "arg-1", replyTo: null, text: "t", authorId: "mem-ben", authorName: "Ben", createdAt: 1, updatedAt: 1 });
    expect(refusal(doc, BEN, misfiled).message).toBe("A comment's id must match its key.");
  });

  it("refuses a foreign edit, but lets facilitators delete (not reword) and co-editing open both", () => {
    const doc = board();
    expect(refusal(doc, BEN, (c) => editComment(c, "c1", "Mine now")).message).toBe("Only Ayesha can change this comment.");
    expect(refusal(doc, BEN, (c) => deleteComment(c, "c1")).message).toBe("Only Ayesha or a facilitator can delete this comment.");
    expect(refusal(doc, FRAN, (c) => editComment(c, "c1", "Moderated")).code).toBe("forbidden");
    accepted(doc, FRAN, (c) => deleteComment(c, "c1"));
    writeSession(doc, { settings: { ...MANAGED_SETTINGS, coEditing: true } });
    accepted(doc, BEN, (c) => editComment(c, "c1", "Tidied"));
  });

  it("refuses signing someone's comment over to yourself and deleting it in the same update", () => {
    const doc = board();
    // A client that keeps deleted content (gc off) sends the doomed record's new field along with the deletion.
    const client = new Y.Doc({ gc: false });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    client.transact(() => {
      (commentsMap(client).get("c1") as Y.Map<unknown>).set("authorId", "mem-ben");
      commentsMap(client).delete("c1");
    });
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(doc));
    const verdict = checkBoardUpdate(doc, replicaOf(doc), update, ARTICLE, BEN);
    expect(verdict).toMatchObject({ ok: false, rejection: { message: "Only Ayesha or a facilitator can delete this comment." } });
    const replaced = (c: Y.Doc) => writeRecord(commentsMap(c), "c1", { ...readComment(doc, "c1"), authorId: "mem-ben", authorName: "Ben" });
    expect(refusal(doc, BEN, replaced).code).toBe("forbidden");
  });

  it("refuses changes to immutable fields", () => {
    const doc = board();
    const set = (field: string, value: unknown) => (c: Y.Doc) => (commentsMap(c).get("c1") as Y.Map<unknown>).set(field, value);
    expect(refusal(doc, AYESHA, set("argumentId", "arg-2")).message).toBe("A comment's argumentId cannot change.");
    expect(refusal(doc, AYESHA, set("createdAt", 1)).message).toBe("A comment's createdAt cannot change.");
    expect(refusal(doc, AYESHA, set("extra", 1)).code).toBe("invalid-content");
  });

  it("follows the lock, the end of the session and the phases: open while discussing, shut while voting", () => {
    const locked = board();
    writeSession(locked, { settings: { ...MANAGED_SETTINGS, locked: true } });
    expect(refusal(locked, BEN, (c) => comment(c, "x", BEN)).message).toBe("The facilitator has locked the board.");
    accepted(locked, FRAN, (c) => comment(c, "x", FRAN));

    const ended = board();
    writeSession(ended, { status: { endedAt: 5, archivedAt: null } });
    expect(refusal(ended, BEN, (c) => comment(c, "x", BEN)).message).toContain("session has ended");

    for (const [phaseId, ok] of [["drafting", true], ["openings", true], ["rebuttals", true], ["voting", false], ["closed", false]] as const) {
      const doc = board();
      writeSession(doc, { clock: { phaseId, startedAt: 1, durationMs: null, pausedRemainingMs: null } });
      if (ok) accepted(doc, BEN, (c) => comment(c, "x", BEN));
      else expect(refusal(doc, BEN, (c) => comment(c, "x", BEN)).message).toMatch(/comments cannot be added or changed/);
    }
  });

  it("accepts a comment written while its argument was deleted, as an invisible orphan", () => {
    const doc = board();
    const client = replicaOf(doc);
    comment(client, "late", BEN);
    deleteArgument(doc, "arg-1");
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(doc));
    const trial = replicaOf(doc);
    expect(checkBoardUpdate(doc, trial, update, ARTICLE, BEN)).toMatchObject({ ok: true });
    expect(readComments(trial, new Set())).toEqual([]);
  });

  it("reads a comment accepted in a pending batch as existing: its author's next edit is an edit", () => {
    const doc = board();
    const client = replicaOf(doc);
    const trial = replicaOf(doc);
    comment(client, "quick", BEN);
    const first = Y.encodeStateAsUpdate(client, Y.encodeStateVector(doc));
    expect(checkBoardUpdate(doc, trial, first, ARTICLE, BEN)).toMatchObject({ ok: true });
    const vector = Y.encodeStateVector(client);
    (commentsMap(client).get("quick") as Y.Map<unknown>).set("authorId", "mem-ayesha");
    const second = Y.encodeStateAsUpdate(client, vector);
    // `doc` (the live document) has not got "quick" yet; the trial copy has, and the rule still holds.
    const verdict = checkBoardUpdate(doc, trial, second, ARTICLE, BEN);
    expect(verdict).toMatchObject({ ok: false, rejection: { message: "A comment's authorId cannot change." } });
  });
});
