/**
 * The core of every latency scenario: clients already on one board, some of them sending the
 * benchmark's edit on an open-loop schedule; then wait until every other client has every edit (or
 * nothing more arrives for `settleMs`). Latencies run from the intended send time.
 */
import { markerId } from "../board-content";
import type { PlannedEdit } from "../loadgen/loadgen-pool";
import { nowEpoch, percentile } from "../stats";
import type { RoundContext } from "./round-context";

export interface DriveOptions {
  /** Global client indexes on the board, in order; the first `senders` send. */
  clients: number[];
  senders: number;
  rate: number;
  durationMs: number;
  /** The phase to send in, when the caller needs its markers beforehand (the PostgreSQL watcher); else a new one. */
  phase?: number;
}

export interface DriveResult {
  phase: number;
  sent: PlannedEdit[];
  expected: number;
  received: number;
  lost: number;
  p50: number | null;
  p99: number | null;
  ackP95: number | null;
  /** Edits that went out over 10 ms after their scheduled time (the sender was behind). */
  late: number;
}

/** The schedule: edit i at t0 + i/rate, from sender i mod senders. */
export function planEdits(phase: number, clients: number[], senders: number, rate: number, durationMs: number, t0: number): PlannedEdit[] {
  const count = Math.max(1, Math.round((rate * durationMs) / 1000));
  return Array.from({ length: count }, (_, i) => {
    const sender = i % Math.min(senders, clients.length);
    return { client: clients[sender], marker: markerId(phase, sender, i), at: t0 + (i * 1000) / rate };
  });
}

export async function driveEdits(ctx: RoundContext, options: DriveOptions): Promise<DriveResult> {
  const phase = options.phase ?? ctx.nextPhase();
  const sent = planEdits(phase, options.clients, options.senders, options.rate, options.durationMs, nowEpoch() + 200);
  const { late } = await ctx.pool.send(sent);
  const expected = sent.length * (options.clients.length - 1);
  let received = 0;
  let lastProgress = Date.now();
  while (received < expected && Date.now() - lastProgress < ctx.profile.settleMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = (await ctx.pool.stats(phase, false)).receipts;
    if (now > received) (received = now), (lastProgress = Date.now());
  }
  const stats = await ctx.pool.stats(phase);
  return {
    phase,
    sent,
    expected,
    received: stats.receipts,
    lost: Math.max(0, expected - stats.receipts),
    p50: percentile(stats.latencies, 50),
    p99: percentile(stats.latencies, 99),
    ackP95: percentile(stats.acks, 95),
    late,
  };
}

/** Seeds a fresh board and opens `count` clients on it; answers their global indexes and synced times. */
export async function openBoard(ctx: RoundContext, label: string, count: number, argumentCount = 0): Promise<{ boardId: string; clients: number[]; syncedMs: number[] }> {
  const boardId = ctx.nextBoardId(label);
  await ctx.seeder.seed(ctx.kind, ctx.server.url, boardId, argumentCount);
  const first = ctx.pool.clientCount;
  const { syncedMs, failures } = await ctx.pool.open(ctx.kind, ctx.server.url, Array(count).fill(boardId));
  if (failures.length) throw new Error(`${failures.length} ${ctx.kind} clients failed to join ${boardId}: ${failures[0]}`);
  return { boardId, clients: Array.from({ length: count }, (_, i) => first + i), syncedMs };
}
