/**
 * Flood control per connection (issue 8, item 7): presence, sync and votes each have a budget per
 * window. Over it the offender gets `rate-limited` (and is disconnected when it floods) while a
 * well-behaved member on the same board still gets their updates, acks and tallies. Small budgets and
 * a long window keep the tests deterministic on a slow machine.
 */
import { describe, expect, it } from "vitest";
import type { VotesView } from "@/components/sync/board-client";
import type { AwarenessState, CommandAck, UpdateAck } from "@/lib/protocol/protocol";
import { EVENTS } from "@/lib/protocol/protocol";
import { syncStep1 } from "@/lib/protocol/sync-messages";
import { encodeAwarenessEntries, parseAwarenessUpdate } from "@/server/sync/presence";
import * as Y from "yjs";
import { posted, useManagedBoards } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";
import { waitFor } from "./support/wait";

const BUDGET = { sync: 10, awareness: 10, commands: 20, votes: 5, flood: 3 };
const h = useManagedBoards({
  PARLEY_CONNECTION_WINDOW_MS: "60000",
  PARLEY_SYNC_PER_WINDOW: String(BUDGET.sync),
  PARLEY_AWARENESS_PER_WINDOW: String(BUDGET.awareness),
  PARLEY_COMMANDS_PER_WINDOW: String(BUDGET.commands),
  PARLEY_VOTES_PER_WINDOW: String(BUDGET.votes),
  PARLEY_FLOOD_FACTOR: String(BUDGET.flood),
});

let clock = 1;
function presenceFrame(member: MemberClient, clientId: number, editing: string | null = null): Uint8Array {
  const state: AwarenessState = { user: { id: member.memberId, name: member.seat.displayName, color: "#4f46e5" }, editing };
  return encodeAwarenessEntries([{ clientId, clock: clock++, state }]);
}

function heardFrom(member: MemberClient, clientId: number): unknown[] {
  return member.raw.awareness.flatMap((f) => parseAwarenessUpdate(f) ?? []).filter((e) => e.clientId === clientId);
}

/** A well-behaved member still edits, is acknowledged, and is seen by the facilitator. */
async function stillServed(member: MemberClient, facilitator: MemberClient): Promise<void> {
  const argument = await posted(member, { text: `${member.seat.displayName} is still heard.` });
  await facilitator.sees(argument.id);
}

describe("abuse: flood control per connection", () => {
  it("drops a presence flood, tells the sender once, disconnects it, and keeps serving everyone else", async () => {
    const t = await h.table();
    for (let i = 0; i < 100; i++) t.bob.raw.send(EVENTS.awareness, presenceFrame(t.bob, 2_002, `arg-${i}`));
    expect(await t.bob.raw.nextError()).toMatchObject({ code: "rate-limited", retry: true });
    await t.bob.raw.disconnected();

    t.alice.raw.send(EVENTS.awareness, presenceFrame(t.alice, 1_001));
    await waitFor(() => heardFrom(t.facilitator, 1_001).length > 0, { message: "Alice's presence after the flood" });
    await stillServed(t.alice, t.facilitator);
    // At most one budget (two, if a window ended mid-flood) of Bob's frames was relayed; then his leaving.
    expect(heardFrom(t.facilitator, 2_002).length).toBeLessThanOrEqual(2 * BUDGET.awareness + 1);
  });

  it("refuses sync messages over the budget with a retryable rate-limited ack, without disconnecting", async () => {
    const t = await h.table();
    // Opening the connection already spent one on the handshake.
    const acks = await Promise.all(Array.from({ length: BUDGET.sync + 4 }, () => t.bob.raw.request<UpdateAck>(EVENTS.sync, syncStep1(new Y.Doc()))));
    expect(acks.filter((a) => a.ok)).toHaveLength(BUDGET.sync - 1);
    const refusals = acks.filter((a) => !a.ok);
    expect(refusals).toHaveLength(5);
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: "rate-limited", retry: true, details: { retryAfterMs: expect.any(Number) } });
    expect(t.bob.raw.socket.connected).toBe(true);
    await stillServed(t.alice, t.facilitator);
  });

  it("disconnects a connection that floods sync messages", async () => {
    const t = await h.table();
    for (let i = 0; i < BUDGET.sync * BUDGET.flood + 10; i++) t.bob.raw.send(EVENTS.sync, syncStep1(new Y.Doc()));
    await t.bob.raw.disconnected();
    expect(t.bob.raw.errors.at(-1)).toMatchObject({ code: "rate-limited" });
    await stillServed(t.alice, t.facilitator);
  });

  it("refuses votes back to back over the budget while another member's votes are stored and tallied", async () => {
    const t = await h.table();
    const target = await posted(t.alice, { text: "Vote on me." });
    const acks: CommandAck[] = [];
    for (let i = 0; i < BUDGET.votes + 3; i++) acks.push(await t.bob.command({ type: "vote", argumentId: target.id, strength: (i % 5) + 1 }));
    expect(acks.slice(0, BUDGET.votes).every((a) => a.ok)).toBe(true);
    expect(acks.slice(BUDGET.votes)).toEqual(Array(3).fill(expect.objectContaining({ ok: false, code: "rate-limited", retry: true })));

    const mark = t.facilitator.mark();
    expect(await t.alice.command({ type: "vote", argumentId: target.id, strength: 2 })).toMatchObject({ ok: true });
    const view = await t.facilitator.eventAfter<VotesView>("votes", mark, (v) => v.ballots === 2);
    // Bob's last accepted vote (the fifth: strength 5) and Alice's: the refused ones changed nothing.
    expect(view.results?.tallies).toContainEqual(expect.objectContaining({ argumentId: target.id, votes: 2 }));
    const stored = await h.server.context.store.listVotes(t.boardId);
    expect(stored.find((v) => v.memberId === t.bob.memberId)?.strength).toBe(5);
  });

  it("stores concurrent votes from several members, each acknowledged only once stored, and tallies them all", async () => {
    const t = await h.table();
    const targets = [await posted(t.alice, { text: "First." }), await posted(t.bob, { text: "Second." })];
    const carol = await t.join("participant", "Carol");
    const voters = [t.alice, t.bob, carol];
    const mark = t.facilitator.mark();
    const acks = await Promise.all(
      voters.flatMap((voter) => targets.flatMap((target) => [voter.command({ type: "vote", argumentId: target.id, strength: 4 }), voter.command({ type: "vote", argumentId: target.id, quoteSupport: 3 })])),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const stored = await h.server.context.store.listVotes(t.boardId);
    expect(stored).toHaveLength(6);
    // The two ratings sent separately and concurrently are merged, neither lost.
    for (const vote of stored) expect(vote).toMatchObject({ strength: 4, quoteSupport: 3 });
    const view = await t.facilitator.eventAfter<VotesView>("votes", mark, (v) => v.ballots === 6 && (v.results?.tallies ?? []).every((x) => x.quoteSupport !== null));
    expect(view.results?.tallies.filter((x) => x.votes === 3)).toHaveLength(2);
  });
});
