/**
 * The newest surfaces (moves, order keys, comments, must-cite, personal drafts, source revisions, the
 * evidence report and map export options) under hostile input: crafted Yjs updates, two crossing
 * changes delivered in both orders, messages sent at once, floods, forged owners and bad HTTP requests.
 * Each is refused with a clear code, nothing of it is stored, and honest clients keep converging.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Argument } from "@/lib/board/argument";
import { addComment, commentsMap, readComment } from "@/lib/board/comments";
import { argumentsMap, readArgument, readBoard } from "@/lib/board/doc";
import { moveArgument } from "@/lib/board/move";
import { addArgument, deleteArgument } from "@/lib/board/operations";
import { createAnchor } from "@/lib/anchoring/anchor";
import { codePointLength } from "@/lib/anchoring/text";
import { createBoard } from "@/server/boards/create-board";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { EVENTS, type UpdateAck } from "@/lib/protocol/protocol";
import { syncUpdate } from "@/lib/protocol/sync-messages";
import { MAX_PERSONAL_DRAFTS_PER_MEMBER } from "@/server/sync/personal-drafts";
import { handleApplySourceRevision, handleProposeSourceRevision } from "@/server/http/source-revision-api";
import * as exportRoute from "@/app/api/boards/[id]/export/route";
import * as evidenceRoute from "@/app/api/boards/[id]/evidence/route";
import * as boardRoute from "@/app/api/boards/[id]/route";
import * as historyRoute from "@/app/api/boards/[id]/history/route";
import { ARTICLE, addTestArgument } from "./support/board";
import { queryDatabase } from "./support/database";
import { fetchHealth } from "./support/server";
import { ownPosition, PAK_MILITARY, posted, US, useManagedBoards, type Table } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";
import { read } from "./support/teacher";
import { waitFor } from "./support/wait";

const h = useManagedBoards({ PARLEY_EXPORTS_PER_MINUTE_PER_IP: "500", PARLEY_JOINS_PER_MINUTE_PER_IP: "500" });

/** The update `change` makes to a replica of `client`'s live copy, without sending it. */
function craft(client: MemberClient, change: (doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(client.doc));
  const updates: Uint8Array[] = [];
  replica.on("update", (u: Uint8Array) => updates.push(u));
  change(replica);
  replica.destroy();
  return Y.mergeUpdates(updates);
}

/** Sends a crafted update as `client`; an accepted one joins its live copy. */
async function send(client: MemberClient, update: Uint8Array): Promise<UpdateAck> {
  const ack = await client.raw.request<UpdateAck>(EVENTS.sync, syncUpdate(update));
  if (ack.ok) Y.applyUpdate(client.doc, update, "local");
  return ack;
}

/** Writes `fields` straight into argument `id`'s record, bypassing the model, as a hostile client would. */
const overwrite = (id: string, fields: Record<string, unknown>) => (doc: Y.Doc) => {
  const record = argumentsMap(doc).get(id) as Y.Map<unknown>;
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) record.set(key, value);
  });
};

const by = (client: MemberClient) => ({ id: client.memberId, name: client.seat.displayName });

/** The arguments and every stored comment (shown or orphaned), in an order that does not depend on delivery. */
function contents(doc: Y.Doc): string {
  const comments = [...commentsMap(doc).keys()].sort().map((id) => [id, readComment(doc, id)]);
  return JSON.stringify([readBoard(doc), comments]);
}

/** Every connected copy and a newcomer's copy agree on the arguments and comments. */
async function converged(t: Table): Promise<void> {
  const want = contents(await h.served(t));
  for (const client of [t.facilitator, t.alice, t.bob, t.observer]) {
    await waitFor(() => contents(client.doc) === want, { message: `${client.seat.displayName} to converge` });
  }
}

