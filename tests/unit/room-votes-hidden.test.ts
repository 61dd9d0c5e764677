/**
 * The votes view on a join or a tally: while the results are hidden from every recipient, the vote
 * history is not read and no results are computed (a class joining at once pays for neither).
 */
import { describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/protocol/protocol";
import { sendVotes } from "@/server/sync/audience";
import { syncAll } from "./support/room-assertions";
import { openRoom } from "./support/room-fixture";

const votesEvents = (messages: { kind: string; name?: string; payload?: unknown }[]) =>
  messages.filter((m) => m.kind === "event" && m.name === EVENTS.votes).map((m) => m.payload as { results: unknown; revealed: boolean });

describe("room: the votes view", () => {
  it("reads no vote history for participants while the results are hidden", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    await syncAll([alice]);
    await sendVotes(fixture.room, fixture.store, [alice.connection!]);
    expect(fixture.faults.calls.get("listVoteEvents")).toBeUndefined();
    expect(votesEvents(alice.toClient.waiting)).toEqual([expect.objectContaining({ revealed: false, results: null })]);
  });

  it("works the results out when a facilitator is among the recipients, and shows them only to the facilitator", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const fay = fixture.client("Fay", "facilitator");
    await syncAll([alice, fay]);
    await sendVotes(fixture.room, fixture.store);
    expect(fixture.faults.calls.get("listVoteEvents")).toBe(1);
    expect(votesEvents(alice.toClient.waiting)).toEqual([expect.objectContaining({ results: null })]);
    expect(votesEvents(fay.toClient.waiting)).toEqual([expect.objectContaining({ results: expect.anything() })]);
  });
});
