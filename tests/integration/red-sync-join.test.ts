/**
 * Issue 8 re-check, item 1 variants: three joins on one socket without waiting, the first refused.
 * Whatever the order they settle in, a socket that ends up joined holds exactly the role its own
 * token has on that board, and a facilitator token of another board never acts on the victim board.
 */
import { describe, expect, it } from "vitest";
import { EVENTS, type JoinAck } from "@/lib/protocol/protocol";
import { useManagedBoards } from "./support/managed-board";

const h = useManagedBoards();
const ITERATIONS = 30;

describe("red: a refused join racing two more", () => {
  it(`never mixes roles and boards (${ITERATIONS} races, rotating the order)`, async () => {
    const victim = await h.table();
    const attacker = await h.table();
    const tries: [string, string | undefined, string | null][] = [
      [victim.boardId, "made-up-token", null], // refused
      [attacker.boardId, attacker.facilitator.seat.memberToken, "facilitator"],
      [victim.boardId, victim.observer.seat.memberToken, "observer"],
    ];
    for (let i = 0; i < ITERATIONS; i++) {
      const raw = await h.raw();
      const order = [0, 1, 2].map((k) => tries[(k + i) % 3]);
      const acks: JoinAck[] = await Promise.all(order.map(([boardId, token]) => raw.join(boardId, undefined, token)));
      const joined = acks.filter((a) => a.ok);
      expect(joined.length).toBeLessThanOrEqual(2); // the same board may be answered twice, never two boards
      expect(new Set(joined.map((a) => (a.ok ? a.boardId : null))).size).toBeLessThanOrEqual(1);
      // A second join for the same board is answered with the first one's outcome (a reload), so the
      // refused token may read "ok" — but only ever with the role of the valid token on that board.
      const roleOn = (boardId: string) => (boardId === attacker.boardId ? "facilitator" : "observer");
      for (const [k, ack] of acks.entries()) {
        if (ack.ok) expect({ board: ack.boardId, role: ack.role }).toEqual({ board: order[k][0], role: roleOn(order[k][0]) });
      }
      const lock = await raw.request<{ ok: boolean }>(EVENTS.command, { type: "set-settings", patch: { locked: true } });
      const asFacilitatorOfX = joined.some((a) => a.ok && a.boardId === attacker.boardId);
      expect(lock.ok).toBe(asFacilitatorOfX);
      if (asFacilitatorOfX) expect((await raw.request<{ ok: boolean }>(EVENTS.command, { type: "set-settings", patch: { locked: false } })).ok).toBe(true);
      expect(victim.facilitator.session.settings.locked).toBe(false);
      raw.close();
    }
  });
});
