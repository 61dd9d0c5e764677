/**
 * The facilitator's lock and the phases of a debate, enforced by the server on each participant's raw
 * updates and votes; and the phase clock, which runs on the server's time.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readArgument } from "@/lib/board/doc";
import { updateArgument } from "@/lib/board/operations";
import { EVENTS, type CommandAck } from "@/lib/protocol/protocol";
import { syncStep2 } from "@/lib/protocol/sync-messages";
import { readSession, remainingMs } from "@/lib/session/session";
import { ARTICLE } from "./support/board";
import { post, posted, useManagedBoards, type Table } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";

type Ok = Extract<CommandAck, { ok: true }>;

async function ok(client: MemberClient, command: Parameters<MemberClient["command"]>[0]): Promise<Ok> {
  const ack = await client.command(command);
  expect(ack, command.type).toMatchObject({ ok: true });
  return ack as Ok;
}

const h = useManagedBoards();

describe("permissions: the facilitator's lock", () => {
  it("refuses participants' updates and votes while locked, accepts the facilitator's, and unlocking restores them", async () => {
    const t = await h.table();
    const own = await posted(t.alice, { text: "Posted before the lock." });
    await ok(t.facilitator, { type: "set-settings", patch: { locked: true } });
    const rows = await h.storedRows(t.boardId);

    for (const participant of [t.alice, t.bob]) {
      expect((await post(participant)).ack).toMatchObject({ ok: false, code: "forbidden" });
      expect(await participant.command({ type: "vote", argumentId: own.id, strength: 4 })).toMatchObject({ ok: false, code: "forbidden" });
    }
    const edit = await t.alice.update((doc) => updateArgument(doc, ARTICLE, own.id, { text: "Edited while locked." }));
    expect(edit.ack).toMatchObject({ ok: false, code: "forbidden" });
    // The empty Step 2 of a locked-out participant's handshake asks for nothing and is accepted.
    expect(await t.bob.raw.request(EVENTS.sync, syncStep2(t.bob.doc, Y.encodeStateVector(t.bob.doc)))).toEqual({ ok: true });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(await h.server.context.store.listVotes(t.boardId)).toEqual([]);

    const facilitators = await posted(t.facilitator, { text: "The facilitator may still write." });
    await ok(t.facilitator, { type: "vote", argumentId: own.id, strength: 3 });
    await t.alice.sees(facilitators.id);

    await ok(t.facilitator, { type: "set-settings", patch: { locked: false } });
    await posted(t.alice, { text: "Posted after the lock." });
    await ok(t.bob, { type: "vote", argumentId: own.id, strength: 5 });
    expect(readArgument(await h.served(t), own.id)?.text).toBe("Posted before the lock.");
  });
});

describe("permissions: phases", () => {
  async function startPhase(t: Table, phaseId: string): Promise<void> {
    await ok(t.facilitator, { type: "start-phase", phaseId });
    await t.alice.sessionWhere((s) => s.clock.phaseId === phaseId, `phase ${phaseId}`);
  }

  it("openings take only top-level arguments, rebuttals only replies; voting freezes the board; closed ends the votes", async () => {
    const t = await h.table();
    const bobs = await posted(t.bob, { text: "Bob opens before any phase." });
    await t.alice.sees(bobs.id);

    await startPhase(t, "openings");
    expect((await post(t.alice, { parentId: bobs.id, text: "A reply too early." })).ack).toMatchObject({ ok: false, code: "forbidden" });
    const opening = await posted(t.alice, { text: "Alice's opening." });

    await startPhase(t, "rebuttals");
    expect((await post(t.alice, { text: "A late opening." })).ack).toMatchObject({ ok: false, code: "forbidden" });
    const rebuttal = await posted(t.alice, { parentId: bobs.id, text: "Alice rebuts Bob." });

    await startPhase(t, "voting");
    expect((await post(t.alice, { parentId: bobs.id, text: "One more rebuttal." })).ack).toMatchObject({ ok: false, code: "forbidden" });
    const edit = await t.alice.update((doc) => updateArgument(doc, ARTICLE, opening.id, { text: "Improved while voting." }));
    expect(edit.ack).toMatchObject({ ok: false, code: "forbidden" });
    await ok(t.bob, { type: "vote", argumentId: opening.id, strength: 2 });
    await ok(t.alice, { type: "vote", argumentId: bobs.id, strength: 4, quoteSupport: 3 });
    // Facilitators are bound by no phase.
    await posted(t.facilitator, { parentId: rebuttal.id, text: "A facilitator's note during voting." });

    await startPhase(t, "closed");
    expect(await t.bob.command({ type: "vote", argumentId: rebuttal.id, strength: 1 })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await post(t.bob)).ack).toMatchObject({ ok: false, code: "forbidden" });
    const votes = await h.server.context.store.listVotes(t.boardId);
    expect(votes.map((v) => [v.memberId, v.argumentId]).sort()).toEqual(
      [
        [t.bob.memberId, opening.id],
        [t.alice.memberId, bobs.id],
      ].sort(),
    );
  });

  it("runs the phase clock on the server's time: start, pause (remaining holds still), resume", async () => {
    const t = await h.table();
    const sentAt = Date.now(); // the test and the server share a process, hence a clock
    const started = await ok(t.facilitator, { type: "start-phase", phaseId: "openings" });
    const clock = t.facilitator.session.clock;
    expect(clock).toMatchObject({ phaseId: "openings", durationMs: 600_000, pausedRemainingMs: null });
    expect(clock.startedAt).toBeGreaterThanOrEqual(sentAt);
    expect(clock.startedAt).toBeLessThanOrEqual(started.serverTime);
    expect(remainingMs(clock, started.serverTime)).toBeGreaterThan(600_000 - 60_000);
    // Participants follow the same clock.
    expect((await t.alice.sessionWhere((s) => s.clock.phaseId === "openings")).clock).toEqual(clock);

    const paused = await ok(t.facilitator, { type: "pause-clock" });
    const pausedClock = t.facilitator.session.clock;
    expect(pausedClock.startedAt).toBeNull();
    const left = pausedClock.pausedRemainingMs!;
    expect(left).toBeLessThanOrEqual(600_000);
    expect(left).toBeGreaterThanOrEqual(600_000 - (paused.serverTime - clock.startedAt!));
    expect(await t.facilitator.command({ type: "pause-clock" })).toMatchObject({ ok: false, code: "invalid-content" });

    // Two reads at two later server times, from two fresh loads: the remaining time has not moved.
    const firstRead = remainingMs(readSession(await h.served(t)).clock, paused.serverTime);
    const later = await ok(t.facilitator, { type: "set-settings", patch: { coEditing: false } });
    const secondRead = remainingMs(readSession(await h.served(t)).clock, later.serverTime);
    expect(later.serverTime).toBeGreaterThanOrEqual(paused.serverTime);
    expect(firstRead).toBe(left);
    expect(secondRead).toBe(left);

    const resumeSentAt = Date.now();
    const resumed = await ok(t.facilitator, { type: "resume-clock" });
    const running = t.facilitator.session.clock;
    expect(running.pausedRemainingMs).toBeNull();
    const remaining = remainingMs(running, resumed.serverTime)!;
    expect(remaining).toBeLessThanOrEqual(left);
    expect(remaining).toBeGreaterThanOrEqual(left - (resumed.serverTime - resumeSentAt));
    expect(await t.facilitator.command({ type: "resume-clock" })).toMatchObject({ ok: false, code: "invalid-content" });
  });
});
