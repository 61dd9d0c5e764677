// `node --import tsx scripts/bench-join.ts`: the sync server's join path and memory (issue 11). Not a
// test: the figures vary with the machine. It starts `server/sync-main.ts` as a child process on a
// fresh PostgreSQL database (PARLEY_BENCH_ADMIN_URL, default postgres@127.0.0.1) and prints:
//
//   cold load     join → synced of a board with BENCH_ARGUMENTS arguments nobody has opened yet, and the
//                 server's own time to load its room (the "room … loaded in" log line)
//   50 clients    connect → synced p50 / p95 of BENCH_CLIENTS members joining one board at once, each
//                 with BENCH_BALLOTS_EACH ballots cast already (a lesson under way)
//   connections   BENCH_CONNECTIONS sockets joining (from BENCH_CLIENT_PROCESSES processes): time to
//                 connect all, and the server's resident memory (VmRSS) before and after
//
// "synced" is the moment the client holds the board: its join acknowledged and the server's Step 2 in.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { addArgument } from "../lib/board/operations";
import { makePositions } from "../lib/board/position";
import { EVENTS, PROTOCOL_VERSION, SYNC_NAMESPACE } from "../lib/protocol/protocol";
import { asBytes, decodeSyncMessage, syncStep1 } from "../lib/protocol/sync-messages";
import { demoPositionDrafts, loadDemoSource } from "../prisma/seed/demo-board";
import { createBoard } from "../server/boards/create-board";
import { joinBoard } from "../server/boards/join-board";
import { openDatabase } from "../server/persistence/connect";
import { PrismaBoardStore } from "../server/persistence/prisma-board-store";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 5_000);
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
const ARGUMENTS = Number(process.env.BENCH_ARGUMENTS ?? 10_000);
const BALLOTS_EACH = Number(process.env.BENCH_BALLOTS_EACH ?? 40);
const ADMIN_URL = process.env.PARLEY_BENCH_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Connects, joins, runs Step 1 and resolves once the server's Step 2 arrived: ms since the start. */
async function joinAndSync(url: string, boardId: string, memberToken?: string): Promise<{ socket: Socket; ms: number }> {
  const started = performance.now();
  const socket = io(`${url}${SYNC_NAMESPACE}`, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => (socket.once("connect", () => resolve()), socket.once("connect_error", reject)));
  const synced = new Promise<void>((resolve) => {
    const onSync = (payload: unknown) => {
      const bytes = asBytes(payload);
      if (bytes && decodeSyncMessage(bytes)?.type === 1) (socket.off(EVENTS.sync, onSync), resolve());
    };
    socket.on(EVENTS.sync, onSync);
  });
  const joined = socket.timeout(120_000).emitWithAck(EVENTS.join, { protocol: PROTOCOL_VERSION, boardId, ...(memberToken ? { memberToken } : {}) });
  socket.emit(EVENTS.sync, syncStep1(new Y.Doc())); // right behind the join, as the app's client does
  const ack = await joined;
  if (!ack.ok) throw new Error(`join refused: ${ack.code} ${ack.message}`);
  await synced;
  return { socket, ms: performance.now() - started };
}

// ── A client process of the connections phase: joins its share, reports, holds them until told ──
if (process.argv[2] === "--clients") {
  const [url, boardId, count] = [process.argv[3], process.argv[4], Number(process.argv[5])];
  const sockets: Socket[] = [];
  const BATCH = 50;
  for (let i = 0; i < count; i += BATCH) {
    const batch = await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, () => joinAndSync(url, boardId)));
    sockets.push(...batch.map((b) => b.socket));
  }
  process.send?.({ joined: sockets.length });
  process.on("message", () => {
    for (const socket of sockets) socket.disconnect();
    process.exit(0);
  });
} else {
  await main();
}

