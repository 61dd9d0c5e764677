/**
 * Medians over rounds, ratios Parley ÷ peer, the targets (reported, never asserted), as a
 * printed table and as JSON (bench/results/latest.json).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ACK_MEANING, SERVER_KINDS, type ServerKind } from "./clients/bench-client";
import type { RoundResult } from "./harness";
import { median } from "./stats";

/** A target from the issue: a ratio to Hocuspocus, or an absolute ceiling for Parley. */
export interface Target {
  text: string;
  met(parley: number, hocuspocus: number | null): boolean | null;
}

const atMost = (ratio: number): Target => ({ text: `≤ ${ratio}× Hocuspocus`, met: (p, h) => (h ? p <= ratio * h : null) });
const TARGETS: [RegExp, Target][] = [
  [/^fanout .*: p(50|99) ms$/, atMost(0.8)],
  [/^max sustained/, { text: "≥ 2× Hocuspocus", met: (p, h) => (h ? p >= 2 * h : null) }],
  [/^ack p95/, { text: "≤ 25 ms", met: (p) => p <= 25 }],
  [/^visible in PostgreSQL p95/, { text: "≤ 25 ms", met: (p) => p <= 25 }],
  [/^connect → synced p50/, atMost(1)],
  [/per loaded/, atMost(1.2)],
  [/connections: server RSS/, atMost(1.5)],
  [/^cold load/, atMost(1)],
];

export interface MetricRow {
  metric: string;
  medians: Record<ServerKind, number | null>;
  parleyPerHocuspocus: number | null;
  parleyPerRelay: number | null;
  target: string | null;
  met: boolean | null;
  /**
   * Whether the relay (Socket.io + Yjs, no validation, no storage) meets the same target: a ratio
   * target the relay misses asks for more than the transport itself gives on this machine.
   */
  relayMet: boolean | null;
}

export function summarize(rounds: RoundResult[]): MetricRow[] {
  const metrics = [...new Set(rounds.flatMap((r) => Object.keys(r.figures)))];
  return metrics.map((metric) => {
    const medians = Object.fromEntries(SERVER_KINDS.map((kind) => [kind, median(rounds.filter((r) => r.kind === kind).map((r) => r.figures[metric] ?? null))])) as Record<ServerKind, number | null>;
    const ratio = (other: number | null) => (medians.parley !== null && other ? medians.parley / other : null);
    const target = TARGETS.find(([pattern]) => pattern.test(metric))?.[1] ?? null;
    return {
      metric,
      medians,
      parleyPerHocuspocus: ratio(medians.hocuspocus),
      parleyPerRelay: ratio(medians.relay),
      target: target?.text ?? null,
      met: target && medians.parley !== null ? target.met(medians.parley, medians.hocuspocus) : null,
      relayMet: target && medians.relay !== null ? target.met(medians.relay, medians.hocuspocus) : null,
    };
  });
}

const cell = (n: number | null, digits = 1) => (n === null ? "—" : n.toFixed(digits));
const yesNo = (b: boolean | null) => (b === null ? "" : b ? "yes" : "no");

/** The table as printed: one row per metric. */
export function formatTable(rows: MetricRow[]): string {
  const header = ["metric", "Parley", "Hocuspocus", "relay", "P/H", "P/relay", "target", "met", "relay meets"];
  const body = rows.map((r) => [
    r.metric,
    cell(r.medians.parley),
    cell(r.medians.hocuspocus),
    cell(r.medians.relay),
    cell(r.parleyPerHocuspocus, 2),
    cell(r.parleyPerRelay, 2),
    r.target ?? "",
    yesNo(r.met),
    yesNo(r.relayMet),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const notes = Object.entries(ACK_MEANING).map(([kind, meaning]) => `  ack, ${kind}: ${meaning}`);
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line), "", ...notes].join("\n");
}

/** The same table in Markdown, to paste into docs/performance.md. */
export function formatMarkdown(rows: MetricRow[]): string {
  const lines = ["| metric | Parley | Hocuspocus | relay | Parley ÷ Hocuspocus | Parley ÷ relay | target | met | relay meets |", "|---|---:|---:|---:|---:|---:|---|---|---|"];
  for (const r of rows) {
    lines.push(`| ${r.metric} | ${cell(r.medians.parley)} | ${cell(r.medians.hocuspocus)} | ${cell(r.medians.relay)} | ${cell(r.parleyPerHocuspocus, 2)} | ${cell(r.parleyPerRelay, 2)} | ${r.target ?? ""} | ${yesNo(r.met)} | ${yesNo(r.relayMet)} |`);
  }
  return lines.join("\n");
}

export interface BenchReport {
  profile: string;
  startedAt: string;
  finishedAt: string;
  machine: Record<string, unknown>;
  /** os.loadavg() before the first round and after the last: a busy machine shows here. */
  load: { before: number[]; after: number[] };
  ackMeaning: Record<ServerKind, string>;
  table: MetricRow[];
  rounds: RoundResult[];
}

export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  const rounded = { ...report, table: report.table.map((r) => ({ ...r, parleyPerHocuspocus: round1Ratio(r.parleyPerHocuspocus), parleyPerRelay: round1Ratio(r.parleyPerRelay) })) };
  writeFileSync(path, `${JSON.stringify(rounded, (_key, value) => (typeof value === "number" && !Number.isInteger(value) ? Number(value.toFixed(3)) : value), 2)}\n`);
}

const round1Ratio = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
