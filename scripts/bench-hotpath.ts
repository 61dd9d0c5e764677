// `node --expose-gc --import tsx scripts/bench-hotpath.ts`: the sync server's hot path, as a quick dev tool
// (the side-by-side harness lives in bench/). Not a test: numbers vary with the machine.
//
//   open loop      N socket.io clients on one board, BENCH_SENDERS of them adding arguments at R edits/s
//                  in total (open loop: sends are not paced by acks); prints ack p50/p95 (ack = after
//                  the commit, so also the bound on "visible in PostgreSQL") and fan-out p50/p99 (send →
//                  a listener holds the edit)
//   memory         heap and RSS per loaded 1,000-argument board (rooms loaded, nobody editing)
//   cold load      loading a 10,000-argument board into a room
//
// Needs PostgreSQL (PARLEY_BENCH_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres): it
// creates a throwaway database and drops it afterwards. The server runs in a child process
// (`--serve`), so clients and server do not share one event loop; it also reports the server's CPU time
// per edit, which holds up on a busy machine where latencies do not. BENCH_SECONDS, BENCH_SENDERS,
// BENCH_RUNS ("clients x rate,…") tune it; BENCH_SERVER_PROFILE=<dir> writes the server's CPU profile.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { createAnchor } from "../lib/anchoring/anchor";
import { readPositions } from "../lib/board/doc";
import { addArgument } from "../lib/board/operations";
import { EVENTS, PROTOCOL_VERSION, SYNC_NAMESPACE, type JoinAck } from "../lib/protocol/protocol";
import { asBytes, decodeSyncMessage, syncStep1, syncUpdate } from "../lib/protocol/sync-messages";
import { demoPositionDrafts, loadDemoSource } from "../prisma/seed/demo-board";
import { createBoard } from "../server/boards/create-board";
import { loadConfig } from "../server/config";
import { startParley } from "../server/parley";
import { PrismaBoardStore } from "../server/persistence/prisma-board-store";
import { openDatabase } from "../server/persistence/connect";
import { RoomManager } from "../server/sync/room-manager";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 10);
const RUNS = (process.env.BENCH_RUNS ?? "50x100,100x100,100x150,100x200")
  .split(",")
  .filter(Boolean)
  .map((run) => run.split("x").map(Number) as [number, number]);
const ADMIN_URL = process.env.PARLEY_BENCH_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const source = loadDemoSource();
const { sha256: _sha, ...sourceDraft } = source;

const percentile = (values: number[], p: number) => (values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] : NaN);
const ms = (n: number) => `${n.toFixed(1)} ms`;
const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));

function serverEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    PARLEY_SEED_DEMO: "false",
    PARLEY_SYNC_PER_WINDOW: "1000000",
    PARLEY_JOINS_PER_MINUTE_PER_IP: "100000",
    PARLEY_MAX_CONNECTIONS_PER_IP: "100000",
    PARLEY_MAX_CONNECTIONS_PER_BOARD: "100000",
    PARLEY_RELAY_CHECK_MS: "0",
  };
}

/** The child: a sync server that reports its URL and runs until told to stop. */
async function serve(): Promise<void> {
  const config = loadConfig(serverEnv(process.env.DATABASE_URL ?? ""));
  const parley = await startParley({ config, mode: "sync", log: () => undefined });
  await parley.ready;
  process.send?.({ url: parley.url });
  process.on("message", async (message) => {
    if (message === "cpu") return void process.send?.({ cpu: process.cpuUsage() });
    await parley.close();
    process.exit(0);
  });
}

function add(doc: Y.Doc, text: string): void {
  const anchor = createAnchor(source.text, 0, 20);
  if (!anchor.ok) throw new Error(anchor.message);
  const position = readPositions(doc)[0];
  const added = addArgument(doc, source.text, { parentId: position.id, stance: "for", text, quotes: [anchor.anchor], author: { id: "bench", name: "Bench" } });
  if (!added.ok) throw new Error(added.error.message);
}

interface Edit {
  clockEnd: number;
  sentAt: number;
}