async function main(): Promise<void> {
  const dbName = `parley_bench_join_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${dbName}` }).toString();
  let server: ChildProcess | null = null;
  try {
    const database = await openDatabase({ databaseUrl: dbUrl, dataDir: "unused" });
    await database.migrate();
    const store = new PrismaBoardStore(database);
    const { sha256: _sha, ...source } = loadDemoSource();
    // A lesson under way: BALLOTS_EACH arguments, and every student has rated each of them.
    const classBoard = await createBoard(store, { title: "Class", source, positions: demoPositionDrafts(), accessMode: "managed", fill: (doc, text) => fillArguments(doc, text, BALLOTS_EACH) });
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const { member, memberToken } = await joinBoard(store, classBoard.id, { displayName: `Student ${i}`, joinCode: classBoard.joinCode });
      tokens.push(memberToken);
      await Promise.all(Array.from({ length: BALLOTS_EACH }, (_, a) => store.castVote(classBoard.id, { argumentId: `arg-${a}`, memberId: member.id, strength: 1 + (a % 5) })));
    }
    const crowdBoard = await createBoard(store, { title: "Crowd", source, positions: demoPositionDrafts() });
    const bigBoard = await createBoard(store, { title: "Big", source, positions: demoPositionDrafts(), fill: (doc, text) => fillArguments(doc, text, ARGUMENTS) });
    await database.close();

    const port = 40_000 + Math.floor(Math.random() * 20_000);
    server = spawn(process.execPath, ["--import", "tsx", "server/sync-main.ts"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: dbUrl,
        PARLEY_SEED_DEMO: "0",
        PARLEY_MAX_CONNECTIONS_PER_IP: String(CONNECTIONS * 2),
        PARLEY_MAX_CONNECTIONS_PER_BOARD: String(CONNECTIONS * 2),
        PARLEY_JOINS_PER_MINUTE_PER_IP: String(CONNECTIONS * 10),
        PARLEY_JOIN_DEADLINE_MS: "120000",
      },
    });
    const logged: string[] = [];
    server.stdout?.on("data", (chunk: Buffer) => logged.push(...chunk.toString("utf8").split("\n")));
    const url = `http://127.0.0.1:${port}`;
    await healthy(url);
    const rss = () => rssMb(server!.pid!);
    console.log(`server up: RSS ${rss()} MB`);

    const cold = await joinAndSync(url, bigBoard.id);
    cold.socket.disconnect();
    const load = logged.find((line) => line.startsWith(`room ${bigBoard.id} loaded in `))?.split(" ").at(-2);
    console.log(`cold load, ${ARGUMENTS} arguments, join → synced: ${cold.ms.toFixed(0)} ms (room load on the server: ${load ?? "not logged"} ms)`);

    const joins = await Promise.all(tokens.map((token) => joinAndSync(url, classBoard.id, token)));
    const times = joins.map((j) => j.ms).sort((a, b) => a - b);
    console.log(`${CLIENTS} clients connect → synced: p50 ${percentile(times, 0.5)} ms, p95 ${percentile(times, 0.95)} ms`);
    for (const j of joins) j.socket.disconnect();

    const before = rss();
    const started = performance.now();
    const share = Math.ceil(CONNECTIONS / CLIENT_PROCESSES);
    const clients = Array.from({ length: CLIENT_PROCESSES }, (_, i) =>
      fork(fileURLToPath(import.meta.url), ["--clients", url, crowdBoard.id, String(Math.min(share, CONNECTIONS - i * share))], { execArgv: ["--import", "tsx"] }),
    );
    const joined = await Promise.all(clients.map((c) => new Promise<number>((resolve, reject) => (c.once("message", (m: { joined: number }) => resolve(m.joined)), c.once("exit", reject)))));
    const total = joined.reduce((a, b) => a + b, 0);
    console.log(`${total} connections: all connected and synced in ${((performance.now() - started) / 1000).toFixed(1)} s; server RSS ${before} → ${rss()} MB`);
    for (const c of clients) c.send("bye");
  } finally {
    server?.kill("SIGTERM");
    await new Promise((resolve) => (server ? server.once("exit", resolve) : resolve(null)));
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

function fillArguments(doc: Y.Doc, text: string, count: number): void {
  const positions = makePositions(demoPositionDrafts());
  for (let i = 0; i < count; i++) {
    const added = addArgument(doc, text, { parentId: positions[i % positions.length].id, stance: "for", text: `Argument number ${i}.`, quotes: [], author: { id: `user-${i % 30}`, name: `Student ${i % 30}` } }, { now: 1_000 + i, id: `arg-${i}` });
    if (!added.ok) throw new Error(added.error.message);
  }
}

async function healthy(url: string): Promise<void> {
  for (let i = 0; i < 1_200; i++) {
    const status = await fetch(`${url}/api/health`).then((r) => r.status, () => null);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the sync server did not become healthy");
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

function percentile(sorted: number[], p: number): string {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(0);
}

