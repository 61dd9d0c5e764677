/**
 * Who a connection is, decided by its member token alone, and what an observer may do with it: watch.
 * Every observer write is refused with `forbidden`, leaves the stored board as it was, and the observer
 * can still resync and follow the board.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { argumentsMap, readBoard } from "@/lib/board/doc";
import { deleteArgument, updateArgument } from "@/lib/board/operations";
import { EVENTS } from "@/lib/protocol/protocol";
import { syncStep2 } from "@/lib/protocol/sync-messages";
import { BoardClient } from "@/components/sync/board-client";
import type { ErrorPayload } from "@/lib/errors/errors";
import { readSession, writeSession } from "@/lib/session/session";
import { ARTICLE, addTestArgument } from "./support/board";
import { posted, TEAM_US, useManagedBoards, type Table } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";
import { waitFor } from "./support/wait";

const h = useManagedBoards();

describe("permissions: joining a facilitated board", () => {
  it("refuses a connection without a member token", async () => {
    const { boardId } = await h.table();
    const raw = await h.raw();
    expect(await raw.join(boardId)).toMatchObject({ ok: false, code: "forbidden" });
    // Not joined: a sync message is a protocol violation, so nothing can be read or written.
    expect(await raw.request(EVENTS.sync, syncStep2(new Y.Doc()))).toMatchObject({ ok: false, code: "not-joined" });
  });

  it("refuses a member token that belongs to another board", async () => {
    const first = await h.table();
    const second = await h.table();
    const raw = await h.raw();
    const ack = await raw.join(first.boardId, undefined, second.facilitator.seat.memberToken);
    expect(ack).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("refuses a made-up member token", async () => {
    const { boardId } = await h.table();
    const raw = await h.raw();
    expect(await raw.join(boardId, undefined, "not-a-real-token")).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("gives the participant invite and the join code the participant role, the observer invite the observer role", async () => {
    const { boardId, invites, joinCode } = await h.table();
    const cases = [
      { request: { displayName: "Pia", invite: invites.participant }, role: "participant" },
      { request: { displayName: "Cody", joinCode: joinCode.toLowerCase() }, role: "participant" },
      { request: { displayName: "Otto", invite: invites.observer }, role: "observer" },
      { request: { displayName: "Fay", invite: invites.facilitator }, role: "facilitator" },
    ] as const;
    for (const { request, role } of cases) {
      const seat = await h.seat(boardId, request);
      expect(seat.role).toBe(role);
      const raw = await h.raw();
      const ack = await raw.join(boardId, undefined, seat.memberToken);
      expect(ack).toMatchObject({ ok: true, boardId, role, memberId: seat.memberId });
      expect(ack.ok && typeof ack.serverTime).toBe("number");
    }
  });
});

describe("permissions: observers", () => {
  /** Alice's argument on a fresh table, seen by the observer. */
  async function tableWithArgument(): Promise<{ t: Table; id: string }> {
    const t = await h.table();
    const { id } = await posted(t.alice, { text: "Alice's opening." });
    await t.observer.sees(id);
    return { t, id };
  }

  const writes: [string, (doc: Y.Doc, observer: MemberClient, id: string) => unknown][] = [
    ["a valid new argument in their own name", (doc, observer) => addTestArgument(doc, { text: "The projector has opinions.", author: observer.author })],
    ["an edit of an existing argument", (doc, _o, id) => updateArgument(doc, ARTICLE, id, { text: "Rewritten by the projector." })],
    ["the deletion of an existing argument", (doc, _o, id) => deleteArgument(doc, id)],
  ];

  it.each(writes)("refuses %s with forbidden and stores nothing", async (_name, change) => {
    const { t, id } = await tableWithArgument();
    const before = { rows: await h.storedRows(t.boardId), board: readBoard(t.facilitator.doc) };

    const { ack } = await t.observer.update((doc) => change(doc, t.observer, id));
    expect(ack).toMatchObject({ ok: false, code: "forbidden", retry: false });

    expect(await h.storedRows(t.boardId)).toEqual(before.rows);
    const fresh = await h.raw();
    expect(readBoard(await fresh.joinAndLoad(t.boardId, t.facilitator.seat.memberToken))).toEqual(before.board);
    // The observer resyncs from scratch and gets the server's board, without the refused change.
    expect(readBoard(await t.observer.raw.load())).toEqual(before.board);
    expect(t.observer.raw.socket.connected).toBe(true);
    expect(t.observer.raw.errors).toEqual([]);
  });

  it("refuses an observer's write to the session root too (as protected-root, which binds every role)", async () => {
    const { t } = await tableWithArgument();
    const before = readSession(t.facilitator.doc);
    const { ack } = await t.observer.update((doc) => writeSession(doc, { voting: { revealed: true } }));
    expect(ack).toMatchObject({ ok: false, code: "update-rejected" });
    expect(readSession(await t.observer.raw.load())).toEqual(before);
  });

  it("accepts the empty Step 2 an up-to-date observer answers the server's Step 1 with", async () => {
    const { t } = await tableWithArgument();
    const ack = await t.observer.raw.request(EVENTS.sync, syncStep2(t.observer.doc, Y.encodeStateVector(t.observer.doc)));
    expect(ack).toEqual({ ok: true });
  });

  it("lets an observer's BoardClient go live and stay live (no refused handshake, no reset)", async () => {
    const { t, id } = await tableWithArgument();
    const client = new BoardClient(t.boardId, { url: h.server.url, memberToken: t.observer.seat.memberToken });
    const errors: ErrorPayload[] = [];
    const pendings: number[] = [];
    let resets = 0;
    client.on("error", (e) => errors.push(e));
    client.on("pending", (n) => pendings.push(n));
    client.on("reset", () => resets++);
    try {
      // A fresh client does not answer the join's Step 1 (it holds only what the server sent), so an
      // observer sends nothing it could be refused for: live, with nothing ever pending (a sent change
      // counts as pending at once).
      await waitFor(() => (client.status === "live" && client.pending === 0) || errors.length > 0, { message: "the observer's handshake" });
      expect(pendings.filter((n) => n > 0)).toEqual([]);
      expect(errors).toEqual([]);
      expect(resets).toBe(0);
      expect(argumentsMap(client.doc).has(id)).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it("refuses an observer's commands: vote, pick-team, set-spotlight", async () => {
    const { t, id } = await tableWithArgument();
    const before = t.facilitator.session;
    for (const command of [
      { type: "vote", argumentId: id, strength: 5 },
      { type: "pick-team", teamId: TEAM_US },
      { type: "set-spotlight", argumentId: id },
    ] as const) {
      expect(await t.observer.command(command)).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await h.server.context.store.listVotes(t.boardId)).toEqual([]);
    expect(readSession(await t.observer.raw.load())).toEqual(before);
  });
});
