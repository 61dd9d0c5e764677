// `node --import tsx scripts/bench-cold-load.ts [--arguments=10000] [--log-entries=0] [--runs=5]`:
// where a cold board load spends its time, step by step, in this process (no sockets). Not a test.
// Seeds one board in a fresh PostgreSQL database (`parley_bench_cold_steps` unless --database=…), then,
// `--runs` times over: the store's reads, building the document, the first Step 2 and the whole
// BoardRoom.load, and a client applying that Step 2. Prints the median of each step in ms.
import * as Y from "yjs";
import { freshDatabase } from "../bench/bench-database";
import { BOARD_TITLE, benchSource, fillArguments, addBenchArgument } from "../bench/board-content";
import { demoPositionDrafts } from "../prisma/seed/demo-board";
import { createBoard } from "../server/boards/create-board";
import { openDatabase } from "../server/persistence/connect";
import { PrismaBoardStore } from "../server/persistence/prisma-board-store";
import { BoardRoom } from "../server/sync/board-room";
import type { HandshakeCache } from "../server/sync/handshake-cache";
import { docFromParts } from "../lib/board/snapshot";
import { decodeSyncMessage, syncStep1, syncStep2 } from "../lib/protocol/sync-messages";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ARGUMENTS = Number(option("arguments", "10000"));
const LOG_ENTRIES = Number(option("log-entries", "0"));
const RUNS = Number(option("runs", "5"));

const url = await freshDatabase(option("database", "parley_bench_cold_steps"));
const database = await openDatabase({ databaseUrl: url, dataDir: "/nonexistent" });
await database.migrate();
const store = new PrismaBoardStore(database);
const boardId = "cold-steps";
await createBoard(store, { id: boardId, title: BOARD_TITLE, source: benchSource(), positions: demoPositionDrafts(), fill: (doc) => fillArguments(doc, ARGUMENTS) });
if (LOG_ENTRIES > 0) {
  // A log nobody folded yet: one argument per entry, as edits arrive.
  const state = await store.loadBoardState(boardId);
  const doc = docFromParts(state.parts);
  for (let i = 0; i < LOG_ENTRIES; i++) {
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array) => updates.push(update);
    doc.on("update", capture);
    addBenchArgument(doc, `log-${i}`, `entry ${i} of the log`);
    doc.off("update", capture);
    await store.appendUpdate(boardId, Y.mergeUpdates(updates), null);
  }
  doc.destroy();
}

const times = new Map<string, number[]>();
/** CPU time of the process (not wall): less swayed by other processes on a shared machine. */
const cpuTimes = new Map<string, number[]>();
async function time<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  const list = times.get(label) ?? [];
  list.push(performance.now() - started);
  times.set(label, list);
  const cpuList = cpuTimes.get(label) ?? [];
  cpuList.push((used.user + used.system) / 1000);
  cpuTimes.set(label, cpuList);
  return result;
}

const roomOptions = { compactEvery: 1_000_000 };
for (let run = 0; run < RUNS + 1; run++) {
  const board = await time("store.getBoard", () => store.getBoard(boardId));
  await time("store.getSourceDocument", () => store.getSourceDocument(board!.sourceId));
  const state = await time("store.loadBoardState", () => store.loadBoardState(boardId));
  const doc = await time("docFromParts (Y.applyUpdate)", () => docFromParts(state.parts));
  if (state.parts.length > 1) {
    const merged = await time("  (Y.mergeUpdates of the parts)", () => Y.mergeUpdates(state.parts));
    const other = await time("  (apply the merged update)", () => docFromParts([merged]));
    other.destroy();
  }
  const step2 = await time("syncStep2 for a fresh client", () => syncStep2(doc));
  await time("syncStep1", () => syncStep1(doc));
  const client = new Y.Doc();
  const message = decodeSyncMessage(step2);
  if (!message || message.type === 0) throw new Error("Step 2 did not decode.");
  await time("client: apply Step 2", () => Y.applyUpdate(client, message.update));
  await time("client: its Step 2 back", () => syncStep2(client, Y.encodeStateVector(doc)));
  client.destroy();
  doc.destroy();
  const room = await time("BoardRoom.load (whole)", () => BoardRoom.load(boardId, store, roomOptions));
  const handshake = (room as unknown as { handshake: HandshakeCache }).handshake;
  await time("room: first fresh client's Step 2", () => handshake.step2(Y.encodeStateVector(new Y.Doc())));
  await room.destroy();
  if (run === 0) times.clear(), cpuTimes.clear(); // the first run warms the JIT and the connection pool
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(`${ARGUMENTS} arguments, ${LOG_ENTRIES} log entries, median of ${RUNS} runs (ms):`);
console.log(`  ${"step".padEnd(34)} ${"wall".padStart(8)} ${"CPU".padStart(8)}   wall of each run`);
for (const [label, list] of times) console.log(`  ${label.padEnd(34)} ${median(list).toFixed(1).padStart(8)} ${median(cpuTimes.get(label)!).toFixed(1).padStart(8)}   [${list.map((t) => t.toFixed(0)).join(", ")}]`);
await database.close();
