/**
 * Issue 8, item 1: two `join`s on one socket, sent without waiting, must not mix one board's role with
 * another board's room. One join per connection, claimed before any await; the second is refused.
 */
import { describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { deleteArgument } from "@/lib/board/operations";
import { EVENTS, type JoinAck } from "@/lib/protocol/protocol";
import { syncUpdate } from "@/lib/protocol/sync-messages";
import * as Y from "yjs";
import { addTestArgument } from "./support/board";
import { posted, useManagedBoards, type Table } from "./support/managed-board";
import type { RawClient } from "./support/raw-client";

const h = useManagedBoards();
const ITERATIONS = 50;

/** Sends both joins back to back on one socket and resolves with their acks, in the order sent. */
async function raceJoins(raw: RawClient, first: [string, string], second: [string, string]): Promise<[JoinAck, JoinAck]> {
  const a = raw.join(first[0], undefined, first[1]);
  const b = raw.join(second[0], undefined, second[1]);
  return [await a, await b];
}

/** The socket's role on the victim board, as the server treats it: may it lock the board? */
async function canLock(raw: RawClient): Promise<boolean> {
  const ack = await raw.request<{ ok: boolean }>(EVENTS.command, { type: "set-settings", patch: { locked: true } });
  return ack.ok;
}

describe("access: one join per connection", () => {
  it(`never lets a foreign facilitator token lend its role to another board (${ITERATIONS} races, both orders)`, async () => {
    const victim = await h.table();
    const attacker = await h.table();
    const observerOfV: [string, string] = [victim.boardId, victim.observer.seat.memberToken];
    const facilitatorOfX: [string, string] = [attacker.boardId, attacker.facilitator.seat.memberToken];
    for (let i = 0; i < ITERATIONS; i++) {
      const raw = await h.raw();
      const victimFirst = i % 2 === 0;
      const [winner, loser] = victimFirst ? await raceJoins(raw, observerOfV, facilitatorOfX) : await raceJoins(raw, facilitatorOfX, observerOfV);
      // The first join sent claims the connection, with the role of its own token; the second is refused.
      expect(winner).toMatchObject(victimFirst ? { ok: true, boardId: victim.boardId, role: "observer" } : { ok: true, boardId: attacker.boardId, role: "facilitator" });
      expect(loser).toMatchObject({ ok: false, code: "bad-request" });
      // Only a socket that really is X's facilitator may lock, and then it locks X, never V.
      expect(await canLock(raw)).toBe(!victimFirst);
      expect(victim.facilitator.session.settings.locked).toBe(false);
      raw.close();
    }
    expect(readBoard(await h.served(victim)).arguments).toEqual([]);
  });

  it("leaves the race's observer unable to write, delete or see real names on the victim board", async () => {
    const victim = await h.table();
    const attacker = await h.table();
    const alicesArgument = await posted(victim.alice, { text: "Alice's opening." });
    const raw = await h.raw();
    const [joined, refused] = await raceJoins(raw, [victim.boardId, victim.observer.seat.memberToken], [attacker.boardId, attacker.facilitator.seat.memberToken]);
    expect(joined).toMatchObject({ ok: true, role: "observer" });
    expect(refused).toMatchObject({ ok: false, code: "bad-request" });
    const doc = await raw.load();
    const attempts = [
      (d: Y.Doc) => deleteArgument(d, alicesArgument.id),
      (d: Y.Doc) => addTestArgument(d, { text: "Written by the intruder.", author: { id: victim.observer.memberId, name: "Olga" } }),
    ];
    for (const change of attempts) {
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
      const updates: Uint8Array[] = [];
      replica.on("update", (u: Uint8Array) => updates.push(u));
      change(replica);
      expect(await raw.request(EVENTS.sync, syncUpdate(Y.mergeUpdates(updates)))).toMatchObject({ ok: false, code: "forbidden" });
    }
    // A newcomer makes the server send the roster to V's facilitators; the raced socket is not one of them.
    const mark = victim.facilitator.mark();
    await victim.join("participant", "Newcomer");
    await victim.facilitator.eventAfter(EVENTS.roster, mark, (r: { members: { displayName: string }[] }) => r.members.some((m) => m.displayName === "Newcomer"));
    expect(raw.events.filter((e) => e.name === EVENTS.roster)).toEqual([]);
    expect(readBoard(await h.served(victim)).arguments.map((a) => a.id)).toEqual([alicesArgument.id]);
  });

  it("answers a second join for the same board, even while the first is in flight, with the first one's role", async () => {
    const t: Table = await h.table();
    const raw = await h.raw();
    const [first, second] = await raceJoins(raw, [t.boardId, t.observer.seat.memberToken], [t.boardId, t.facilitator.seat.memberToken]);
    expect(first).toMatchObject({ ok: true, role: "observer" });
    expect(second).toMatchObject({ ok: true, role: "observer" });
    expect(await canLock(raw)).toBe(false);
  });

  it("frees the connection after a refused join, so the client can try again", async () => {
    const t = await h.table();
    const raw = await h.raw();
    expect(await raw.join(t.boardId, undefined, "not-a-real-token")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await raw.join(t.boardId, undefined, t.alice.seat.memberToken)).toMatchObject({ ok: true, role: "participant" });
  });

  it("refuses a board id with a NUL byte as not found, without asking the database", async () => {
    const raw = await h.raw();
    expect(await raw.join("demo\u0000x")).toMatchObject({ ok: false, code: "board-not-found" });
    expect(await raw.join("demo")).toMatchObject({ ok: true, boardId: "demo" });
  });
});
