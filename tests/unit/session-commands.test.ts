/**
 * applySessionCommand for the settings, the agenda and the phase clock, at fixed server times so the
 * clock's arithmetic is exact.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PHASES, readSession, remainingMs, type Phase } from "@/lib/session/session";
import { addArgumentTo, managedDoc, refused, run } from "./support/session-fixture";

describe("set-settings", () => {
  it("merges the patch into the settings", () => {
    const doc = managedDoc();
    expect(run(doc, { type: "set-settings", patch: { locked: true, coEditing: true } }).settings).toEqual({
      locked: true,
      coEditing: true,
      anonymous: false,
      teamPick: true,
      privateDrafting: false,
    });
    expect(run(doc, { type: "set-settings", patch: { locked: false } }).settings).toMatchObject({ locked: false, coEditing: true });
  });

  it("switches anonymity on only before the first argument", () => {
    const empty = managedDoc();
    expect(run(empty, { type: "set-settings", patch: { anonymous: true } }).settings.anonymous).toBe(true);

    const debated = managedDoc();
    addArgumentTo(debated);
    expect(refused(debated, { type: "set-settings", patch: { anonymous: true } })).toMatch(/before anyone has posted/);
    // Switching it off, or leaving it on while changing something else, stays possible.
    addArgumentTo(empty);
    expect(run(empty, { type: "set-settings", patch: { locked: true } }).settings).toMatchObject({ anonymous: true, locked: true });
    expect(run(empty, { type: "set-settings", patch: { anonymous: false } }).settings.anonymous).toBe(false);
  });
});

describe("set-phases", () => {
  const short: Phase[] = [
    { id: "openings", name: "Openings", durationSec: 60, rule: "openings" },
    { id: "vote", name: "Vote", durationSec: null, rule: "voting" },
  ];

  it("replaces the agenda and keeps the clock when its phase is still on it", () => {
    const doc = managedDoc();
    const clock = run(doc, { type: "start-phase", phaseId: "openings" }, 5_000).clock;
    const after = run(doc, { type: "set-phases", phases: short });
    expect(after.phases).toEqual(short);
    expect(after.clock).toEqual(clock);
  });

  it("stops the clock when its phase is dropped, and refuses duplicate ids", () => {
    const doc = managedDoc();
    run(doc, { type: "start-phase", phaseId: "drafting" });
    expect(run(doc, { type: "set-phases", phases: short }).clock).toEqual({ phaseId: null, startedAt: null, durationMs: null, pausedRemainingMs: null });
    expect(refused(doc, { type: "set-phases", phases: [short[0], { ...short[1], id: "openings" }] })).toMatch(/its own id/);
  });
});

describe("start-phase and next-phase", () => {
  it("starts a phase's clock at the server time given", () => {
    const doc = managedDoc();
    expect(run(doc, { type: "start-phase", phaseId: "rebuttals" }, 42_000).clock).toEqual({
      phaseId: "rebuttals",
      startedAt: 42_000,
      durationMs: 600_000,
      pausedRemainingMs: null,
    });
    expect(run(doc, { type: "start-phase", phaseId: "closed" }, 43_000).clock).toEqual({ phaseId: "closed", startedAt: 43_000, durationMs: null, pausedRemainingMs: null });
  });

  it("refuses a phase that is not on the agenda", () => {
    expect(refused(managedDoc(), { type: "start-phase", phaseId: "no-such-phase" })).toMatch(/no such phase/);
  });

  it("walks the agenda in order, starting with the first phase, and stops at the last", () => {
    const doc = managedDoc();
    const visited = DEFAULT_PHASES.map((_, i) => run(doc, { type: "next-phase" }, 1_000 * (i + 1)).clock);
    expect(visited.map((c) => c.phaseId)).toEqual(DEFAULT_PHASES.map((p) => p.id));
    expect(visited.map((c) => c.startedAt)).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
    expect(refused(doc, { type: "next-phase" })).toBe("This is the last phase.");
    expect(readSession(doc).clock.phaseId).toBe("closed");
  });

  it("refuses next-phase on an empty agenda", () => {
    const doc = managedDoc({ phases: [] });
    expect(refused(doc, { type: "next-phase" })).toMatch(/no phases to run/);
  });
});

describe("the phase clock", () => {
  /** Openings (600 s) started at t = 10 s. */
  function running() {
    const doc = managedDoc();
    run(doc, { type: "start-phase", phaseId: "openings" }, 10_000);
    return doc;
  }

  it("pauses with the time that was left, which then holds still", () => {
    const doc = running();
    const clock = run(doc, { type: "pause-clock" }, 130_000).clock;
    expect(clock).toEqual({ phaseId: "openings", startedAt: null, durationMs: 600_000, pausedRemainingMs: 480_000 });
    expect(remainingMs(clock, 130_000)).toBe(480_000);
    expect(remainingMs(clock, 999_999)).toBe(480_000);
  });

  it("resumes so that the same time is left at the moment of resuming, then counts down", () => {
    const doc = running();
    run(doc, { type: "pause-clock" }, 130_000);
    const clock = run(doc, { type: "resume-clock" }, 500_000).clock;
    expect(clock).toEqual({ phaseId: "openings", startedAt: 380_000, durationMs: 600_000, pausedRemainingMs: null });
    expect(remainingMs(clock, 500_000)).toBe(480_000);
    expect(remainingMs(clock, 530_000)).toBe(450_000);
    expect(remainingMs(clock, 5_000_000)).toBe(0);
  });

  it("pauses at zero once the time is up", () => {
    const doc = running();
    expect(run(doc, { type: "pause-clock" }, 900_000).clock.pausedRemainingMs).toBe(0);
  });

  it("refuses to pause a clock that is not running, or resume one that is not paused", () => {
    const doc = managedDoc();
    expect(refused(doc, { type: "pause-clock" })).toMatch(/not running/);
    expect(refused(doc, { type: "resume-clock" })).toMatch(/not paused/);
    run(doc, { type: "start-phase", phaseId: "closed" }); // no time limit
    expect(refused(doc, { type: "pause-clock" })).toMatch(/not running/);
    const timed = running();
    expect(refused(timed, { type: "resume-clock" })).toMatch(/not paused/);
    run(timed, { type: "pause-clock" }, 20_000);
    expect(refused(timed, { type: "pause-clock" }, 30_000)).toMatch(/not running/);
  });

  it("stop-clock leaves no phase running", () => {
    const doc = running();
    expect(run(doc, { type: "stop-clock" }).clock).toEqual({ phaseId: null, startedAt: null, durationMs: null, pausedRemainingMs: null });
    expect(remainingMs(readSession(doc).clock, 0)).toBeNull();
  });
});
