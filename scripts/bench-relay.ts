// `node --import tsx scripts/bench-relay.ts`: scale-out relay figures. Not a test: numbers vary with the machine.
//
//   relay latency     a client on server A adds; time until a client on server B sees it
//   concurrent burst  clients on both servers add as fast as their acks allow; gap reads caused by
//                     the two processes' updates reaching the stream out of seq order
//   lossy relay       server B loses BENCH_LOSS of the updates relayed to it; its gap reads and
//                     how long after the last ack every client has converged
//
// Needs DATABASE_URL (PostgreSQL: two processes share it) and REDIS_URL.
import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { createAnchor } from "../lib/anchoring/anchor";
import { readArguments, readPositions } from "../lib/board/doc";
import { addArgument } from "../lib/board/operations";
import { demoPositionDrafts, loadDemoSource } from "../prisma/seed/demo-board";
import { BoardClient } from "../components/sync/board-client";
import { createBoard } from "../server/boards/create-board";
import { loadConfig } from "../server/config";
import { startParley, type RunningParley } from "../server/parley";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const LOSS = Number(process.env.BENCH_LOSS ?? 0.1);
if (!process.env.DATABASE_URL || !process.env.REDIS_URL) throw new Error("bench-relay needs DATABASE_URL (PostgreSQL) and REDIS_URL.");

const stream = `parley:bench-relay:${randomUUID()}`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** A sync server on the shared database and this run's relay stream, counting its gap reads. */
async function server(dropIncoming?: () => boolean) {
  const lines: string[] = [];
  const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", PARLEY_SEED_DEMO: "false", PARLEY_COMPACT_EVERY: "100000" });
  const parley = await startParley({ config, mode: "sync", log: (line) => lines.push(line), relay: { stream, dropIncoming } });
  return { parley, gapReads: () => lines.filter((l) => l.startsWith("relay gap") || l.startsWith("relay check")).length, reset: () => (lines.length = 0) };
}

async function clientsOn(a: RunningParley, b: RunningParley, boardId: string) {
  const [ca, cb] = [new BoardClient(boardId, { url: a.url }), new BoardClient(boardId, { url: b.url })];
  await waitFor(() => ca.status === "live" && cb.status === "live");
  return [ca, cb] as const;
}

function add(client: BoardClient, sourceText: string, text: string): string {
  const anchor = createAnchor(sourceText, 0, 20);
  if (!anchor.ok) throw new Error(anchor.message);
  const position = readPositions(client.doc)[0];
  const added = addArgument(client.doc, sourceText, { parentId: position.id, stance: "for", text, quotes: [anchor.anchor], author: { id: "bench", name: "Bench" } });
  if (!added.ok) throw new Error(added.error.message);
  return added.value.id;
}

const source = loadDemoSource();
const { sha256: _sha, ...sourceDraft } = source;
let dropping = false;
const A = await server();
const B = await server(() => dropping && Math.random() < LOSS);
try {
  const store = A.parley.context.store;
  const newBoard = async () => (await createBoard(store, { title: "Relay bench", source: sourceDraft, positions: demoPositionDrafts() })).id;

  // 1. Latency of one relayed hop.
  const [a1, b1] = await clientsOn(A.parley, B.parley, await newBoard());
  const latencies: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const id = add(a1, source.text, `Latency ${i}`);
    await waitFor(() => b1.doc.getMap("arguments").has(id));
    latencies.push(performance.now() - started);
  }
  console.log(`relay latency A→B over ${ROUNDS} adds: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}`);

  // 2. Both servers write at once: how often does the stream's order differ from seq order?
  const [a2, b2] = await clientsOn(A.parley, B.parley, await newBoard());
  A.reset();
  B.reset();
  for (let i = 0; i < ROUNDS; i++) (add(a2, source.text, `A ${i}`), add(b2, source.text, `B ${i}`));
  await waitFor(() => a2.pending === 0 && b2.pending === 0);
  await waitFor(() => readArguments(a2.doc).length === 2 * ROUNDS && readArguments(b2.doc).length === 2 * ROUNDS);
  console.log(`concurrent burst, ${2 * ROUNDS} adds over two servers: gap reads A ${A.gapReads()}, B ${B.gapReads()}`);

  // 3. Server B loses a share of what is relayed to it.
  const [a3, b3] = await clientsOn(A.parley, B.parley, await newBoard());
  B.reset();
  dropping = true;
  for (let i = 0; i < ROUNDS; i++) {
    add(a3, source.text, `Lossy ${i}`);
    await waitFor(() => a3.pending === 0);
  }
  const acked = performance.now();
  await waitFor(() => readArguments(b3.doc).length === ROUNDS);
  dropping = false;
  console.log(
    `lossy relay (${Math.round(LOSS * 100)}% of updates to B lost), ${ROUNDS} adds: B made ${B.gapReads()} store reads; ` +
      `B's client converged ${ms(performance.now() - acked)} after the last ack (check interval ${loadConfig(process.env).PARLEY_RELAY_CHECK_MS} ms)`,
  );
  for (const c of [a1, b1, a2, b2, a3, b3]) c.destroy();
} finally {
  await B.parley.close();
  await A.parley.close();
  const redis = createClient({ url: process.env.REDIS_URL });
  await redis.connect();
  await redis.del(stream);
  await redis.close();
}
