/** Cold load: the first client on a big board the server has not loaded yet, join → synced. */
import { openBoard } from "./drive-edits";
import type { Figures, RoundContext } from "./round-context";

export async function coldLoad(ctx: RoundContext): Promise<Figures> {
  const count = ctx.profile.coldLoadArguments;
  const { syncedMs } = await openBoard(ctx, "cold", 1, count);
  await ctx.pool.closeClients();
  return { [`cold load of a ${count.toLocaleString("en")}-argument board: join → synced ms`]: syncedMs[0] ?? null };
}
