/** Many connections: time until every client is synced (spread over the load generators), and the server's RSS then. */
import { nowEpoch } from "../stats";
import type { Figures, RoundContext } from "./round-context";

export async function connections(ctx: RoundContext): Promise<Figures> {
  const { total, perBoard } = ctx.profile.connections;
  const boards: string[] = [];
  for (let i = 0; i < Math.ceil(total / perBoard); i++) {
    const boardId = ctx.nextBoardId("conns");
    await ctx.seeder.seed(ctx.kind, ctx.server.url, boardId);
    boards.push(...Array(Math.min(perBoard, total - i * perBoard)).fill(boardId));
  }
  const started = nowEpoch();
  const cpuBefore = ctx.server.cpuMs();
  const { failures } = await ctx.pool.open(ctx.kind, ctx.server.url, boards);
  const elapsed = nowEpoch() - started;
  const cpuPerConnection = (ctx.server.cpuMs() - cpuBefore) / total;
  const rss = ctx.server.rssBytes() / (1024 * 1024);
  await ctx.pool.closeClients();
  ctx.log(`connections: ${total - failures.length}/${total} synced in ${elapsed.toFixed(0)} ms, server RSS ${rss.toFixed(0)} MB${failures.length ? `; first failure: ${failures[0]}` : ""}`);
  return {
    [`${total.toLocaleString("en")} connections: ms until all synced`]: elapsed,
    [`${total.toLocaleString("en")} connections: server RSS MB`]: rss,
    [`${total.toLocaleString("en")} connections: server CPU ms per connection`]: cpuPerConnection,
    [`${total.toLocaleString("en")} connections: failed`]: failures.length,
  };
}
