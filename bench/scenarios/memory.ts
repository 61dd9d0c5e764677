/**
 * Memory per loaded board: the server's RSS and post-GC heap before and after each of N boards of
 * M arguments gets one client (which makes the server load it), divided by N.
 */
import { openBoard } from "./drive-edits";
import type { Figures, RoundContext } from "./round-context";

const MB = 1024 * 1024;

export async function memory(ctx: RoundContext): Promise<Figures> {
  const { boards, argumentsPerBoard } = ctx.profile.memory;
  const heapBefore = await ctx.server.heapBytes();
  const rssBefore = ctx.server.rssBytes();
  for (let i = 0; i < boards; i++) await openBoard(ctx, "memory", 1, argumentsPerBoard);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const heapAfter = await ctx.server.heapBytes();
  const rssAfter = ctx.server.rssBytes();
  await ctx.pool.closeClients();
  const label = `${argumentsPerBoard.toLocaleString("en")}-argument board`;
  return {
    [`heap per loaded ${label} MB`]: (heapAfter - heapBefore) / boards / MB,
    [`RSS per loaded ${label} MB`]: (rssAfter - rssBefore) / boards / MB,
  };
}