describe("hostile updates to moves and order", () => {
  it.each([["first A under B, then B under A"], ["first B under A, then A under B"]])("crossing moves closing a cycle (%s): the second is refused", async (order) => {
    const t = await h.table();
    const a = await posted(t.alice, { text: "Conditions work." });
    const b = await posted(t.alice, { text: "Conditions backfire." });
    await t.facilitator.sees(b.id);
    const aUnderB = craft(t.alice, (doc) => expect(moveArgument(doc, ARTICLE, a.id, { parentId: b.id, stance: "for" }).ok).toBe(true));
    const bUnderA = craft(t.facilitator, (doc) => expect(moveArgument(doc, ARTICLE, b.id, { parentId: a.id, stance: "for" }).ok).toBe(true));
    const [first, second] = order.startsWith("first A") ? [[t.alice, aUnderB], [t.facilitator, bUnderA]] as const : [[t.facilitator, bUnderA], [t.alice, aUnderB]] as const;
    expect(await send(first[0], first[1])).toEqual({ ok: true });
    const rows = await h.storedRows(t.boardId);
    expect(await send(second[0], second[1])).toMatchObject({ ok: false, code: "update-rejected" });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    await converged(t);
  });

  it("two crossing moves sent at once by one client: exactly one is stored", async () => {
    const t = await h.table();
    const a = await posted(t.alice, { text: "First." });
    const b = await posted(t.alice, { text: "Second." });
    const rows = (await h.storedRows(t.boardId)).length;
    const aUnderB = craft(t.alice, (doc) => moveArgument(doc, ARTICLE, a.id, { parentId: b.id, stance: "for" }));
    const bUnderA = craft(t.alice, (doc) => moveArgument(doc, ARTICLE, b.id, { parentId: a.id, stance: "for" }));
    const acks = await Promise.all([send(t.alice, aUnderB), send(t.alice, bUnderA)]);
    expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
    expect(acks.find((ack) => !ack.ok)).toMatchObject({ code: "update-rejected" });
    expect((await h.storedRows(t.boardId)).length).toBe(rows + 1);
    const served = await h.served(t);
    expect([readArgument(served, a.id)?.parentId, readArgument(served, b.id)?.parentId].filter((p) => p === US)).toHaveLength(1);
  });

  it("a move under an argument deleted first is refused; a delete after the move hides both alike everywhere", async () => {
    const t = await h.table();
    const mover = await posted(t.alice, { text: "Moved card." });
    const target = await posted(t.alice, { text: "Target card." });
    await t.facilitator.sees(target.id);
    const move = craft(t.facilitator, (doc) => expect(moveArgument(doc, ARTICLE, mover.id, { parentId: target.id, stance: "for" }).ok).toBe(true));
    const remove = craft(t.alice, (doc) => expect(deleteArgument(doc, target.id).ok).toBe(true));
    expect(await send(t.alice, remove)).toEqual({ ok: true });
    const rows = await h.storedRows(t.boardId);
    expect(await send(t.facilitator, move)).toMatchObject({ ok: false, code: "update-rejected" });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    await converged(t);
    expect(readArgument(await h.served(t), mover.id)?.parentId).toBe(US);

    // The other order: the move lands, then the delete made without knowing of it.
    const mover2 = await posted(t.alice, { text: "Moved card 2." });
    const target2 = await posted(t.alice, { text: "Target card 2." });
    await t.facilitator.sees(target2.id);
    const move2 = craft(t.facilitator, (doc) => moveArgument(doc, ARTICLE, mover2.id, { parentId: target2.id, stance: "for" }));
    const remove2 = craft(t.alice, (doc) => deleteArgument(doc, target2.id));
    expect(await send(t.facilitator, move2)).toEqual({ ok: true });
    expect(await send(t.alice, remove2)).toEqual({ ok: true });
    await converged(t);

    // The moved card itself deleted meanwhile, in both orders: gone everywhere, nothing half-moved.
    for (const deleteFirst of [true, false]) {
      const card = await posted(t.alice, { text: `Moved and deleted ${deleteFirst}.` });
      const home = await posted(t.alice, { text: `New home ${deleteFirst}.` });
      await t.facilitator.sees(home.id);
      const moveCard = craft(t.facilitator, (doc) => expect(moveArgument(doc, ARTICLE, card.id, { parentId: home.id, stance: "for" }).ok).toBe(true));
      const deleteCard = craft(t.alice, (doc) => expect(deleteArgument(doc, card.id).ok).toBe(true));
      if (deleteFirst) {
        expect(await send(t.alice, deleteCard)).toEqual({ ok: true });
        expect(await send(t.facilitator, moveCard)).toEqual({ ok: true }); // lands in deleted content
      } else {
        expect(await send(t.facilitator, moveCard)).toEqual({ ok: true });
        expect(await send(t.alice, deleteCard)).toEqual({ ok: true });
      }
      await converged(t);
      expect(readArgument(await h.served(t), card.id)).toBeNull();
    }
  });

  it("refuses a move into the other side's lane, a foreign author's move, and hostile order keys", async () => {
    const t = await h.table();
    const mine = await posted(t.alice, { text: "Aid buys access." });
    await t.bob.sees(mine.id);
    const rows = await h.storedRows(t.boardId);
    const otherLane = craft(t.alice, (doc) => expect(moveArgument(doc, ARTICLE, mine.id, { parentId: US, stance: "against" }).ok).toBe(true));
    expect(await send(t.alice, otherLane)).toMatchObject({ ok: false, code: "forbidden" });
    const otherPosition = craft(t.alice, (doc) => expect(moveArgument(doc, ARTICLE, mine.id, { parentId: PAK_MILITARY, stance: "for" }).ok).toBe(true));
    expect(await send(t.alice, otherPosition)).toMatchObject({ ok: false, code: "forbidden" });
    const stolen = craft(t.bob, (doc) => expect(moveArgument(doc, ARTICLE, mine.id, { parentId: US, stance: "for" }).ok).toBe(true));
    expect(await send(t.bob, stolen)).toMatchObject({ ok: false, code: "forbidden" });
    for (const order of ["a0".padEnd(100_000, "V"), 42, null, { key: "a0" }, "", "not a key!"]) {
      expect(await send(t.alice, craft(t.alice, overwrite(mine.id, { order }))), JSON.stringify(order).slice(0, 20)).toMatchObject({ ok: false, code: "update-rejected" });
    }
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    await converged(t);
  });

  it("a participant's move cannot turn a reply into an opening during rebuttals, nor an opening into a reply during openings", async () => {
    const t = await h.table();
    const startPhase = async (phaseId: string) => {
      expect(await t.facilitator.command({ type: "start-phase", phaseId })).toMatchObject({ ok: true });
      await t.alice.sessionWhere((s) => s.clock.phaseId === phaseId, `phase ${phaseId}`);
    };
    const bobs = await posted(t.bob, { text: "Bob opens." });
    const reply = await posted(t.alice, { parentId: bobs.id, text: "Alice rebuts Bob." });
    const opening = await posted(t.alice, { text: "Alice opens." });
    const rows = await h.storedRows(t.boardId);

    await startPhase("rebuttals");
    const promoted = craft(t.alice, (doc) => expect(moveArgument(doc, ARTICLE, reply.id, { parentId: US, stance: "for" }).ok).toBe(true));
    expect(await send(t.alice, promoted)).toMatchObject({ ok: false, code: "forbidden" });
    await startPhase("openings");
    const demoted = craft(t.alice, (doc) => expect(moveArgument(doc, ARTICLE, opening.id, { parentId: bobs.id, stance: "against" }).ok).toBe(true));
    expect(await send(t.alice, demoted)).toMatchObject({ ok: false, code: "forbidden" });
    expect((await h.storedRows(t.boardId)).length).toBe(rows.length + 2); // the two phase changes only
    // Reordering within the same lane stays allowed, and a facilitator is bound by no phase.
    const second = await t.facilitator.update((doc) => addTestArgument(doc, { parentId: US, author: by(t.facilitator), text: "Fran opens too." }));
    expect(second.ack).toEqual({ ok: true });
    const reordered = craft(t.alice, (doc) => expect(moveArgument(doc, ARTICLE, opening.id, { parentId: US, stance: "for", after: second.value.id }).ok).toBe(true));
    expect(await send(t.alice, reordered)).toEqual({ ok: true });
    const facilitatorMove = craft(t.facilitator, (doc) => expect(moveArgument(doc, ARTICLE, reply.id, { parentId: US, stance: "for" }).ok).toBe(true));
    expect(await send(t.facilitator, facilitatorMove)).toEqual({ ok: true });
    await converged(t);
  });

  it("refuses a move that carries a thread past the depth limit", async () => {
    const t = await h.table();
    const fran = by(t.facilitator);
    // A chain as deep as the model allows, built in one update.
    const { ack, value: deepest } = await t.facilitator.update((doc) => {
      let parent: Argument = addTestArgument(doc, { parentId: US, author: fran, text: "Level 0." });
      for (let level = 1; ; level++) {
        try {
          parent = addTestArgument(doc, { parentId: parent.id, author: fran, text: `Level ${level}.` });
        } catch {
          return parent;
        }
      }
    });
    expect(ack).toEqual({ ok: true });
    const thread = await posted(t.facilitator, { parentId: US, stance: "for", text: "Top of a thread." });
    await posted(t.facilitator, { parentId: thread.id, stance: "for", text: "Its reply." });
    const rows = await h.storedRows(t.boardId);
    // Under the deepest card's parent the card itself fits, but its reply would not.
    const tooDeep = craft(t.facilitator, overwrite(thread.id, { parentId: deepest.parentId, order: "a0" }));
    expect(await send(t.facilitator, tooDeep)).toMatchObject({ ok: false, code: "update-rejected" });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
  });
});

