// `node --import tsx scripts/bench-cold-load.ts [--arguments=10000] [--log-entries=0] [--runs=5]`:
// where a cold board load spends its time, step by step, in this process (no sockets). Not a test.
// Seeds one board in a fresh PostgreSQL database (`parley_bench_cold_steps` unless --database=…), then,
// `--runs` times over: the store's reads, building the document, the first Step 2 and the whole
// BoardRoom.load, and a client applying that Step 2. Prints the median of each step in ms.
// Then the server-side figure of a cold join: from the join to the Step 2 frame handed to the
// connection, for a fresh joiner answered from the stored bytes while the document is built, and for
// the same joiner answered only once it is built (what every joiner waited for until 30 November 2026).
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
import { SYNC_STEP_2, decodeSyncMessage, encodeSyncMessage, syncStep1, syncStep2 } from "../lib/protocol/sync-messages";
import type { Connection } from "../server/sync/connection";

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
  const base64 = Buffer.from(state.parts[0]).toString("base64");
  await time("  (decode the stored base64)", () => Buffer.from(base64, "base64"));
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
  await time("frame stored bytes as a Step 2", () => encodeSyncMessage({ type: SYNC_STEP_2, update: state.parts[0] }));
  for (const early of run % 2 ? [true, false] : [false, true]) await coldJoin(early);
  if (run === 0) times.clear(), cpuTimes.clear(); // the first run warms the JIT and the connection pool
}

/**
 * One cold join, as the sync adapter runs it (minus Socket.io and the member look-up): the room is
 * opened (the board read), the connection joins, its fresh Step 1 is handled. `early`: as the server
 * does now, answered while the document is still to be built; otherwise only once it is built (the
 * order before). The clock stops when the Step 2 frame is handed to the connection.
 */
async function coldJoin(early: boolean): Promise<void> {
  const label = early ? "cold join, answered early" : "cold join, answered once built";
  let step2At = 0;
  const connection: Connection = {
    id: "bench",
    actor: { memberId: null, role: "participant" },
    sendSync: (frame) => {
      if (!step2At && decodeSyncMessage(frame)?.type === SYNC_STEP_2) step2At = performance.now();
    },
    sendAwareness: () => {},
    sendError: () => {},
    sendEvent: () => {},
    close: () => {},
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const room = await BoardRoom.open(boardId, store, roomOptions);
  const readAt = performance.now();
  if (!early) await room.built;
  room.join(connection);
  await room.handleSync(connection, syncStep1(new Y.Doc()));
  const step2Cpu = process.cpuUsage(cpu);
  await room.built;
  const builtAt = performance.now();
  const builtCpu = process.cpuUsage(cpu);
  const record = (name: string, ms: number, cpuMs?: number) => {
    times.set(name, [...(times.get(name) ?? []), ms]);
    cpuTimes.set(name, [...(cpuTimes.get(name) ?? []), cpuMs ?? Number.NaN]);
  };
  record(`${label}: board read`, readAt - started);
  record(`${label}: join → Step 2 handed`, step2At - started, (step2Cpu.user + step2Cpu.system) / 1000);
  record(`${label}: join → document built`, builtAt - started, (builtCpu.user + builtCpu.system) / 1000);
  await room.destroy();
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(`${ARGUMENTS} arguments, ${LOG_ENTRIES} log entries, median of ${RUNS} runs (ms):`);
console.log(`  ${"step".padEnd(56)} ${"wall".padStart(8)} ${"CPU".padStart(8)}   wall of each run`);
for (const [label, list] of times) console.log(`  ${label.padEnd(56)} ${median(list).toFixed(1).padStart(8)} ${median(cpuTimes.get(label)!).toFixed(1).padStart(8)}   [${list.map((t) => t.toFixed(0)).join(", ")}]`);
await database.close();
