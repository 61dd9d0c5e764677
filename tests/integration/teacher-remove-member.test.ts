/**
 * A facilitator removes a participant: the row stays for the history, the token stops working on HTTP
 * and on the sync join, open connections are told why and closed, and their presence goes with them.
 */
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { EVENTS } from "@/lib/protocol/protocol";
import { handleRenameMember } from "@/server/http/members-api";
import { handleChangeMember, handleListPeople, handleRemoveMember } from "@/server/http/teacher-api";
import { handleListInvites } from "@/server/http/members-api";
import { REMOVED_MESSAGE } from "@/server/boards/join-board";
import { posted, useManagedBoards } from "./support/managed-board";
import { expectFacilitatorsOnly, read, request } from "./support/teacher";
import { waitFor } from "./support/wait";

const h = useManagedBoards();

const remove = (boardId: string, memberId: string, token: string | null) => handleRemoveMember(request("DELETE", token), boardId, memberId);

describe("teacher: remove a member", () => {
  it("refuses everyone but the board's facilitators, and changes nothing for them", async () => {
    const t = await h.table();
    const foreign = await h.table();
    await expectFacilitatorsOnly(t, foreign, (token) => remove(t.boardId, t.bob.memberId, token));
    expect((await h.server.context.store.listMembers(t.boardId)).every((m) => m.removedAt === null)).toBe(true);
    await posted(t.bob, { text: "Bob is still here." });
  });

  it("closes the removed member's socket with a clear error and refuses their token on sync and HTTP", async () => {
    const t = await h.table();
    const mark = t.facilitator.mark();
    const { status, body } = await read(await remove(t.boardId, t.bob.memberId, t.facilitator.seat.memberToken));
    expect(status).toBe(200);
    expect(body.memberId).toBe(t.bob.memberId);
    // The facilitators' live class list drops them.
    const roster = await t.facilitator.eventAfter<{ members: { id: string }[] }>(EVENTS.roster, mark);
    expect(roster.members.map((m) => m.id)).not.toContain(t.bob.memberId);
    expect(roster.members.map((m) => m.id)).toContain(t.alice.memberId);

    const error = await waitFor(() => t.bob.raw.errors.find((e) => e.code === "forbidden"), { message: "Bob to be told" });
    expect(error.message).toBe(REMOVED_MESSAGE);
    expect(await t.bob.raw.disconnected()).toBe("io server disconnect");

    // Sync join: refused, saying why.
    const again = await h.raw();
    expect(await again.join(t.boardId, undefined, t.bob.seat.memberToken)).toMatchObject({ ok: false, code: "forbidden", message: REMOVED_MESSAGE });
    // HTTP: the token opens nothing any more.
    const rename = await handleRenameMember(request("PATCH", t.bob.seat.memberToken, { displayName: "Bobby" }), t.boardId);
    expect(rename.status).toBe(403);
    // Everyone else carries on.
    await posted(t.alice, { text: "Alice carries on." });

    // The row stays for the history and the review credits; the class list marks the removal.
    const bob = (await h.server.context.store.listMembers(t.boardId)).find((m) => m.id === t.bob.memberId);
    expect(bob?.removedAt).toBeInstanceOf(Date);
    const people = await read(await handleListPeople(request("GET", t.facilitator.seat.memberToken), t.boardId));
    expect(people.body.people.find((p: { id: string }) => p.id === t.bob.memberId)).toMatchObject({ displayName: "Bob", removedAt: expect.any(String) });
  });

  it("takes the removed member's presence off the board", async () => {
    const t = await h.table();
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { id: t.bob.memberId, name: "Bob", color: "#0f766e" }, editing: null });
    const before = t.alice.raw.awareness.length;
    t.bob.raw.send(EVENTS.awareness, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
    await waitFor(() => t.alice.raw.awareness.length > before, { message: "Alice to see Bob's presence" });
    const seen = new awarenessProtocol.Awareness(new Y.Doc());
    for (const frame of t.alice.raw.awareness) awarenessProtocol.applyAwarenessUpdate(seen, frame, "test");
    expect(seen.getStates().has(awareness.clientID)).toBe(true);

    await remove(t.boardId, t.bob.memberId, t.facilitator.seat.memberToken);
    await waitFor(
      () => {
        for (const frame of t.alice.raw.awareness) awarenessProtocol.applyAwarenessUpdate(seen, frame, "test");
        return !seen.getStates().has(awareness.clientID);
      },
      { message: "Bob's presence to disappear" },
    );
    const room = await h.server.context.rooms.peek(t.boardId);
    expect([...room!.connections.values()].some((c) => c.actor.memberId === t.bob.memberId)).toBe(false);
  });

  it("removing a facilitator ends their facilitator calls, but the last facilitator cannot be removed", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    const last = await read(await remove(t.boardId, t.facilitator.memberId, token));
    expect(last).toMatchObject({ status: 422, body: { code: "invalid-content" } });

    const second = await t.join("facilitator", "Frida");
    expect((await remove(t.boardId, t.facilitator.memberId, second.seat.memberToken)).status).toBe(200);
    expect((await handleListInvites(request("GET", token), t.boardId)).status).toBe(403);
    expect((await remove(t.boardId, t.bob.memberId, token)).status).toBe(403);
    // Removing twice answers the same removal.
    expect((await remove(t.boardId, t.facilitator.memberId, second.seat.memberToken)).status).toBe(200);
  });

  it("refuses a member of another board, and an unknown id, without touching anyone", async () => {
    const t = await h.table();
    const other = await h.table();
    expect((await read(await remove(t.boardId, other.bob.memberId, t.facilitator.seat.memberToken))).status).toBe(400);
    expect((await read(await remove(t.boardId, "mem-nobody", t.facilitator.seat.memberToken))).status).toBe(400);
    // A malformed id is bad input, answered as such (not a server fault), for removal and change alike.
    expect(await read(await remove(t.boardId, "m".repeat(65), t.facilitator.seat.memberToken))).toMatchObject({ status: 400, body: { code: "bad-request" } });
    const change = await handleChangeMember(request("PATCH", t.facilitator.seat.memberToken, { role: "observer" }), t.boardId, "m".repeat(65));
    expect(await read(change)).toMatchObject({ status: 400, body: { code: "bad-request" } });
    await posted(other.bob, { text: "Bob on the other board is unaffected." });
  });

  for (const order of ["removal first", "join first"] as const) {
    it(`a join racing the removal never leaves the removed member connected (${order})`, async () => {
      const t = await h.table();
      const raw = await h.raw();
      // The removal may close the socket before the join is answered: that, too, leaves Bob out.
      const join = () => raw.join(t.boardId, undefined, t.bob.seat.memberToken).catch(() => ({ closedWhileJoining: true }) as const);
      const removal = () => remove(t.boardId, t.bob.memberId, t.facilitator.seat.memberToken);
      const [ack] = order === "join first" ? await Promise.all([join(), removal()]) : (await Promise.all([removal(), join()])).reverse();
      if ("closedWhileJoining" in ack) expect(raw.socket.connected).toBe(false);
      else if (!("ok" in ack) || ack.ok) await raw.disconnected();
      else expect(ack).toMatchObject({ code: "forbidden" });
      const room = await h.server.context.rooms.peek(t.boardId);
      await waitFor(() => ![...room!.connections.values()].some((c) => c.actor.memberId === t.bob.memberId), { message: "no connection of Bob's" });
    });
  }
});
