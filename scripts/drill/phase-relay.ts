/**
 * Phase (d): scale-out with a lossy relay. Two sync processes share the database and a Redis stream of
 * their own; one loses a share of the updates relayed to it (scripts/drill/lossy-sync-main.ts), and
 * members alternate between the two. Each lost update must be repaired from the log, and every member
 * must end with what the database holds.
 */
import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { REDIS_URL, requireRedis } from "../../tests/integration/support/redis";
import type { DrillContext, PhaseFigures } from "./context";
import { Crew } from "./crew";
import type { DrillSize } from "./size";
import { ChildServer } from "../../tests/integration/support/child-server";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ENTRY = "scripts/drill/lossy-sync-main.ts";

export async function lossyRelay(ctx: DrillContext, size: DrillSize, seed: number): Promise<PhaseFigures> {
  await requireRedis();
  const stream = `parley:drill-relay:${randomUUID()}`;
  const env = (loss: number) => ({ REDIS_URL, DRILL_RELAY_STREAM: stream, DRILL_RELAY_LOSS: String(loss), PARLEY_RELAY_CHECK_MS: "2000" });
  // A large compaction threshold: this phase is about the relay, and compaction was phase (a)'s.
  const common = { databaseUrl: ctx.db.url, dataDir: ctx.dataDir, compactEvery: 200, entry: ENTRY };
  const first = await ChildServer.create({ nodeEnv: "production", ...common, env: env(0) });
  const second = await ChildServer.create({ nodeEnv: "production", ...common, env: env(size.relayLoss) });
  const boardId = await ctx.newBoard("Drill: lossy relay");
  const crew = await Crew.join({ store: ctx.store, boardId, urls: [first.url, second.url], fuzzers: size.fuzzers, witnesses: size.witnesses, seed });
  try {
    await Promise.all([first.start(), second.start()]);
    crew.connectAll();
    await crew.joined();
    crew.start();
    const started = Date.now();
    await sleep(size.relayMs / 2);
    // Halfway, Redis drops both processes' relay readers: each must reconnect and resume where it stopped.
    const killedReaders = await killRelayReaders(stream);
    await sleep(size.relayMs / 2);
    await crew.stop();
    const stopped = Date.now();
    const end = await crew.settle(() => ctx.stored(boardId));
    return {
      phase: "d: two processes on Redis, lossy relay",
      converged: end.converged,
      mustBeZero: { lostAcked: end.lost.length, divergedClients: end.diverged.length },
      figures: {
        loadMs: stopped - started,
        relayLoss: size.relayLoss,
        droppedRelayed: second.dropped,
        killedRelayReaders: killedReaders,
        gapRepairs: second.gapRepairs,
        convergedMsAfterLoad: end.settleMs,
        witnessErrors: crew.witnesses.map((w) => [...new Set(w.errors)].join("+") || "none").join(","),
        ackedAdds: crew.ledger.ackedAdds.size,
        ackedFrames: crew.acked(),
        onBoard: end.onBoard,
        ledger: crew.ledger.summary(),
      },
      notes: [...end.diverged.map((d) => `diverged: ${d}`), ...end.lost.map((id) => `lost: ${id}`)],
    };
  } finally {
    await crew.stop();
    crew.close();
    await Promise.all([first.kill(), second.kill()]);
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del(stream);
    await redis.close();
  }
}

/** Closes, from Redis's side, every relay reader connection of this stream; returns how many. */
async function killRelayReaders(stream: string): Promise<number> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  try {
    const readers = (await redis.clientList()).filter((client) => client.name === `parley-relay-reader@${stream}`);
    for (const reader of readers) await redis.clientKill({ filter: "ID", id: Number(reader.id) });
    return readers.length;
  } finally {
    await redis.close();
  }
}
