/** The benchmark harness's pure pieces: the schedule, open-loop sending, markers in stored bytes, medians and ratios. */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { boardUpdate, markerId, readStamp, stampedText, addBenchArgument } from "@/bench/board-content";
import { runOpenLoop } from "@/bench/loadgen/open-loop";
import { markersInUpdate } from "@/bench/pg-watch";
import { summarize } from "@/bench/report";
import type { RoundResult } from "@/bench/harness";
import { planEdits } from "@/bench/scenarios/drive-edits";
import { median, nowEpoch, percentile } from "@/bench/stats";

describe("bench schedule", () => {
  it("spaces edits 1/rate apart from t0 and deals them to the senders in turn", () => {
    const edits = planEdits(7, [10, 11, 12, 13], 2, 100, 50, 1_000);
    expect(edits.map((e) => e.at)).toEqual([1_000, 1_010, 1_020, 1_030, 1_040]);
    expect(edits.map((e) => e.client)).toEqual([10, 11, 10, 11, 10]);
    expect(new Set(edits.map((e) => e.marker)).size).toBe(5);
    expect(edits.every((e) => e.marker.startsWith("bm7-"))).toBe(true);
  });

  it("sends overdue edits at once with their scheduled stamps, and counts them as late", async () => {
    const past = nowEpoch() - 1_000;
    const sent: number[] = [];
    const late = await runOpenLoop([{ at: past + 20 }, { at: past }, { at: nowEpoch() + 30 }], (edit) => sent.push(edit.at));
    expect(sent[0]).toBe(past);
    expect(sent[1]).toBe(past + 20);
    expect(sent).toHaveLength(3);
    expect(late).toBeGreaterThanOrEqual(2);
  });
});

describe("bench edits", () => {
  it("stamps the intended send time in a ~200-character argument and reads it back", () => {
    const text = stampedText(1_795_770_000_123.25);
    expect(text.length).toBeGreaterThan(180);
    expect(text.length).toBeLessThan(260);
    expect(readStamp(text)).toBe(1_795_770_000_123.25);
    expect(readStamp("no stamp")).toBeNull();
  });

  it("finds an edit's marker in a stored update and in a whole stored document", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, boardUpdate(2));
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    addBenchArgument(doc, markerId(3, 1, 9), stampedText(1));
    expect(markersInUpdate(updates[0], "bm3-")).toEqual(["bm3-1-9"]);
    expect(markersInUpdate(Y.encodeStateAsUpdate(doc), "bm3-")).toEqual(["bm3-1-9"]);
    expect(markersInUpdate(Y.encodeStateAsUpdate(doc), "bm4-")).toEqual([]);
  });
});

describe("bench report", () => {
  it("takes nearest-rank percentiles and medians that skip missing figures", () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([], 50)).toBeNull();
    expect(median([3, null, 1, 2])).toBe(2);
    expect(median([null])).toBeNull();
  });

  it("gives Parley ÷ peer ratios of the medians and judges the issue's targets", () => {
    const round = (kind: RoundResult["kind"], p50: number, ack: number | null): RoundResult => ({
      round: 1, kind, loadBefore: [0, 0, 0], loadAfter: [0, 0, 0], durationMs: 1, errors: {},
      figures: { "fanout 10 clients: p50 ms": p50, "ack p95 ms at 100 edits/s": ack },
    });
    const rows = summarize([round("parley", 8, 20), round("hocuspocus", 10, 5), round("relay", 4, 1)]);
    const fanout = rows.find((r) => r.metric === "fanout 10 clients: p50 ms")!;
    expect(fanout.parleyPerHocuspocus).toBeCloseTo(0.8);
    expect(fanout.parleyPerRelay).toBeCloseTo(2);
    expect(fanout.met).toBe(true);
    expect(fanout.relayMet).toBe(true);
    const slowRelay = summarize([round("parley", 8, 20), round("hocuspocus", 10, 5), round("relay", 9, 1)]);
    expect(slowRelay.find((r) => r.metric === "fanout 10 clients: p50 ms")!.relayMet).toBe(false);
    expect(rows.find((r) => r.metric.startsWith("ack p95"))!.met).toBe(true);
  });

  it("holds connect → synced p50 to its target, and the server CPU per join beside it to none", () => {
    const round = (kind: RoundResult["kind"], p50: number, cpu: number): RoundResult => ({
      round: 1, kind, loadBefore: [0, 0, 0], loadAfter: [0, 0, 0], durationMs: 1, errors: {},
      figures: { "connect → synced p50 ms (50 clients, 100-argument board)": p50, "connect → synced: server CPU ms per join (50 clients)": cpu },
    });
    const rows = summarize([round("parley", 90, 3), round("hocuspocus", 100, 1), round("relay", 80, 1)]);
    expect(rows.find((r) => r.metric.startsWith("connect → synced p50"))!.met).toBe(true);
    const cpu = rows.find((r) => r.metric.includes("server CPU"))!;
    expect(cpu.parleyPerHocuspocus).toBeCloseTo(3);
    expect(cpu.met).toBeNull();
  });
});
