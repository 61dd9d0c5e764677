// `node --import tsx scripts/bench-flood.ts`: what an awareness flood does to everyone else on the board.
// Not a test: numbers vary with the machine. Issue 8 measured, before flood control, a normal client's
// round trip going from 63 ms to 6.2 s under 4 sockets × 2,500 awareness frames.
//
//   round trip   a well-behaved client's sync Step 1 → acknowledged, before and during the flood
//   relayed      how many of the flood's frames reached the well-behaved client
//   flooders     how many flooding sockets the server disconnected
//
// Uses DATABASE_URL when set, else an embedded PGlite in a temporary folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { EVENTS, PROTOCOL_VERSION, SYNC_NAMESPACE } from "../lib/protocol/protocol";
import { syncStep1 } from "../lib/protocol/sync-messages";
import { loadConfig } from "../server/config";
import { startParley } from "../server/parley";
import { encodeAwarenessEntries } from "../server/sync/presence";

const FLOODERS = Number(process.env.BENCH_FLOODERS ?? 4);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 2_500);
const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-flood-"));

async function joined(url: string): Promise<Socket> {
  const socket = io(`${url}${SYNC_NAMESPACE}`, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => (socket.once("connect", () => resolve()), socket.once("connect_error", reject)));
  const ack = await socket.timeout(10_000).emitWithAck(EVENTS.join, { protocol: PROTOCOL_VERSION, boardId: "demo" });
  if (!ack.ok) throw new Error(`join refused: ${ack.code}`);
  return socket;
}

async function roundTrips(socket: Socket, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await socket.timeout(30_000).emitWithAck(EVENTS.sync, syncStep1(new Y.Doc()));
    times.push(performance.now() - started);
  }
  return times;
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
};

const env = { ...process.env, PORT: "0", HOST: "127.0.0.1", PARLEY_DATA_DIR: dataDir };
const parley = await startParley({ config: loadConfig(env), mode: "sync", log: () => {} });
try {
  const honest = await joined(parley.url);
  let relayed = 0;
  honest.on(EVENTS.awareness, () => relayed++);
  console.log(`round trip, quiet board:  ${summary(await roundTrips(honest, 30))}`);

  const flooders = await Promise.all(Array.from({ length: FLOODERS }, () => joined(parley.url)));
  let disconnected = 0;
  for (const socket of flooders) socket.on("disconnect", () => disconnected++);
  flooders.forEach((socket, n) => {
    for (let i = 0; i < FRAMES; i++) {
      const state = { user: { id: `flood-${n}`, name: "Flood", color: "#112233" }, editing: `arg-${i}` };
      socket.emit(EVENTS.awareness, encodeAwarenessEntries([{ clientId: 50_000 + n, clock: i + 1, state }]));
    }
  });
  console.log(`round trip, during flood: ${summary(await roundTrips(honest, 30))}  (${FLOODERS} sockets × ${FRAMES} awareness frames)`);
  console.log(`flood frames relayed to the honest client: ${relayed} of ${FLOODERS * FRAMES}; flooders disconnected: ${disconnected} of ${FLOODERS}`);
  for (const socket of [honest, ...flooders]) socket.disconnect();
} finally {
  await parley.close();
  rmSync(dataDir, { recursive: true, force: true });
}