describe("deletes that would hide other people's replies", () => {
  /** Removes only argument `id`'s record, leaving its replies behind, as a crafted frame (or a stale delete) does. */
  const removeRecordOnly = (id: string) => (doc: Y.Doc) => argumentsMap(doc).delete(id);

  it("a participant cannot hide a rebuttal by deleting only the argument it answers; a facilitator can remove the thread", async () => {
    const t = await h.table();
    const mine = await posted(t.alice, { text: "Alice's claim." });
    await t.bob.sees(mine.id);
    const rebuttal = await posted(t.bob, { parentId: mine.id, text: "Bob rebuts." });
    await t.alice.sees(rebuttal.id);
    const rows = await h.storedRows(t.boardId);
    expect(await send(t.alice, craft(t.alice, removeRecordOnly(mine.id)))).toMatchObject({ ok: false, code: "forbidden", message: expect.stringContaining("Bob has replied") });
    expect(await send(t.alice, craft(t.alice, (doc) => deleteArgument(doc, mine.id)))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(readBoard(await h.served(t)).arguments.map((a) => a.id)).toContain(rebuttal.id);
    // Her own replies under her own argument are hers to hide.
    const own = await posted(t.alice, { text: "Another claim." });
    await posted(t.alice, { parentId: own.id, stance: "for", text: "Alice backs herself." });
    expect(await send(t.alice, craft(t.alice, removeRecordOnly(own.id)))).toEqual({ ok: true });
    expect(await send(t.facilitator, craft(t.facilitator, removeRecordOnly(mine.id)))).toEqual({ ok: true });
    await converged(t);
  });

  it("a delete crossing a reply: refused when the reply landed first (the deleter reloads and sees it), an invisible orphan when it came second", async () => {
    const t = await h.table();
    const first = await posted(t.alice, { text: "Claim one." });
    await t.bob.sees(first.id);
    const staleDelete = craft(t.alice, (doc) => deleteArgument(doc, first.id));
    const reply = craft(t.bob, (doc) => addTestArgument(doc, { parentId: first.id, stance: "against", author: by(t.bob), text: "Bob replies in time." }));
    expect(await send(t.bob, reply)).toEqual({ ok: true });
    expect(await send(t.alice, staleDelete)).toMatchObject({ ok: false, code: "forbidden" });
    await converged(t);
    expect(readArgument(await h.served(t), first.id)).not.toBeNull();

    const second = await posted(t.alice, { text: "Claim two." });
    await t.bob.sees(second.id);
    const lateReply = craft(t.bob, (doc) => addTestArgument(doc, { parentId: second.id, stance: "against", author: by(t.bob), text: "Bob replies too late." }));
    expect(await send(t.alice, craft(t.alice, (doc) => deleteArgument(doc, second.id)))).toEqual({ ok: true });
    expect(await send(t.bob, lateReply)).toEqual({ ok: true });
    await converged(t);
    expect(readArgument(await h.served(t), second.id)).toBeNull();
  });
});

describe("hostile comments and must-cite edits", () => {
  it("refuses comments on missing arguments, replies to replies, forged authors, oversized text and observers; storing nothing", async () => {
    const t = await h.table();
    const argument = await posted(t.alice);
    const top = await t.bob.update((doc) => addComment(doc, { argumentId: argument.id, replyTo: null, text: "Which conditions?", author: by(t.bob) }, () => true));
    expect(top.ack).toEqual({ ok: true });
    const topId = (top.value as { ok: true; value: { id: string } }).value.id;
    const reply = await t.alice.update((doc) => addComment(doc, { argumentId: argument.id, replyTo: topId, text: "Benchmarks.", author: by(t.alice) }, () => true));
    expect(reply.ack).toEqual({ ok: true });
    const replyId = (reply.value as { ok: true; value: { id: string } }).value.id;
    const rows = await h.storedRows(t.boardId);
    const raw = (client: MemberClient, fields: Record<string, unknown>) => {
      const id = `cmt-hostile-${Math.random().toString(16).slice(2, 10)}`;
      const record = { id, argumentId: argument.id, replyTo: null, text: "Raw.", authorId: client.memberId, authorName: client.seat.displayName, createdAt: 1, updatedAt: 1, ...fields };
      return craft(client, (doc) => {
        const map = new Y.Map<unknown>();
        commentsMap(doc).set(id, map as never);
        for (const [key, value] of Object.entries(record)) map.set(key, value);
      });
    };
    expect(await send(t.bob, raw(t.bob, { text: "x".repeat(200_000) }))).toMatchObject({ ok: false });
    expect(await send(t.bob, raw(t.bob, { argumentId: "arg-never-was" }))).toMatchObject({ ok: false, code: "update-rejected" });
    expect(await send(t.bob, raw(t.bob, { replyTo: replyId }))).toMatchObject({ ok: false, code: "update-rejected" });
    expect(await send(t.bob, raw(t.bob, { authorId: t.alice.memberId, authorName: "Alice" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await send(t.observer, raw(t.observer, {}))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await send(t.bob, raw(t.bob, { text: 12 }))).toMatchObject({ ok: false, code: "update-rejected" });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(commentsMap(await h.served(t)).size).toBe(2);
    await converged(t);
  });

  it("a comment crossing the delete of its argument, in both orders, is never shown and every copy agrees", async () => {
    const t = await h.table();
    for (const deleteFirst of [true, false]) {
      const argument = await posted(t.alice, { text: `Doomed ${deleteFirst}.` });
      await t.bob.sees(argument.id);
      const remark = craft(t.bob, (doc) => addComment(doc, { argumentId: argument.id, replyTo: null, text: "Late remark.", author: by(t.bob) }, () => true));
      const remove = craft(t.alice, (doc) => deleteArgument(doc, argument.id));
      const acks = deleteFirst ? [await send(t.alice, remove), await send(t.bob, remark)] : [await send(t.bob, remark), await send(t.alice, remove)];
      // Both are accepted (refusing the late remark would strand its writer's next edits); the remark is an invisible orphan.
      expect(acks).toEqual([{ ok: true }, { ok: true }]);
      await converged(t);
      const served = await h.served(t);
      expect(readArgument(served, argument.id)).toBeNull();
      expect(readBoard(served).arguments.map((a) => a.id)).not.toContain(argument.id);
    }
  });

  it("mustCite: an edit removing an argument's last quote is refused, and nothing is stored", async () => {
    const t = await h.table();
    const argument = await posted(t.alice, { text: "Cited." });
    const rows = await h.storedRows(t.boardId);
    const unquote = craft(t.alice, (doc) => {
      const record = argumentsMap(doc).get(argument.id) as Y.Map<unknown>;
      doc.transact(() => {
        record.set("quotes", []);
        record.set("updatedAt", Date.now());
      });
    });
    expect(await send(t.alice, unquote)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(readArgument(await h.served(t), argument.id)?.quotes).toHaveLength(1);
  });
});

describe("hostile personal drafts", () => {
  function draftBy(member: MemberClient, overrides: Partial<Argument> = {}): Argument {
    const now = Date.now();
    const positionId = ownPosition(member);
    const id = `arg-pd-${Math.random().toString(16).slice(2, 10)}`;
    return { id, positionId, parentId: positionId, stance: "for", text: "Private thought.", quotes: [], authorId: member.memberId, authorName: member.seat.displayName, createdAt: now, updatedAt: now, ...overrides };
  }
  const personalRows = (boardId: string) => queryDatabase<{ id: string; member_id: string }>(h.db.url, `SELECT id, member_id FROM drafts WHERE board_id = $1 AND personal`, [boardId]);

  it("refuses observers, oversized drafts, and a draft id another member holds, in either order at once", async () => {
    const t = await h.table();
    expect(await t.observer.command({ type: "save-personal-draft", argument: draftBy(t.observer) })).toMatchObject({ ok: false, code: "forbidden" });
    const big = await t.alice.command({ type: "save-personal-draft", argument: draftBy(t.alice, { text: "x".repeat(50_000) }) });
    expect(big).toMatchObject({ ok: false });
    expect(await personalRows(t.boardId)).toEqual([]);

    const shared = `arg-pd-shared-${Date.now()}`;
    const acks = await Promise.all([
      t.alice.command({ type: "save-personal-draft", argument: draftBy(t.alice, { id: shared }) }),
      t.bob.command({ type: "save-personal-draft", argument: draftBy(t.bob, { id: shared }) }),
    ]);
    expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
    expect(acks.find((ack) => !ack.ok)).toMatchObject({ code: "forbidden" });
    const owner = acks[0].ok ? t.alice : t.bob;
    expect(await personalRows(t.boardId)).toEqual([{ id: shared, member_id: owner.memberId }]);
    // The loser can neither overwrite nor delete it.
    const loser = owner === t.alice ? t.bob : t.alice;
    expect(await loser.command({ type: "save-personal-draft", argument: draftBy(loser, { id: shared }) })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await loser.command({ type: "delete-draft", id: shared })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.facilitator.command({ type: "delete-draft", id: shared })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await personalRows(t.boardId)).toHaveLength(1);
  });

  it("a flood sent at once stores no more than the per-member limit, and its text reaches no one else", async () => {
    const t = await h.table();
    const secret = `Flooded secret ${Date.now()}`;
    const acks = await Promise.all(Array.from({ length: MAX_PERSONAL_DRAFTS_PER_MEMBER + 6 }, () => t.alice.command({ type: "save-personal-draft", argument: draftBy(t.alice, { text: secret }) })));
    const stored = await personalRows(t.boardId);
    expect(stored.length).toBeLessThanOrEqual(MAX_PERSONAL_DRAFTS_PER_MEMBER);
    expect(acks.filter((ack) => ack.ok).length).toBe(stored.length);
    for (const ack of acks.filter((a) => !a.ok)) expect(ack).toMatchObject({ ok: false, code: expect.stringMatching(/invalid-content|rate-limited/) });

    const others = [t.bob, t.facilitator, t.observer].map((m) => JSON.stringify(m["raw"].events) + JSON.stringify(m.doc.toJSON()));
    for (const seen of others) expect(seen).not.toContain(secret);
    const headers = (token: string) => ({ host: "parley.test", authorization: `Bearer ${token}` });
    const params = { params: Promise.resolve({ id: t.boardId }) };
    const token = (await h.seat(t.boardId, { displayName: "Fran2", invite: t.invites.facilitator })).memberToken;
    for (const format of ["json", "markdown", "csv", "svg"]) {
      const body = await (await exportRoute.GET(new Request(`http://parley.test/api/boards/${t.boardId}/export?format=${format}`, { headers: headers(token) }), params)).text();
      expect(body, format).not.toContain(secret);
    }
    const history = await historyRoute.GET(new Request(`http://parley.test/api/boards/${t.boardId}/history`, { headers: headers(token) }), params);
    expect(history.status).toBe(200);
    expect(await history.text()).not.toContain(secret);
    const evidence = await evidenceRoute.GET(new Request(`http://parley.test/api/boards/${t.boardId}/evidence`, { headers: headers(token) }), params);
    expect(evidence.status).toBe(200);
    expect(await evidence.text()).not.toContain(secret);
  });
});

/** POSTs to the revision plan (or apply) endpoint with `init`'s token, body and headers. */
const post = (path: "plan" | "apply", boardId: string, init: { token?: string | null; body?: string; headers?: Record<string, string> }) => {
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const request = new Request(`http://localhost/api/boards/${boardId}/source/revisions${path === "plan" ? "/plan" : ""}`, { method: "POST", headers, body: init.body });
  return path === "plan" ? handleProposeSourceRevision(request, boardId) : handleApplySourceRevision(request, boardId);
};


describe("hostile source revision requests", () => {
  const CORRECTED = "Editor's note: corrected.\n\n" + ARTICLE;
  it("refuses strangers, participants, cross-origin pages, wrong content types and oversized bodies", async () => {
    const t = await h.table();
    const rows = await h.storedRows(t.boardId);
    const fran = t.facilitator.seat.memberToken;
    for (const path of ["plan", "apply"] as const) {
      const body = JSON.stringify(path === "plan" ? { text: CORRECTED } : { text: CORRECTED, baseRevision: 1, decisions: [] });
      expect((await post(path, t.boardId, { token: null, body })).status).toBe(403);
      expect((await post(path, t.boardId, { token: t.alice.seat.memberToken, body })).status).toBe(403);
      expect((await post(path, t.boardId, { token: t.observer.seat.memberToken, body })).status).toBe(403);
      expect((await post(path, t.boardId, { token: fran, body, headers: { origin: "https://evil.example" } })).status).toBe(403);
      expect((await post(path, t.boardId, { token: fran, body, headers: { "content-type": "text/plain" } })).status).toBe(400);
      expect((await post(path, t.boardId, { token: fran, body: JSON.stringify({ text: "x".repeat(3_000_000), baseRevision: 1, decisions: [] }) })).status).toBe(413);
      expect((await post(path, t.boardId, { token: fran, body: "{not json" })).status).toBe(400);
    }
    expect(await h.storedRows(t.boardId)).toEqual(rows);
  });

  it("two applies at once on the same base: exactly one wins, the other is stale-revision, one update is stored", async () => {
    const t = await h.table();
    const fran = t.facilitator.seat.memberToken;
    const rows = (await h.storedRows(t.boardId)).length;
    const apply = (text: string) => post("apply", t.boardId, { token: fran, body: JSON.stringify({ text, baseRevision: 1, decisions: [] }) }).then(read);
    const results = await Promise.all([apply(CORRECTED), apply(CORRECTED + "\n\nA second correction.")]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: "stale-revision" });
    expect((await h.storedRows(t.boardId)).length).toBe(rows + 1);
    await converged(t);
  });
});

/** A facilitated board on a ~150,000-character article with `count` arguments of six quotes each, and its facilitator's token. */
async function longQuotedBoard(count: number): Promise<{ boardId: string; text: string; fran: string }> {
  const { sha256: _sha, ...demo } = loadDemoSource();
  let text = "";
  for (let copy = 0; text.length < 150_000; copy++) text += demo.text.replaceAll(" the ", copy % 2 ? " the " : " thé ") + `\n\nCopy ${copy}.\n\n`;
  const length = codePointLength(text);
  const board = await createBoard(h.server.context.store, {
    title: "Long article",
    source: { ...demo, text },
    positions: demoPositionDrafts(),
    accessMode: "managed",
    fill: (doc, source) => {
      for (let a = 0; a < count; a++) {
        const quotes = Array.from({ length: 6 }, (_, q) => {
          const start = ((a * 6 + q) * 7919) % (length - 1300);
          const anchored = createAnchor(source, start, start + 200 + ((a * 37) % 900));
          if (!anchored.ok) throw new Error(anchored.message);
          return anchored.anchor;
        });
        const positionId = a % 2 ? US : PAK_MILITARY;
        const added = addArgument(doc, source, { parentId: positionId, stance: "for", text: `Quoting ${a}.`, author: { id: "m-seed", name: "Seed" }, quotes });
        if (!added.ok) throw new Error(added.error.message);
      }
    },
  });
  const invite = (await h.server.context.store.listInvites(board.id)).find((i) => i.role === "facilitator")!.token;
  return { boardId: board.id, text, fran: (await h.seat(board.id, { displayName: "Fran", invite })).memberToken };
}

/** Runs `work` while asking the server's health endpoint in a loop; prints and returns the figures. */
async function whileServing<T>(label: string, work: () => Promise<T>): Promise<{ result: T; took: number; answered: number; maxDelayMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  let done = false;
  const running = work().finally(() => (done = true));
  let answered = 0;
  while (!done) {
    expect((await fetchHealth(h.server)).status).toBe(200);
    answered++;
  }
  const result = await running;
  const took = performance.now() - started;
  delay.disable();
  const maxDelayMs = delay.max / 1e6;
  console.log(`${label}: ${took.toFixed(0)} ms; ${answered} health checks meanwhile; event loop max delay ${maxDelayMs.toFixed(0)} ms`);
  return { result, took, answered, maxDelayMs };
}

describe("heavy reads and plans on a long, much-quoted article run off the event loop", () => {
  it("a source revision's plan: the server keeps answering while it is planned", async () => {
    const { boardId, text, fran } = await longQuotedBoard(120);
    const planned = await whileServing("plan of 720 quotes", async () => read(await post("plan", boardId, { token: fran, body: JSON.stringify({ text: "Editor's note.\n\n" + text }) })));
    expect(planned.result.status).toBe(200);
    expect(planned.result.body.quotes).toHaveLength(720);
    expect(planned.answered).toBeGreaterThan(1);
    expect(planned.maxDelayMs).toBeLessThan(planned.took / 2);
  }, 240_000);

  it("the evidence report: the server keeps answering while it is computed", async () => {
    const { boardId, fran } = await longQuotedBoard(600);
    // A live board: its room is loaded, so the report reads the room's document and decodes nothing.
    await (await h.raw()).joinAndLoad(boardId, fran);
    const params = { params: Promise.resolve({ id: boardId }) };
    const report = await whileServing("evidence report of 600 arguments", async () => {
      const response = await evidenceRoute.GET(new Request(`http://parley.test/api/boards/${boardId}/evidence`, { headers: { host: "parley.test", authorization: `Bearer ${fran}` } }), params);
      return { status: response.status, body: await response.json() };
    });
    expect(report.result.status).toBe(200);
    expect(report.result.body.sides.map((side: { arguments: number }) => side.arguments)).toEqual([300, 300]);
    expect(report.answered).toBeGreaterThan(1);
    expect(report.maxDelayMs).toBeLessThan(report.took / 2);
  }, 240_000);
});

describe("evidence and export reads on a facilitated board", () => {
  it("refuse strangers like the board does, and refuse an oversized collapsed list with 400", async () => {
    const t = await h.table();
    await posted(t.alice);
    const params = { params: Promise.resolve({ id: t.boardId }) };
    const get = (route: typeof exportRoute | typeof evidenceRoute, url: string, token?: string) =>
      route.GET(new Request(url, { headers: { host: "parley.test", ...(token ? { authorization: `Bearer ${token}` } : {}) } }), params);
    const base = `http://parley.test/api/boards/${t.boardId}`;
    expect((await get(evidenceRoute, `${base}/evidence`)).status).toBe(403);
    expect((await get(exportRoute, `${base}/export?format=svg&collapsed=${US}`)).status).toBe(403);
    expect((await get(exportRoute, `${base}/export?format=svg&layout=map`)).status).toBe(403);
    expect((await get(evidenceRoute, `${base}/evidence?invite=not-an-invite`)).status).toBe(403);
    // Every credential a link can carry opens (or not) the evidence report and the map exactly as it opens the board.
    const credentials = ["", `?invite=${t.invites.observer}`, `?invite=${t.invites.participant}`, `?invite=${t.invites.facilitator}`, `?code=${t.joinCode}`, "?invite=forged", "?code=ZZZZZZ"];
    for (const query of credentials) {
      const join = query ? query.replace("?", "&") : "";
      const board = (await get(boardRoute as unknown as typeof exportRoute, `${base}${query}`)).status;
      expect([(await get(evidenceRoute, `${base}/evidence${query}`)).status, (await get(exportRoute, `${base}/export?format=svg&collapsed=${US}${join}`)).status], query || "no credentials").toEqual([board, board]);
    }
    const many = Array.from({ length: 5_000 }, (_, i) => `arg-${i}`).join(",");
    expect((await get(exportRoute, `${base}/export?format=svg&collapsed=${many}`, t.alice.seat.memberToken)).status).toBe(400);
    expect((await get(exportRoute, `${base}/export?format=svg&collapsed=${"x".repeat(5_000)}`, t.alice.seat.memberToken)).status).toBe(400);
    expect((await get(exportRoute, `${base}/export?format=svg&layout=sideways`, t.alice.seat.memberToken)).status).toBe(400);
    expect((await get(exportRoute, `${base}/export?format=svg&collapsed=${US}`, t.observer.seat.memberToken)).status).toBe(200);
  });
});

