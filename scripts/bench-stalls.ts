// `npm run bench:stalls [-- --copies=72 --log-entries=4000 --database=parley_bench_stalls --cpu-prof=DIR --only=REGEX --idle-ms=1000 --trace-gc]`:
// how long exports, imports, the evidence report, compaction and a cold board load hold the event loop
// of the server that serves live boards. Not a test: it prints figures, which vary with the machine.
//
// The server runs as a child process (scripts/bench-stalls-server.ts: `startParley` in "sync" mode on
// PostgreSQL, plus the export/import/evidence routes on a second port of the same process), so the
// HTTP client and the live client below never share its event loop. The loop is measured inside the
// server, with monitorEventLoopDelay (5 ms resolution) and a 5 ms heartbeat, around each operation.
import { fork, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { ParleyBenchClient } from "../bench/clients/parley-client";
import { dropDatabase, freshDatabase } from "../bench/bench-database";
import type { LoopFigures, ServerRequest } from "./bench-stalls-server";

const option = (name: string, fallback: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const COPIES = Number(option("copies", "72")); // 72 × 14 = 1,008 arguments
const LOG_ENTRIES = Number(option("log-entries", "4000"));
const DATABASE = option("database", "parley_bench_stalls");
const CPU_PROF = option("cpu-prof", "");
/** Only the operations whose name matches (e.g. --only=import|json): quicker runs while profiling. */
const ONLY = new RegExp(option("only", "."));
/** How long the idle baseline lasts: as long as a PNG export (~20 s) shows the collections an idle loop has anyway. */
const IDLE_MS = Number(option("idle-ms", "1000"));
/** The server runs with node's --trace-gc (every collection of every isolate printed to stderr). */
const TRACE_GC = process.argv.includes("--trace-gc");

interface Row {
  operation: string;
  wallMs: number;
  loop: LoopFigures;
  note: string;
}

/** A request without its id (distributed over the union, so each kind keeps its own fields). */
type Question = ServerRequest extends infer R ? (R extends ServerRequest ? Omit<R, "id"> : never) : never;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** The server child and a request/answer channel over IPC. */
class ServerChild {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  readonly ready: Promise<{ syncUrl: string; apiUrl: string }>;

  constructor(private readonly child: ChildProcess) {
    this.ready = new Promise((resolve, reject) => {
      child.on("message", (message: { type?: string; id?: number; ok?: boolean; value?: unknown; message?: string; syncUrl?: string; apiUrl?: string }) => {
        if (message.type === "ready") return resolve({ syncUrl: message.syncUrl!, apiUrl: message.apiUrl! });
        const waiting = this.pending.get(message.id!);
        this.pending.delete(message.id!);
        if (message.ok) waiting?.resolve(message.value);
        else waiting?.reject(new Error(message.message));
      });
      child.once("exit", (code) => reject(new Error(`The server exited (code ${code}).`)));
    });
  }

  ask<T>(request: Question): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ ...request, id });
    });
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const databaseUrl = await freshDatabase(DATABASE);
const child = fork(fileURLToPath(new URL("./bench-stalls-server.ts", import.meta.url)), [], {
  execArgv: ["--import", "tsx", ...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : []), ...(TRACE_GC ? ["--trace-gc"] : [])],
  env: { ...process.env, DATABASE_URL: databaseUrl },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const server = new ServerChild(child);
const { syncUrl, apiUrl } = await server.ready;
const rows: Row[] = [];

/** Runs `work` while the server measures its loop; the note is what `work` answers. */
async function measure(operation: string, work: () => Promise<string | void>): Promise<string | void> {
  if (!ONLY.test(operation) && !operation.startsWith("cold load (first")) return;
  await server.ask({ type: "measure-start" });
  await pause(30); // the monitor's first turns, before the work
  const started = performance.now();
  const note = await work();
  const wallMs = performance.now() - started;
  await pause(30); // the turn that finishes the work is recorded
  const loop = await server.ask<LoopFigures>({ type: "measure-stop" });
  rows.push({ operation, wallMs, loop, note: note ?? "" });
  console.error(`  ${operation}: ${wallMs.toFixed(0)} ms, max stall ${loop.maxMs.toFixed(0)} ms, longest GC ${loop.gcMaxMs.toFixed(0)} ms (${loop.gcMaxKind || "none"})`);
  return note;
}

async function download(boardId: string, query: string): Promise<Buffer> {
  const response = await fetch(`${apiUrl}/api/boards/${boardId}/export?${query}`);
  if (!response.ok) throw new Error(`export ${query}: ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

async function upload(format: string, body: Buffer): Promise<string> {
  const response = await fetch(`${apiUrl}/api/boards/import?format=${format}`, { method: "POST", body: new Uint8Array(body) });
  const answer = (await response.json()) as { board?: { id: string }; message?: string };
  if (response.status !== 201) throw new Error(`import ${format}: ${response.status} ${answer.message}`);
  return answer.board!.id;
}

async function evidence(boardId: string): Promise<number> {
  const response = await fetch(`${apiUrl}/api/boards/${boardId}/evidence`);
  if (!response.ok) throw new Error(`evidence: ${response.status} ${await response.text()}`);
  return (await response.arrayBuffer()).byteLength;
}

async function join(boardId: string): Promise<ParleyBenchClient> {
  const client = new ParleyBenchClient(syncUrl, boardId);
  await client.synced;
  return client;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const loadBefore = loadavg();

try {
  console.error(`Seeding boards of ${COPIES * 14} arguments…`);
  const [mainBoard, coldBoard, logBoard] = [await server.ask<string>({ type: "create", copies: COPIES }), await server.ask<string>({ type: "create", copies: COPIES }), await server.ask<string>({ type: "create", copies: COPIES })];
  await server.ask({ type: "write-log", boardId: logBoard, entries: LOG_ENTRIES });

  // Warm-up on a small board, unmeasured: the render pool's thread, tsx's first compiles, the first fold.
  const small = await server.ask<string>({ type: "create", copies: 1 });
  const warm = await join(small);
  for (const query of ["format=json", "format=pdf", "format=png", "format=svg"]) await download(small, query);
  await evidence(small);
  await upload("argdown", await download(small, "format=argdown"));
  await server.ask({ type: "compact", boardId: small });
  warm.close();

  // The live board: someone stays connected throughout (loading it is the first cold load measured).
  let live: ParleyBenchClient | null = null;
  await measure("cold load (first join → synced)", async () => {
    live = await join(mainBoard);
  });
  await measure(`idle (${IDLE_MS / 1000} s, baseline)`, () => pause(IDLE_MS));

  const json = await download(mainBoard, "format=json");
  const argumentsOnBoard = (JSON.parse(json.toString("utf8")) as { arguments: { id: string; parentId: string }[] }).arguments;
  const argumentIds = new Set(argumentsOnBoard.map((argument) => argument.id));
  // The screen's collapsed nodes: every thread's first argument, folded (a URL's worth of them).
  const collapsed = argumentsOnBoard.filter((argument) => !argumentIds.has(argument.parentId)).slice(0, 40).map((argument) => argument.id);

  const exports: [string, string][] = [
    ["json", "format=json"],
    ["argdown", "format=argdown"],
    ["aif", "format=aif"],
    ["aif (OVA)", "format=aif&ova=1"],
    ["annotations", "format=annotations"],
    ["markdown", "format=markdown"],
    ["outline", "format=outline"],
    ["csv", "format=csv"],
    ["svg (map)", "format=svg"],
    ["svg (columns)", "format=svg&layout=columns"],
    ["svg (map, collapsed)", `format=svg&collapsed=${collapsed.join(",")}`],
    ["png (map)", "format=png"],
    ["png (columns)", "format=png&layout=columns"],
    ["png (map, collapsed)", `format=png&collapsed=${collapsed.join(",")}`],
    ["pdf (map)", "format=pdf"],
    ["pdf (columns)", "format=pdf&layout=columns"],
    ["pdf (map, collapsed)", `format=pdf&collapsed=${collapsed.join(",")}`],
  ];
  const files = new Map<string, Buffer>();
  for (const [label, query] of exports) {
    await measure(`export ${label}`, async () => {
      const body = await download(mainBoard, query);
      files.set(label, body);
      return kb(body.byteLength);
    });
  }
  await measure("evidence report", async () => kb(await evidence(mainBoard)));

  for (const [format, label] of [["json", "json"], ["argdown", "argdown"], ["aif", "aif"], ["kialo", "outline"]] as const) {
    const file = files.get(label) ?? (await download(mainBoard, exports.find(([name]) => name === label)![1]));
    await measure(`import ${format} (${kb(file.byteLength)})`, async () => void (await upload(format, file)));
  }

  await measure(`compaction of ${LOG_ENTRIES.toLocaleString("en")} log entries`, async () => `${await server.ask<number>({ type: "compact", boardId: logBoard })} folded`);
  await measure("cold load of a second board", async () => (await join(coldBoard)).close());

  (live as ParleyBenchClient | null)?.close();
} finally {
  await server.ask({ type: "close" }).catch(() => undefined);
  await dropDatabase(DATABASE).catch(() => undefined);
}

const loadAfter = loadavg();
const cell = (value: number) => value.toFixed(0).padStart(9);
console.log(`\nBoard: ${COPIES * 14} arguments. Load average before ${loadBefore.map((n) => n.toFixed(2)).join(" ")}, after ${loadAfter.map((n) => n.toFixed(2)).join(" ")}.`);
console.log(`| operation | wall ms | max stall ms | p99 stall ms | heartbeat max gap ms | longest GC ms (kind) | GCs (total ms) | note |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|---|`);
for (const { operation, wallMs, loop, note } of rows) {
  const gc = `${cell(loop.gcMaxMs)} (${loop.gcMaxKind || "none"})`;
  console.log(`| ${operation} | ${cell(wallMs)} | ${cell(loop.maxMs)} | ${cell(loop.p99Ms)} | ${cell(loop.heartbeatMaxMs)} | ${gc} | ${loop.gcCount} (${loop.gcTotalMs.toFixed(0)}) | ${note} |`);
}
const over = rows.filter((row) => row.loop.maxMs > 50 && !row.operation.startsWith("idle"));
console.log(over.length ? `\nOver 50 ms: ${over.map((row) => row.operation).join(", ")}` : "\nNo operation stalled the loop over 50 ms.");
process.exit(0);
