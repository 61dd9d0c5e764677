/**
 * Phase (a): kill -9 cycles under load. The sync server (server/sync-main.ts, a small compaction
 * threshold) is killed with SIGKILL, some kills landing while a compaction holds its transaction open;
 * members keep editing offline and come back once /api/health answers. Nothing acknowledged may be
 * lost and every member must end with what the database holds.
 */
import { waitFor } from "../../tests/integration/support/wait";
import type { DrillContext, PhaseFigures } from "./context";
import { Crew } from "./crew";
import type { DrillSize } from "./size";
import { ChildServer } from "../../tests/integration/support/child-server";

export async function killCycles(ctx: DrillContext, size: DrillSize, seed: number): Promise<PhaseFigures> {
  const server = await ChildServer.create({ nodeEnv: "production", databaseUrl: ctx.db.url, dataDir: ctx.dataDir, compactEvery: size.compactEvery });
  const boardId = await ctx.newBoard("Drill: kill -9");
  const crew = await Crew.join({ store: ctx.store, boardId, urls: [server.url], fuzzers: size.fuzzers, witnesses: size.witnesses, seed });
  const notes: string[] = [];
  /** Per restart: spawn to /api/health 200, and spawn to every member joined again (browser clients on their own backoff). */
  const healthyMs: number[] = [];
  const recoverMs: number[] = [];
  const slowest: string[] = [];
  let midCompaction = 0;
  try {
    await server.start();
    crew.connectAll();
    await crew.joined();
    crew.start();
    for (let cycle = 0; cycle < size.killCycles; cycle++) {
      const before = crew.acked();
      await waitFor(() => crew.acked() >= before + 20, { timeoutMs: 60_000, message: `cycle ${cycle}: edits to be acknowledged` });
      if (cycle % size.midCompactionEvery === 1) {
        const caught = await server.killDuringCompaction(ctx.db, boardId, 30_000);
        if (caught) midCompaction++;
        notes.push(`cycle ${cycle}: ${caught ? "killed mid-compaction" : "no compaction started in time; killed anyway"}`);
      } else {
        const inFlight = crew.fuzzers.filter((c) => c.online && !c.quiet).length;
        await server.kill();
        notes.push(`cycle ${cycle}: killed with ${inFlight} clients awaiting an answer`);
      }
      const offlineFrom = crew.tick;
      await waitFor(() => crew.tick >= offlineFrom + 15, { message: "offline edits" });
      const restarted = Date.now();
      await server.start();
      healthyMs.push(Date.now() - restarted);
      crew.connectAll();
      await crew.joined();
      recoverMs.push(Date.now() - restarted);
      slowest.push(crew.lastToJoin);
    }
    // One compaction after the last restart, so the final fresh load reads a snapshot from a restarted server.
    const folded = server.compactions;
    const compactedAfter = await waitFor(() => server.compactions > folded, { timeoutMs: 60_000 }).catch(() => false);
    if (!compactedAfter) notes.push("no compaction finished after the last restart within 60 s");
    await crew.stop();
    const end = await crew.settle(() => ctx.stored(boardId));
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    return {
      phase: "a: kill -9 cycles",
      converged: end.converged,
      mustBeZero: { lostAcked: end.lost.length, divergedClients: end.diverged.length },
      figures: {
        cycles: size.killCycles,
        midCompaction,
        compactions: server.compactions,
        witnessErrors: crew.witnesses.map((w) => [...new Set(w.errors)].join("+") || "none").join(","),
        ackedAdds: crew.ledger.ackedAdds.size,
        witnessAdds: crew.witnesses.reduce((n, w) => n + w.added.length, 0),
        ackedFrames: crew.acked(),
        onBoard: end.onBoard,
        restartToHealthyMsMedian: median(healthyMs),
        restartToAllRejoinedMsMedian: median(recoverMs),
        restartToAllRejoinedMsMax: Math.max(0, ...recoverMs),
        lastToRejoin: slowest.join(","),
        settleMs: end.settleMs,
        ledger: crew.ledger.summary(),
      },
      notes: [...notes, ...end.diverged.map((d) => `diverged: ${d}`), ...end.lost.map((id) => `lost: ${id}`)],
    };
  } finally {
    await crew.stop();
    crew.close();
    await server.kill();
  }
}
