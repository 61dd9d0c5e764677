/**
 * Highest sustained rate into a board: step the rate up until p99 goes over the limit or an edit is
 * lost; the answer is the last step that passed (0 when even the first failed).
 */
import { driveEdits, openBoard } from "./drive-edits";
import type { Figures, RoundContext } from "./round-context";

export async function maxRate(ctx: RoundContext): Promise<Figures> {
  const { clients, senders, steps, stepMs, p99LimitMs, everyStep } = ctx.profile.maxRate;
  const board = await openBoard(ctx, "rate", clients);
  let best = 0;
  try {
    for (const rate of steps) {
      const result = await driveEdits(ctx, { clients: board.clients, senders, rate, durationMs: stepMs });
      const passed = result.lost === 0 && result.p99 !== null && result.p99 <= p99LimitMs;
      ctx.log(`max rate: ${rate}/s → p99 ${result.p99?.toFixed(1)} ms (p50 ${result.p50?.toFixed(1)}, ack p95 ${result.ackP95?.toFixed(1)}, ${result.late} sent late), lost ${result.lost} ${passed ? "(pass)" : "(fail)"}`);
      if (passed) best = Math.max(best, rate);
      else if (!everyStep) break;
    }
  } finally {
    await ctx.pool.closeClients();
  }
  return { [`max sustained edits/s into ${clients} clients (p99 ≤ ${p99LimitMs} ms, none lost)`]: best };
}
