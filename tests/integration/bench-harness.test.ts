/**
 * The benchmark harness's pieces on a tiny profile, each server kind as a child process: everything
 * sent is delivered, stored where the kind stores, and the report is written. Correctness only — the
 * figures themselves are never asserted (a benchmark is not a timed test).
 */
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dropDatabase } from "@/bench/bench-database";
import { ACK_MEANING } from "@/bench/clients/bench-client";
import { machine, runRounds } from "@/bench/harness";
import { PROFILES } from "@/bench/profiles";
import { summarize, writeReport, type BenchReport } from "@/bench/report";

const database = `parley_bench_test_${process.pid}`;
const out = join(tmpdir(), `parley-bench-${process.pid}.json`);

afterAll(async () => {
  await dropDatabase(database);
  rmSync(out, { force: true });
});

describe("bench harness (tiny profile)", () => {
  it("delivers every edit on Parley, Hocuspocus and the relay, and writes the report", { timeout: 600_000 }, async () => {
    const rounds = await runRounds({ profile: PROFILES.tiny, database, basePort: 4750, log: () => undefined });

    expect(rounds.map((r) => r.kind)).toEqual(["parley", "hocuspocus", "relay"]);
    for (const round of rounds) {
      expect(round.errors, round.kind).toEqual({});
      expect(round.figures["fanout 3 clients: lost"], round.kind).toBe(0);
      expect(round.figures["fanout 3 clients: p50 ms"], round.kind).toBeGreaterThan(0);
      expect(round.figures["3 connections: failed"], round.kind).toBe(0);
      expect(round.figures["max sustained edits/s into 3 clients (p99 ≤ 100000 ms, none lost)"], round.kind).toBe(20);
      expect(round.figures["ack p95 ms at 10 edits/s"], round.kind).toBeGreaterThan(0);
      expect(round.loadBefore).toHaveLength(3);
    }
    const stored = (kind: string) => rounds.find((r) => r.kind === kind)!.figures["not in PostgreSQL 15 s after the run"];
    expect(stored("parley")).toBe(0);
    expect(stored("hocuspocus")).toBe(0);
    expect(stored("relay")).toBeNull();

    const table = summarize(rounds);
    const report: BenchReport = { profile: "tiny", startedAt: "", finishedAt: "", machine: machine(), load: { before: [], after: [] }, ackMeaning: ACK_MEANING, table, rounds };
    writeReport(out, report);
    const written = JSON.parse(readFileSync(out, "utf8")) as BenchReport;
    expect(written.rounds).toHaveLength(3);
    expect(written.table.find((r) => r.metric === "fanout 3 clients: p50 ms")?.parleyPerHocuspocus).toBeGreaterThan(0);
  });
});
