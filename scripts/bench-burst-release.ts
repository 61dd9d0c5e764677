// `node --import tsx scripts/bench-burst-release.ts [--database=parley_bench_burst] [--port=4790]`:
// whether a burst of edits leaves memory behind. The bench's warm-up and max-rate scenario (quick
// profile) against `npm run sync`'s bundle, then the server's RSS and its heap after a full GC while
// the board idles, unloads (PARLEY_IDLE_UNLOAD_MS, 30 s) and the compaction worker stops. Not a
// test: it prints figures, which vary with the machine (docs/performance.md, "Memory of the sync server").
import { BoardSeeder, freshDatabase } from "../bench/bench-database";
import { LoadgenPool } from "../bench/loadgen/loadgen-pool";
import { PROFILES } from "../bench/profiles";
import { maxRate } from "../bench/scenarios/max-rate";
import type { RoundContext } from "../bench/scenarios/round-context";
import { warmUp } from "../bench/scenarios/warm-up";
import { ServerProcess } from "../bench/servers/server-process";

const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const databaseUrl = await freshDatabase(option("database") ?? "parley_bench_burst");
const pool = LoadgenPool.start(1);
const server = await ServerProcess.start("parley", Number(option("port") ?? 4790), databaseUrl);
const seeder = new BoardSeeder(databaseUrl);
let phase = 0;
let boards = 0;
const ctx: RoundContext = {
  kind: "parley",
  round: 1,
  profile: PROFILES.quick,
  server,
  pool,
  seeder,
  databaseUrl,
  nextPhase: () => ++phase,
  nextBoardId: (label) => `parley-${label}-${++boards}`,
  log: (line) => console.log(line),
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const started = Date.now();
async function sample(label: string): Promise<void> {
  const rss = server.rssBytes();
  const heap = await server.heapBytes();
  const at = `${((Date.now() - started) / 1000).toFixed(0)} s`.padStart(5);
  console.log(`${label.padEnd(26)} ${at}  RSS ${mb(rss)}, heap after GC ${mb(heap)}, RSS after GC ${mb(server.rssBytes())}`);
}

try {
  await warmUp(ctx);
  await sample("after the warm-up");
  await maxRate(ctx);
  await sample("burst over, clients gone");
  // The board unloads 30 s after its last client left; its final compaction restarts the fold worker, which stops once idle.
  for (const seconds of [10, 25, 10, 30, 10]) {
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    await sample(`${seconds} s later`);
  }
} finally {
  await seeder.close();
  await server.stop();
  pool.stop();
}
