/**
 * What a join sends its newcomer outside the document (votes, drafts) and facilitators (the roster):
 * joins arriving while one round of those reads runs share the next round (audience.ts welcomeSoon),
 * so a class joining at once costs two reads of each, not one per person.
 */
import { describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/protocol/protocol";
import { welcomeSoon } from "@/server/sync/audience";
import { openRoom } from "./support/room-fixture";
import type { RoomClient } from "./support/room-client";

const events = (client: RoomClient, name: string) => client.toClient.waiting.filter((m) => m.kind === "event" && m.name === name);

describe("join: welcoming newcomers", () => {
  it("a burst of joins reads the votes, drafts and members twice, and each newcomer gets their views once", async () => {
    const fixture = await openRoom();
    const fran = fixture.client("Fran", "facilitator");
    const others = ["Ann", "Ben", "Cat", "Dan", "Eve"].map((name) => fixture.client(name));
    const everyone = [fran, ...others];
    await Promise.all(everyone.map((client) => welcomeSoon(fixture.room, fixture.store, client.connection!)));
    expect(fixture.faults.calls.get("listVotes")).toBe(2);
    expect(fixture.faults.calls.get("listDrafts")).toBe(2);
    expect(fixture.faults.calls.get("listMembers")).toBe(2);
    for (const client of everyone) {
      expect(events(client, EVENTS.votes)).toHaveLength(1);
      expect(events(client, EVENTS.drafts)).toHaveLength(1);
    }
    // The roster is a facilitator's: one per round, not one per newcomer.
    expect(events(fran, EVENTS.roster)).toHaveLength(2);
    expect(events(others[0], EVENTS.roster)).toHaveLength(0);
  });

  it("someone who left before their round is sent nothing, and the round is skipped when nobody is left", async () => {
    const fixture = await openRoom();
    const ann = fixture.client("Ann");
    const ben = fixture.client("Ben");
    const first = welcomeSoon(fixture.room, fixture.store, ann.connection!);
    const gone = ben.connection!;
    const second = welcomeSoon(fixture.room, fixture.store, gone);
    ben.disconnect();
    await Promise.all([first, second]);
    expect(fixture.faults.calls.get("listVotes")).toBe(1);
    expect(gone.toClient.waiting.some((m) => m.kind === "event")).toBe(false);
  });

  it("a failed read is not the join's failure: the next newcomer gets a new round", async () => {
    const fixture = await openRoom();
    const ann = fixture.client("Ann");
    fixture.faults.failNext("listVotes");
    await expect(welcomeSoon(fixture.room, fixture.store, ann.connection!)).resolves.toBeUndefined();
    const ben = fixture.client("Ben");
    await welcomeSoon(fixture.room, fixture.store, ben.connection!);
    expect(events(ben, EVENTS.votes)).toHaveLength(1);
  });
});
