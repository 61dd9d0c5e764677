/**
 * Ack and durability at a steady rate: the sender's ack (what it means differs per kind: see
 * ACK_MEANING) and when the edit can first be read back from PostgreSQL (pg-watch.ts).
 */
import { percentile } from "../stats";
import { PgWatcher } from "../pg-watch";
import { driveEdits, openBoard } from "./drive-edits";
import type { Figures, RoundContext } from "./round-context";

/** Hocuspocus stores at most 10 s after a change (maxDebounce); a little more for the write itself. */
const STORED_WITHIN_MS = 15_000;

export async function durable(ctx: RoundContext): Promise<Figures> {
  const load = ctx.profile.durable;
  const board = await openBoard(ctx, "durable", load.clients);
  const phase = ctx.nextPhase();
  const watcher = new PgWatcher(ctx.kind, ctx.databaseUrl, board.boardId, `bm${phase}-`);
  const result = await driveEdits(ctx, { clients: board.clients, senders: load.senders, rate: load.rate, durationMs: load.durationMs, phase });
  const storesNothing = ctx.kind === "relay";
  const deadline = Date.now() + STORED_WITHIN_MS;
  while (!storesNothing && watcher.seen.size < result.sent.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await watcher.stop();
  await ctx.pool.closeClients();
  const visible = result.sent.filter((e) => watcher.seen.has(e.marker)).map((e) => watcher.seen.get(e.marker)! - e.at);
  const stored = storesNothing ? "nothing stored" : `${visible.length}/${result.sent.length} seen in PostgreSQL, p95 ${percentile(visible, 95)?.toFixed(1)} ms (polled every 5 ms)`;
  ctx.log(`durable: ack p95 ${result.ackP95?.toFixed(1)} ms; ${stored}`);
  return {
    [`ack p95 ms at ${load.rate} edits/s`]: result.ackP95,
    [`visible in PostgreSQL p95 ms at ${load.rate} edits/s`]: storesNothing ? null : percentile(visible, 95),
    [`not in PostgreSQL ${STORED_WITHIN_MS / 1000} s after the run`]: storesNothing ? null : result.sent.length - visible.length,
  };
}
