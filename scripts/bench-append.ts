// `node --import tsx scripts/bench-append.ts`: what one group commit's append costs, through Prisma's
// raw-query path against straight on the driver (Database.direct, what the store uses on PostgreSQL).
// Not a test: numbers vary with the machine. Prints, per path, latency p50/p95 and the event loop's
// CPU per call (user + system), which is what a commit takes from every other board on the process.
//
// Needs PostgreSQL: DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres. Makes a board and drops it.
import { demoPositionDrafts, loadDemoSource } from "../prisma/seed/demo-board";
import { createBoard } from "../server/boards/create-board";
import { openDatabase } from "../server/persistence/connect";
import { PrismaBoardStore } from "../server/persistence/prisma-board-store";

const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const ROUNDS = 3;
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const database = await openDatabase({ databaseUrl, dataDir: "" });
await database.migrate();
const direct = new PrismaBoardStore(database);
const throughPrisma = new PrismaBoardStore({ kind: database.kind, prisma: database.prisma });
const { sha256: _sha, ...source } = loadDemoSource();
const board = await createBoard(direct, { title: "bench-append", source, positions: demoPositionDrafts() });
const update = new Uint8Array(300).fill(7); // about one argument's update

async function measure(store: PrismaBoardStore): Promise<{ p50: number; p95: number; cpuUs: number }> {
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await store.appendUpdates(board.id, [{ update, memberId: null }]);
    times.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(CALLS * 0.5)], p95: times[Math.floor(CALLS * 0.95)], cpuUs: (used.user + used.system) / CALLS };
}

try {
  console.log(`${CALLS} one-entry appends per path and round, alternated; ${database.location}`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [label, store] of [["through Prisma", throughPrisma], ["direct (pg)", direct]] as const) {
      const { p50, p95, cpuUs } = await measure(store);
      console.log(`round ${round}  ${label.padEnd(15)} p50 ${p50.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms  CPU ${cpuUs.toFixed(0)} µs per call`);
    }
  }
} finally {
  await database.prisma.$executeRaw`DELETE FROM "boards" WHERE "id" = ${board.id}`;
  await database.close();
}