/** A joined socket; `doc` holds the board as loaded (senders build their edits on it). */
async function joinedClient(url: string, boardId: string) {
  const socket: Socket = io(`${url}${SYNC_NAMESPACE}`, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const ack = (await socket.timeout(30_000).emitWithAck(EVENTS.join, { protocol: PROTOCOL_VERSION, boardId })) as JoinAck;
  if (!ack.ok) throw new Error(`join failed: ${ack.code}`);
  const doc = new Y.Doc();
  const loaded = new Promise<void>((resolve) => {
    const onFrame = (payload: unknown) => {
      const message = decodeSyncMessage(asBytes(payload) ?? new Uint8Array());
      if (message?.type !== 1) return;
      Y.applyUpdate(doc, message.update);
      socket.off(EVENTS.sync, onFrame);
      resolve();
    };
    socket.on(EVENTS.sync, onFrame);
  });
  socket.emit(EVENTS.sync, syncStep1(doc));
  await loaded;
  return { socket, doc };
}

/** The server's CPU time so far (user + system), in ms: a figure that holds up on a busy machine. */
function serverCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      const cpu = (message as { cpu?: NodeJS.CpuUsage }).cpu;
      if (!cpu) return;
      child.off("message", onMessage);
      resolve((cpu.user + cpu.system) / 1000);
    };
    child.on("message", onMessage);
    child.send("cpu");
  });
}

/** One open-loop run: `clients` listeners, SENDERS senders, `rate` edits per second in total. */
async function openLoop(url: string, boardId: string, clients: number, rate: number, cpuMs: () => Promise<number>) {
  const senders = await Promise.all(Array.from({ length: SENDERS }, () => joinedClient(url, boardId)));
  const listeners = await Promise.all(Array.from({ length: clients }, () => joinedClient(url, boardId)));
  const edits = new Map<number, Edit[]>(senders.map((s) => [s.doc.clientID, []]));
  const fanOut: number[] = [];
  const acks: number[] = [];
  let failures = 0;
  let frames = 0;
  for (const listener of listeners) {
    const seen = new Map<number, number>();
    listener.socket.on(EVENTS.sync, (payload: unknown) => {
      const now = performance.now();
      const message = decodeSyncMessage(asBytes(payload) ?? new Uint8Array());
      if (!message || message.type === 0) return;
      frames++;
      for (const [client, clock] of Y.parseUpdateMeta(message.update).to) {
        const list = edits.get(client);
        if (!list) continue;
        let index = seen.get(client) ?? 0;
        while (index < list.length && list[index].clockEnd <= clock) fanOut.push(now - list[index++].sentAt);
        seen.set(client, index);
      }
    });
  }
  const total = Math.round(rate * SECONDS);
  // Every edit is made before the clock starts: the client process only sends while it is timed.
  const prepared = Array.from({ length: total }, (_, i) => {
    const sender = senders[i % senders.length];
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    sender.doc.on("update", capture);
    add(sender.doc, `Bench edit ${i}`);
    sender.doc.off("update", capture);
    if (!update) throw new Error("the edit produced no update");
    return { sender, frame: syncUpdate(update), clockEnd: Y.parseUpdateMeta(update).to.get(sender.doc.clientID) ?? 0 };
  });
  const cpuBefore = await cpuMs();
  const started = performance.now();
  let sent = 0;
  const pending: Promise<void>[] = [];
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const { sender, frame, clockEnd } = prepared[sent];
      const sentAt = performance.now();
      edits.get(sender.doc.clientID)!.push({ clockEnd, sentAt });
      pending.push(
        (sender.socket.timeout(60_000).emitWithAck(EVENTS.sync, frame) as Promise<{ ok: boolean }>).then(
          (ack) => (ack.ok ? void acks.push(performance.now() - sentAt) : void failures++),
          () => void failures++,
        ),
      );
    }
    await sleep(1);
  }
  await Promise.all(pending);
  const expected = total * clients;
  const deadline = Date.now() + 30_000;
  while (fanOut.length < expected && Date.now() < deadline) await sleep(10);
  const serverCpu = (await cpuMs()) - cpuBefore;
  for (const client of [...senders, ...listeners]) client.socket.close();
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `${clients} clients × ${rate} edits/s (${total} edits in ${elapsed.toFixed(1)} s): ` +
      `ack p50 ${ms(percentile(acks, 50))} p95 ${ms(percentile(acks, 95))} p99 ${ms(percentile(acks, 99))}; ` +
      `fan-out p50 ${ms(percentile(fanOut, 50))} p99 ${ms(percentile(fanOut, 99))}; ` +
      `${fanOut.length}/${expected} deliveries, ${frames} frames, ${failures} failed acks; ` +
      `server CPU ${(serverCpu / total).toFixed(2)} ms per edit`,
  );
}

