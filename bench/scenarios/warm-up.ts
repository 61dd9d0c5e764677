/**
 * Before any figure of a round: one small board with two clients and a few edits, so every kind's
 * first-use costs (JIT, lazy modules, database pools, worker threads) land outside the measurements.
 */
import { driveEdits, openBoard } from "./drive-edits";
import type { RoundContext } from "./round-context";

export async function warmUp(ctx: RoundContext): Promise<void> {
  const board = await openBoard(ctx, "warmup", 2, 20);
  await driveEdits(ctx, { clients: board.clients, senders: 1, rate: 20, durationMs: 500 });
  await ctx.pool.closeClients();
}
