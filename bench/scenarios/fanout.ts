/** Fan-out: p50/p99 from send to receipt on every other client, and whether anything was lost. */
import { driveEdits, openBoard } from "./drive-edits";
import type { Figures, RoundContext } from "./round-context";

export async function fanout(ctx: RoundContext): Promise<Figures> {
  const figures: Figures = {};
  for (const [name, load] of Object.entries(ctx.profile.fanout)) {
    const board = await openBoard(ctx, "fanout", load.clients);
    const result = await driveEdits(ctx, { clients: board.clients, senders: load.senders, rate: load.rate, durationMs: load.durationMs });
    await ctx.pool.closeClients();
    figures[`${name}: p50 ms`] = result.p50;
    figures[`${name}: p99 ms`] = result.p99;
    figures[`${name}: lost`] = result.lost;
    ctx.log(`${name}: p50 ${result.p50?.toFixed(1)} ms, p99 ${result.p99?.toFixed(1)} ms, ${result.received}/${result.expected} delivered, ${result.late} sent late`);
  }
  return figures;
}