/** A board with `count` arguments, stored as its initial update plus one big update. */
async function bigBoard(store: PrismaBoardStore, count: number): Promise<string> {
  const board = await createBoard(store, { title: `Bench ${count}`, source: sourceDraft, positions: demoPositionDrafts() });
  const doc = new Y.Doc();
  for (const part of (await store.loadBoardState(board.id)).parts) Y.applyUpdate(doc, part);
  const before = Y.encodeStateVector(doc);
  for (let i = 0; i < count; i++) add(doc, `Argument number ${i} of a large board, with a sentence or two of text to make it realistic.`);
  await store.appendUpdate(board.id, Y.encodeStateAsUpdate(doc, before));
  return board.id;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error("Run with node --expose-gc.");
  collect();
  collect();
}

async function memoryAndColdLoad(databaseUrl: string): Promise<void> {
  const database = await openDatabase({ databaseUrl, dataDir: "" });
  const store = new PrismaBoardStore(database);
  const boards = 10;
  const ids: string[] = [];
  for (let i = 0; i < boards; i++) ids.push(await bigBoard(store, 1_000));
  const large = await bigBoard(store, 10_000);
  const rooms = new RoomManager(store, { compactEvery: 1_000_000, idleUnloadMs: 600_000, fold: (parts) => Y.mergeUpdates(parts) });
  await rooms.acquire(ids[0]); // warm up the code paths
  gc();
  const heap = process.memoryUsage().heapUsed;
  const rss = process.memoryUsage().rss;
  const loaded = [];
  for (const id of ids.slice(1)) loaded.push(await rooms.acquire(id));
  gc();
  const per = (bytes: number) => `${(bytes / (boards - 1) / 1e6).toFixed(2)} MB`;
  console.log(`memory per loaded 1,000-argument board: heap ${per(process.memoryUsage().heapUsed - heap)}, RSS ${per(process.memoryUsage().rss - rss)}`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await rooms.acquire(large);
  const used = process.cpuUsage(cpu);
  console.log(`cold load of a 10,000-argument board: ${ms(performance.now() - started)} (CPU ${ms((used.user + used.system) / 1000)})`);
  // Unloaded without the final compaction closeAll would run: not what is measured here.
  for (const room of [...loaded, await rooms.acquire(ids[0]), await rooms.acquire(large)]) await room.destroy();
  await rooms.folder.close();
  await store.close();
}

async function main(): Promise<void> {
  const name = `parley_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let child: ChildProcess | null = null;
  try {
    child = fork(new URL(import.meta.url).pathname, ["--serve"], { env: serverEnv(databaseUrl), execArgv: ["--import", "tsx", ...(process.env.BENCH_SERVER_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : [])] });
    const serverUrl = await new Promise<string>((resolve, reject) => {
      child!.once("message", (message) => resolve((message as { url: string }).url));
      child!.once("exit", (code) => reject(new Error(`the server exited (${code})`)));
    });
    const store = new PrismaBoardStore(await openDatabase({ databaseUrl, dataDir: "" }));
    for (const [clients, rate] of RUNS) {
      const board = await createBoard(store, { title: "Hot path bench", source: sourceDraft, positions: demoPositionDrafts() });
      await openLoop(serverUrl, board.id, clients, rate, () => serverCpuMs(child!));
    }
    await store.close();
    child.send("stop");
    await new Promise((resolve) => child!.once("exit", resolve));
    child = null;
    await memoryAndColdLoad(databaseUrl);
  } finally {
    child?.kill();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.end();
  }
}

if (process.argv.includes("--serve")) await serve();
else await main();
