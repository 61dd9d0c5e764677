// `node --import tsx scripts/bench-votes.ts`: a class voting at once. Not a test: numbers vary with the
// machine. Issue 8 measured, before this change, 300 concurrent votes leaving 31–238 of them refused
// with storage-unavailable (the database pool ran dry) and one full tally per click.
//
//   acks        how the votes were answered (ok / storage-unavailable / rate-limited …) and how long it took
//   tallies     how many `votes` views the facilitator received for all those votes
//
// Uses DATABASE_URL when set (use PostgreSQL for a meaningful figure), else an embedded PGlite.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { addArgument } from "../lib/board/operations";
import { readArguments, readPositions } from "../lib/board/doc";
import { createAnchor } from "../lib/anchoring/anchor";
import { EVENTS, PROTOCOL_VERSION, SYNC_NAMESPACE, type CommandAck } from "../lib/protocol/protocol";
import { syncUpdate } from "../lib/protocol/sync-messages";
import { demoPositionDrafts, loadDemoSource } from "../prisma/seed/demo-board";
import { createBoard } from "../server/boards/create-board";
import { joinBoard } from "../server/boards/join-board";
import { loadConfig } from "../server/config";
import { startParley } from "../server/parley";

const VOTERS = Number(process.env.BENCH_VOTERS ?? 30);
const VOTES_EACH = Number(process.env.BENCH_VOTES_EACH ?? 10);
const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-votes-"));

async function member(url: string, boardId: string, memberToken: string): Promise<Socket> {
  const socket = io(`${url}${SYNC_NAMESPACE}`, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => (socket.once("connect", () => resolve()), socket.once("connect_error", reject)));
  const ack = await socket.timeout(10_000).emitWithAck(EVENTS.join, { protocol: PROTOCOL_VERSION, boardId, memberToken });
  if (!ack.ok) throw new Error(`join refused: ${ack.code}`);
  return socket;
}

const env = { ...process.env, PORT: "0", HOST: "127.0.0.1", PARLEY_DATA_DIR: dataDir, PARLEY_SEED_DEMO: "0" };
const parley = await startParley({ config: loadConfig(env), mode: "sync", log: () => {} });
try {
  const { store } = parley.context;
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(store, { title: "Vote bench", source, positions: demoPositionDrafts(), accessMode: "open" });
  const seat = (name: string) => joinBoard(store, board.id, { displayName: name });

  // Arguments to vote on, written straight into the room's document by one member.
  const author = await seat("Writer");
  const writer = await member(parley.url, board.id, author.memberToken);
  const room = await parley.context.rooms.acquire(board.id);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const anchor = createAnchor(source.text, 0, 20);
  if (!anchor.ok) throw new Error(anchor.message);
  for (let i = 0; i < VOTES_EACH; i++) {
    const updates: Uint8Array[] = [];
    doc.once("update", (u: Uint8Array) => updates.push(u));
    addArgument(doc, source.text, { parentId: readPositions(doc)[0].id, stance: "for", text: `Argument ${i}`, quotes: [anchor.anchor], author: { id: author.member.id, name: "Writer" } });
    const ack = await writer.timeout(10_000).emitWithAck(EVENTS.sync, syncUpdate(updates[0]));
    if (!ack.ok) throw new Error(`argument refused: ${ack.message}`);
  }
  const targets = readArguments(doc).map((a) => a.id);

  const voters = await Promise.all(Array.from({ length: VOTERS }, async (_, i) => member(parley.url, board.id, (await seat(`Voter ${i}`)).memberToken)));
  let tallies = 0;
  voters[0].on(EVENTS.votes, () => tallies++);
  const started = performance.now();
  const acks: CommandAck[] = await Promise.all(
    voters.flatMap((socket, v) => targets.map((argumentId, i) => socket.timeout(60_000).emitWithAck(EVENTS.command, { type: "vote", argumentId, strength: ((v + i) % 5) + 1 }))),
  );
  const elapsed = performance.now() - started;
  const outcome = new Map<string, number>();
  for (const ack of acks) outcome.set(ack.ok ? "ok" : ack.code, (outcome.get(ack.ok ? "ok" : ack.code) ?? 0) + 1);
  await new Promise((r) => setTimeout(r, 1_000)); // let the last coalesced tally arrive before counting
  console.log(`${acks.length} concurrent votes from ${VOTERS} members: ${[...outcome].map(([k, n]) => `${n} ${k}`).join(", ")} in ${elapsed.toFixed(0)} ms`);
  console.log(`votes rows stored: ${(await store.listVotes(board.id)).length}; votes views one member received: ${tallies}`);
  for (const socket of [writer, ...voters]) socket.disconnect();
} finally {
  await parley.close();
  rmSync(dataDir, { recursive: true, force: true });
}
