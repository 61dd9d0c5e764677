/**
 * Issue 8 re-check, item 7 variant: the vote budget was per connection, so one member opening many
 * connections (up to the per-IP cap of 200) multiplied it, each vote a database write. The budget
 * now follows the member across their connections.
 */
import { describe, expect, it } from "vitest";
import type { CommandAck } from "@/lib/protocol/protocol";
import { posted, useManagedBoards } from "./support/managed-board";
import { MemberClient } from "./support/member-client";

const VOTES = 6;
// A long window, so the whole test runs inside one.
const h = useManagedBoards({ PARLEY_VOTES_PER_WINDOW: String(VOTES), PARLEY_CONNECTION_WINDOW_MS: "120000" });

describe("red: one member's votes share one budget", () => {
  it("refuses a member's votes over the budget however many connections they open; others vote on", async () => {
    const t = await h.table();
    const target = await posted(t.alice, { text: "Vote on me." });
    const tabs = [t.bob, await MemberClient.open(h.server.url, t.boardId, t.bob.seat), await MemberClient.open(h.server.url, t.boardId, t.bob.seat)];
    try {
      const acks: CommandAck[] = [];
      for (let round = 0; round < 4; round++) {
        for (const tab of tabs) acks.push(await tab.command({ type: "vote", argumentId: target.id, strength: (round % 5) + 1 }));
      }
      expect(acks.filter((a) => a.ok)).toHaveLength(VOTES);
      expect(acks.filter((a) => !a.ok)).toEqual(Array(acks.length - VOTES).fill(expect.objectContaining({ code: "rate-limited", retry: true })));
      expect(await t.alice.command({ type: "vote", argumentId: target.id, strength: 3 })).toMatchObject({ ok: true });
    } finally {
      for (const tab of tabs.slice(1)) tab.close();
    }
  });
});
