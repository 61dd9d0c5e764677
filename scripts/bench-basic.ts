// `npm run bench:basic`: prints Parley's speed and size figures. Not a test: numbers vary with the machine.
//
//   sync latency      two clients on one board; time from a local add on A to the argument on B
//   log compaction    the demo board's update log before/after compaction, and folding N tiny updates
//   first render      (with --render and a built app) time until /b/demo shows its cards in Chromium
//
// Uses DATABASE_URL when set, else an embedded PGlite in a temporary folder.
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Y from "yjs";
import { BoardClient } from "../components/sync/board-client";
import { createAnchor } from "../lib/anchoring/anchor";
import { readArguments, readPositions } from "../lib/board/doc";
import { addArgument } from "../lib/board/operations";
import { foldUpdates } from "../lib/board/snapshot";
import { loadDemoSource } from "../prisma/seed/demo-board";
import { loadConfig } from "../server/config";
import { startParley } from "../server/parley";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-"));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function syncLatency(url: string, sourceText: string): Promise<void> {
  const a = new BoardClient("demo", { url });
  const b = new BoardClient("demo", { url });
  await waitFor(() => a.status === "live" && b.status === "live");
  const position = readPositions(a.doc)[0];
  const anchor = createAnchor(sourceText, 0, 20);
  if (!anchor.ok) throw new Error(anchor.message);
  const latencies: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const added = addArgument(a.doc, sourceText, {
      parentId: position.id,
      stance: i % 2 ? "for" : "against",
      text: `Benchmark argument ${i}`,
      quotes: [anchor.anchor],
      author: { id: "bench", name: "Bench" },
    });
    if (!added.ok) throw new Error(added.error.message);
    await waitFor(() => b.doc.getMap("arguments").has(added.value.id));
    latencies.push(performance.now() - started);
  }
  await waitFor(() => a.pending === 0);
  console.log(`sync latency A→B over ${ROUNDS} adds: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}`);
  a.destroy();
  b.destroy();
}

function foldingSpeed(): void {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const map = doc.getMap("arguments");
  for (let i = 0; i < 5000; i++) map.set(`k${i % 500}`, `value ${i}`);
  let started = performance.now();
  const folded = foldUpdates(updates);
  const foldMs = performance.now() - started;
  started = performance.now();
  const merged = Y.mergeUpdates(updates);
  const mergeMs = performance.now() - started;
  console.log(
    `folding 5000 tiny updates: apply-into-doc ${ms(foldMs)} (${folded.byteLength} B), Y.mergeUpdates ${ms(mergeMs)} (${merged.byteLength} B)`,
  );
}

async function firstRender(url: string): Promise<void> {
  const { chromium } = await import("playwright-core");
  const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const page = await browser.newPage();
  await page.addInitScript(() => localStorage.setItem("parley.identity", JSON.stringify({ id: "bench", name: "Bench", color: "#4f46e5" })));
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await page.goto(`${url}/b/demo`);
    await page.getByTestId("argument-card").first().waitFor();
    times.push(performance.now() - started);
  }
  console.log(`first board render (/b/demo until the first card shows), 5 loads: median ${ms(percentile(times, 50))}, first ${ms(times[0])}`);
  await browser.close();
}

const render = process.argv.includes("--render");
const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", PARLEY_DATA_DIR: dataDir, PARLEY_COMPACT_EVERY: "100000" });
const parley = await startParley({ config, mode: render ? "full" : "sync", log: () => {} });
try {
  console.log(`database: ${parley.context.database.kind}`);
  const source = loadDemoSource();
  const before = await parley.context.store.loadBoardState("demo");
  await syncLatency(parley.url, source.text);
  const grown = await parley.context.store.loadBoardState("demo");
  const logBytes = grown.parts.reduce((n, p) => n + p.byteLength, 0);
  let started = performance.now();
  const result = await parley.context.store.compact("demo", foldUpdates);
  const compactMs = performance.now() - started;
  const after = await parley.context.store.loadBoardState("demo");
  const afterBytes = after.parts.reduce((n, p) => n + p.byteLength, 0);
  console.log(`demo board log: seeded ${before.parts.length} part(s); after the run ${grown.logLength} entries, ${logBytes} B`);
  console.log(`compaction: ${result?.foldedUpdates ?? 0} entries → 1 snapshot of ${afterBytes} B in ${ms(compactMs)}`);
  started = performance.now();
  const doc = new Y.Doc();
  for (const part of after.parts) Y.applyUpdate(doc, part);
  console.log(`reload from snapshot: ${ms(performance.now() - started)} for ${readArguments(doc).length} arguments`);
  foldingSpeed();
  if (render) await firstRender(parley.url);
} finally {
  await parley.close();
  rmSync(dataDir, { recursive: true, force: true });
}
