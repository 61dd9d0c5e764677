// The server half of scripts/bench-stalls.ts (run as its child, never alone): Parley's sync server as
// `npm run sync` starts it, plus the export, import and evidence routes that Next would serve, on a
// second port of the same process, so their work lands on the same event loop as the live boards.
// It answers the parent over IPC: seed boards, write a long log, compact, and measure the loop.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from "node:perf_hooks";
import * as Y from "yjs";
import * as evidenceRoute from "../app/api/boards/[id]/evidence/route";
import * as exportRoute from "../app/api/boards/[id]/export/route";
import * as importRoute from "../app/api/boards/import/route";
import { readArguments } from "../lib/board/doc";
import { updateArgument } from "../lib/board/operations";
import { fillBigBoard } from "../prisma/seed/big-board";
import { demoPositionDrafts, loadDemoSource } from "../prisma/seed/demo-board";
import { createBoard } from "../server/boards/create-board";
import { loadConfig } from "../server/config";
import { startParley } from "../server/parley";

export type ServerRequest =
  | { id: number; type: "create"; copies: number }
  | { id: number; type: "write-log"; boardId: string; entries: number }
  | { id: number; type: "compact"; boardId: string }
  | { id: number; type: "measure-start" }
  | { id: number; type: "measure-stop" }
  | { id: number; type: "close" };

export interface LoopFigures {
  /** The longest event-loop delay the histogram saw, and its 99th percentile (ms). */
  maxMs: number;
  p99Ms: number;
  /** The longest gap between two turns of a 5 ms heartbeat (ms): the same stall, seen from a timer. */
  heartbeatMaxMs: number;
  /** The main thread's garbage collections meanwhile: the longest pause (ms, with its kind), their count and total (ms). */
  gcMaxMs: number;
  gcMaxKind: string;
  gcCount: number;
  gcTotalMs: number;
}

/** perf_hooks' gc entry kinds (NODE_PERFORMANCE_GC_*). */
const GC_KINDS: Record<number, string> = { 1: "scavenge", 2: "mark-compact", 4: "incremental", 8: "weak-callbacks" };

const send = (message: object) => process.send?.(message);
const source = loadDemoSource();
const { sha256: _sha, ...sourceDraft } = source;

const parley = await startParley({
  config: loadConfig({
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    PARLEY_SEED_DEMO: "0",
    // Compaction only when the bench asks for it: a fold during another measurement would blur it.
    PARLEY_COMPACT_EVERY: "1000000",
    PARLEY_COMPACT_BYTES: String(2 ** 40),
    PARLEY_EXPORTS_PER_MINUTE_PER_IP: "10000",
    PARLEY_BOARDS_PER_10_MINUTES_PER_IP: "10000",
    PARLEY_JOINS_PER_MINUTE_PER_IP: "10000",
  }),
  mode: "sync",
  log: () => undefined,
});

/** Next's part, reduced to the three routes measured: IncomingMessage → Request → route → Response → bytes. */
async function serveApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  const boardId = /^\/api\/boards\/([^/]+)\//.exec(url.pathname)?.[1] ?? "";
  const params = { params: Promise.resolve({ id: decodeURIComponent(boardId) }) };
  let response: Response;
  if (req.method === "POST" && url.pathname === "/api/boards/import") response = await importRoute.POST(request);
  else if (url.pathname.endsWith("/export")) response = await exportRoute.GET(request, params);
  else if (url.pathname.endsWith("/evidence")) response = await evidenceRoute.GET(request, params);
  else response = new Response("not found", { status: 404 });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  // As Next's sendResponse does (pipeToNodeResponse): each chunk of the body written as it comes, no
  // gathering into one buffer first (that copy is the harness's, not the server's).
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    if (!res.write(read.value)) await once(res, "drain");
  }
  res.end();
}

const api = createServer((req, res) => {
  serveApi(req, res).catch((error) => res.writeHead(500).end(String(error)));
});
await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));

/** The big board (prisma/seed/big-board.ts): the demo board's 14 arguments `copies` times, open to anyone. */
async function create(copies: number): Promise<string> {
  const board = await createBoard(parley.context.store, {
    title: `Stall bench ×${copies}`,
    source: sourceDraft,
    positions: demoPositionDrafts(),
    accessMode: "open",
    fill: (doc, text) => fillBigBoard(doc, text, copies),
  });
  return board.id;
}

/** Appends `count` small edits (one argument's text each) to the board's log, as live typing would leave it. */
async function writeLog(boardId: string, count: number): Promise<void> {
  const { store } = parley.context;
  const doc = new Y.Doc();
  for (const part of (await store.loadBoardState(boardId)).parts) Y.applyUpdate(doc, part);
  const ids = readArguments(doc).map((argument) => argument.id);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    const changed = updateArgument(doc, source.text, ids[i % ids.length], { text: `Edited ${i}: a reason of ordinary length, typed again.` });
    if (!changed.ok) throw new Error(changed.error.message);
  }
  for (let i = 0; i < updates.length; i += 200) {
    await store.appendUpdates(boardId, updates.slice(i, i + 200).map((update) => ({ update, memberId: null })));
  }
  doc.destroy();
}

let histogram: IntervalHistogram | null = null;
let heartbeat: NodeJS.Timeout | null = null;
let heartbeatMaxMs = 0;
let gcs: { ms: number; kind: string }[] = [];
// Only this thread's isolate: the render pool's workers collect on their own threads.
const gcObserver = new PerformanceObserver((list) => {
  if (!histogram) return;
  for (const entry of list.getEntries()) gcs.push({ ms: entry.duration, kind: GC_KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? "other" });
});
gcObserver.observe({ entryTypes: ["gc"] });

function startMeasuring(): void {
  histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  heartbeatMaxMs = 0;
  gcs = [];
  let last = performance.now();
  heartbeat = setInterval(() => {
    const now = performance.now();
    heartbeatMaxMs = Math.max(heartbeatMaxMs, now - last);
    last = now;
  }, 5);
}

function stopMeasuring(): LoopFigures {
  if (!histogram || !heartbeat) throw new Error("Not measuring.");
  histogram.disable();
  clearInterval(heartbeat);
  const longest = gcs.reduce((max, gc) => (gc.ms > max.ms ? gc : max), { ms: 0, kind: "" });
  const gcTotalMs = gcs.reduce((sum, gc) => sum + gc.ms, 0);
  const figures = { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, heartbeatMaxMs, gcMaxMs: longest.ms, gcMaxKind: longest.kind, gcCount: gcs.length, gcTotalMs };
  histogram = null;
  heartbeat = null;
  return figures;
}

process.on("message", async (message: ServerRequest) => {
  try {
    switch (message.type) {
      case "create":
        return send({ id: message.id, ok: true, value: await create(message.copies) });
      case "write-log":
        await writeLog(message.boardId, message.entries);
        return send({ id: message.id, ok: true });
      case "compact": {
        const { rooms, store } = parley.context;
        const result = await store.compact(message.boardId, (parts) => rooms.folder.fold(parts));
        return send({ id: message.id, ok: true, value: result?.foldedUpdates ?? 0 });
      }
      case "measure-start":
        startMeasuring();
        return send({ id: message.id, ok: true });
      case "measure-stop":
        return send({ id: message.id, ok: true, value: stopMeasuring() });
      case "close":
        api.close();
        await parley.close();
        send({ id: message.id, ok: true });
        return process.exit(0);
    }
  } catch (error) {
    send({ id: message.id, ok: false, message: error instanceof Error ? error.stack : String(error) });
  }
});

send({ type: "ready", syncUrl: parley.url, apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}` });
