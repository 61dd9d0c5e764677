/**
 * Comments through the real sync server: accepted ones reach everyone, hostile ones (an observer, a
 * forged signature, a reply to a reply, an oversized text, someone else's comment rewritten) are
 * refused with nothing stored.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addComment, commentsMap, editComment, readComment } from "@/lib/board/comments";
import { writeRecord } from "@/lib/board/doc";
import { ANONYMOUS_NAME } from "@/lib/session/session";
import { handleExport, handleImport } from "@/server/http/export-api";
import { posted, useManagedBoards } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";
import { waitFor } from "./support/wait";

const h = useManagedBoards();

/** `client` comments on `argumentId` (signing as they are told), resolving with the ack and the comment's id. */
async function comment(client: MemberClient, argumentId: string, options: { replyTo?: string; text?: string; name?: string; id?: string } = {}) {
  const id = options.id ?? `cmt-${Math.random().toString(16).slice(2, 10)}`;
  const author = { id: client.memberId, name: options.name ?? client.seat.displayName };
  const { ack } = await client.update((doc) =>
    addComment(doc, { argumentId, replyTo: options.replyTo ?? null, text: options.text ?? "A remark.", author }, () => true, { id }),
  );
  return { ack, id };
}

/** Writes a raw comment record, bypassing the model's own checks, as a hostile client would. */
function rawComment(client: MemberClient, fields: Record<string, unknown>) {
  return client.update((doc) => writeRecord(commentsMap(doc), String(fields.id), { replyTo: null, text: "Raw.", authorId: client.memberId, authorName: client.seat.displayName, createdAt: 1, updatedAt: 1, ...fields }));
}

describe("comments over sync", () => {
  it("carries a comment and a reply to every member, observers included", async () => {
    const t = await h.table();
    const argument = await posted(t.alice);
    const top = await comment(t.bob, argument.id, { text: "Which conditions?" });
    expect(top.ack).toEqual({ ok: true });
    const reply = await comment(t.alice, argument.id, { replyTo: top.id, text: "Benchmarks." });
    expect(reply.ack).toEqual({ ok: true });
    await waitFor(() => readComment(t.observer.doc, reply.id), { message: "the observer to see the reply" });
    expect(readComment(t.facilitator.doc, top.id)).toMatchObject({ authorName: "Bob", text: "Which conditions?" });
  });

  it("refuses hostile comments and stores nothing", async () => {
    const t = await h.table();
    const argument = await posted(t.alice);
    const top = await comment(t.alice, argument.id);
    const reply = await comment(t.bob, argument.id, { replyTo: top.id });
    expect(reply.ack).toEqual({ ok: true });
    const rows = await h.storedRows(t.boardId);

    expect((await comment(t.observer, argument.id)).ack).toMatchObject({ ok: false, code: "forbidden" });
    expect((await comment(t.bob, argument.id, { name: "Fran" })).ack).toMatchObject({ ok: false, code: "forbidden" });
    expect((await rawComment(t.bob, { id: "forged", argumentId: argument.id, authorId: t.alice.memberId, authorName: "Alice" })).ack).toMatchObject({ ok: false, code: "forbidden" });
    expect((await rawComment(t.bob, { id: "deep", argumentId: argument.id, replyTo: reply.id })).ack).toMatchObject({ ok: false, code: "update-rejected" });
    expect((await rawComment(t.bob, { id: "long", argumentId: argument.id, text: "x".repeat(5000) })).ack).toMatchObject({ ok: false, code: "update-rejected" });
    expect((await rawComment(t.bob, { id: "nowhere", argumentId: "arg-none" })).ack).toMatchObject({ ok: false, code: "update-rejected" });
    expect((await t.bob.update((doc) => editComment(doc, top.id, "Alice agrees with Bob."))).ack).toMatchObject({ ok: false, code: "forbidden" });
    expect((await t.bob.update((doc) => (commentsMap(doc).get(reply.id) as Y.Map<unknown>).set("argumentId", "elsewhere"))).ack).toMatchObject({
      ok: false,
      code: "update-rejected",
    });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    const served = await h.served(t);
    expect(readComment(served, top.id)?.text).toBe("A remark.");
    expect(commentsMap(served).size).toBe(2);
  });

  it("lets a facilitator delete any comment, and signs participants' comments Anonymous on an anonymous board", async () => {
    const t = await h.table();
    expect(await t.facilitator.command({ type: "set-settings", patch: { anonymous: true } })).toMatchObject({ ok: true });
    await t.alice.sessionWhere((s) => s.settings.anonymous, "anonymity");
    const argument = await posted(t.facilitator);
    expect((await comment(t.alice, argument.id)).ack).toMatchObject({ ok: false, code: "forbidden" });
    const hidden = await comment(t.alice, argument.id, { name: ANONYMOUS_NAME });
    expect(hidden.ack).toEqual({ ok: true });
    await t.facilitator.sessionWhere(() => readComment(t.facilitator.doc, hidden.id) !== null, "the comment");
    expect((await t.facilitator.update((doc) => commentsMap(doc).delete(hidden.id))).ack).toEqual({ ok: true });
  });

  it("exports comments in Parley JSON, and an import of that file restores them", async () => {
    const t = await h.table();
    const argument = await posted(t.alice);
    const top = await comment(t.bob, argument.id, { text: "Which conditions?" });
    await comment(t.alice, argument.id, { replyTo: top.id, text: "Benchmarks." });
    const exportJson = async (boardId: string, invite: string) =>
      JSON.parse(await (await handleExport(new Request(`http://localhost:3000/api/boards/${boardId}/export?format=json&invite=${invite}`), boardId)).text());
    const original = await exportJson(t.boardId, t.invites.facilitator);
    expect(original.comments.map((c: { text: string; replyTo: string | null }) => [c.text, c.replyTo])).toEqual([
      ["Which conditions?", null],
      ["Benchmarks.", top.id],
    ]);
    const created = await handleImport(new Request("http://localhost:3000/api/boards/import", { method: "POST", body: JSON.stringify(original) }));
    expect(created.status).toBe(201);
    const { board, facilitatorInvite } = await created.json();
    expect((await exportJson(board.id, facilitatorInvite)).comments).toEqual(original.comments);
  });
});
