/** Connect → synced: clients joining a board at once, from opening the socket to holding its state. */
import { percentile } from "../stats";
import { openBoard } from "./drive-edits";
import type { Figures, RoundContext } from "./round-context";

export async function connectSynced(ctx: RoundContext): Promise<Figures> {
  const count = ctx.profile.connectClients;
  const cpuBefore = ctx.server.cpuMs();
  const { syncedMs } = await openBoard(ctx, "connect", count, 100);
  const cpuMs = ctx.server.cpuMs() - cpuBefore; // the board's seed and load included, as its first joiner waits for them
  await ctx.pool.closeClients();
  return {
    [`connect → synced p50 ms (${count} clients, 100-argument board)`]: percentile(syncedMs, 50),
    [`connect → synced: server CPU ms per join (${count} clients)`]: cpuMs / count,
  };
}
