/**
 * The pure parts of the abuse limits: whose address a request has, budgets and floods, seats per IP
 * and per board, the coalesced vote tally, and the team-pick lock in the session model.
 */
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { readSession, teamPickRefusal } from "@/lib/session/session";
import { loadConfig } from "@/server/config";
import { CLIENT_ADDRESS_HEADER, clientAddress, stampClientAddress } from "@/server/http/rate-limit";
import type { BoardStore } from "@/server/persistence/board-store";
import { tallyVotesSoon } from "@/server/sync/audience";
import type { BoardRoom } from "@/server/sync/board-room";
import { Limits, limitSettings, Seats } from "@/server/sync/limits";
import { FACILITATOR, PARTICIPANT, managedDoc, refused, run } from "./support/session-fixture";

function settings(env: Record<string, string> = {}) {
  return limitSettings(loadConfig({ PARLEY_CONNECTION_WINDOW_MS: "60000", PARLEY_VOTES_PER_WINDOW: "3", PARLEY_FLOOD_FACTOR: "2", PARLEY_JOINS_PER_MINUTE_PER_IP: "2", ...env }));
}

describe("clientAddress", () => {
  it("uses the socket's peer and ignores X-Forwarded-For unless the proxy is trusted", () => {
    expect(clientAddress("10.0.0.7", "1.2.3.4", false)).toBe("10.0.0.7");
    expect(clientAddress(undefined, undefined, false)).toBe("unknown");
  });

  it("behind a trusted proxy, takes the last address (the one the proxy saw), never the client's own claim", () => {
    expect(clientAddress("10.0.0.7", "1.2.3.4, 192.168.1.20", true)).toBe("192.168.1.20");
    expect(clientAddress("10.0.0.7", ["1.2.3.4", "192.168.1.21"], true)).toBe("192.168.1.21");
    expect(clientAddress("10.0.0.7", " , ", true)).toBe("10.0.0.7");
  });

  it("overwrites a client-sent address header before the route handlers see it", () => {
    const req = { headers: { [CLIENT_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" }, socket: { remoteAddress: "10.0.0.8" } } as unknown as IncomingMessage;
    stampClientAddress(req, false);
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("10.0.0.8");
  });
});

describe("Limits", () => {
  it("has defaults that let a class of 30 behind one address join, rejoin and vote", () => {
    const defaults = limitSettings(loadConfig({}));
    expect(defaults.perIp.join).toBeGreaterThanOrEqual(30 * 3);
    expect(defaults.perIp.member).toBeGreaterThanOrEqual(30 * 2);
    expect(defaults.maxConnectionsPerIp).toBeGreaterThanOrEqual(30 * 3);
    expect(defaults.trustProxy).toBe(false);
  });

  it("refuses a connection over its budget with rate-limited, says so first once, and calls a flood a flood", async () => {
    const limits = await Limits.create(settings());
    const verdicts = [];
    for (let i = 0; i < 7; i++) verdicts.push(await limits.connection("vote", "conn-1"));
    expect(verdicts.slice(0, 3).every((v) => v.ok)).toBe(true);
    expect(verdicts.slice(3).map((v) => (v.ok ? "ok" : `${v.error.code}${v.first ? " first" : ""}${v.flood ? " flood" : ""}`))).toEqual([
      "rate-limited first",
      "rate-limited",
      "rate-limited",
      "rate-limited flood",
    ]);
    // Someone else's budget is their own.
    expect(await limits.connection("vote", "conn-2")).toEqual({ ok: true });
    limits.forget("conn-1");
    expect(await limits.connection("vote", "conn-1")).toEqual({ ok: true });
    await limits.close();
  });

  it("counts per-IP budgets per address", async () => {
    const limits = await Limits.create(settings());
    expect((await limits.address("join", "10.0.0.1")).ok).toBe(true);
    expect((await limits.address("join", "10.0.0.1")).ok).toBe(true);
    const refused = await limits.address("join", "10.0.0.1");
    expect(refused).toMatchObject({ ok: false, error: { code: "rate-limited" } });
    expect((await limits.address("join", "10.0.0.2")).ok).toBe(true);
    await limits.close();
  });
});

describe("Seats", () => {
  it("caps open connections per address and seats per board, and frees both on leaving", () => {
    const seats = new Seats();
    expect([seats.connect("ip", 2), seats.connect("ip", 2), seats.connect("ip", 2)]).toEqual([true, true, false]);
    expect(seats.sit("a", "board", 1)).toBe(true);
    expect(seats.sit("a", "board", 1)).toBe(true); // the same connection asking again
    expect(seats.sit("b", "board", 1)).toBe(false);
    seats.leave("a", "ip");
    expect(seats.connect("ip", 2)).toBe(true);
    expect(seats.sit("b", "board", 1)).toBe(true);
  });
});

describe("tallyVotesSoon", () => {
  afterEach(() => vi.useRealTimers());

  it("sends one tally for a burst of votes, reading the rows when it runs", async () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    let ballots = 0;
    const room = {
      boardId: "b",
      doc: new Y.Doc(),
      connections: new Map([["c", { actor: { memberId: "m", role: "facilitator" }, sendEvent: (_: string, payload: unknown) => sent.push(payload) }]]),
    } as unknown as BoardRoom;
    const store = {
      listVotes: async () => Array.from({ length: ballots }, (_, i) => ({ argumentId: "a", memberId: `m${i}`, strength: 3, quoteSupport: null, at: new Date(0) })),
      listVoteEvents: async () => [],
    } as unknown as BoardStore;
    for (let i = 0; i < 20; i++) {
      ballots++;
      tallyVotesSoon(room, store, 150);
    }
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ ballots: 20 });
  });
});

describe("team picks", () => {
  it("lock for good once a drafting phase starts", () => {
    const doc = managedDoc();
    run(doc, { type: "pick-team", teamId: "team-us" }, 0, PARTICIPANT);
    expect(run(doc, { type: "start-phase", phaseId: "drafting" }, 5_000).teamPicks).toEqual({ lockedAt: 5_000, assigned: [] });
    expect(refused(doc, { type: "pick-team", teamId: "team-pak" }, 6_000, PARTICIPANT)).toMatch(/drafting has started/);
    run(doc, { type: "start-phase", phaseId: "openings" }, 7_000);
    run(doc, { type: "stop-clock" }, 8_000);
    expect(refused(doc, { type: "pick-team", teamId: "team-pak" }, 9_000, PARTICIPANT)).toMatch(/drafting has started/);
    expect(readSession(doc).assignments).toEqual({ "mem-alice": "team-us" });
  });

  it("are refused to a member the facilitator placed, until the facilitator takes them off every team", () => {
    const doc = managedDoc();
    run(doc, { type: "assign-team", memberId: PARTICIPANT.memberId!, teamId: "team-us" }, 1, FACILITATOR);
    expect(teamPickRefusal(readSession(doc), PARTICIPANT.memberId!)).toMatch(/placed you/);
    expect(refused(doc, { type: "pick-team", teamId: "team-pak" }, 2, PARTICIPANT)).toMatch(/placed you/);
    run(doc, { type: "assign-team", memberId: PARTICIPANT.memberId!, teamId: null }, 3, FACILITATOR);
    expect(run(doc, { type: "pick-team", teamId: "team-pak" }, 4, PARTICIPANT).assignments).toEqual({ "mem-alice": "team-pak" });
  });

  it("read as open on a board made before the lock existed", () => {
    expect(readSession(new Y.Doc()).teamPicks).toEqual({ lockedAt: null, assigned: [] });
  });
});
