/**
 * Step timings of joins (socket open → connected → join ack → Step 2 → synced), one client and then
 * `--clients` at once, against a running Parley sync server: `node --import tsx bench/join-timing.ts
 * --url=http://127.0.0.1:4818 --database-url=… [--clients=20] [--rounds=5]`. A diagnostic, not a bench scenario.
 */
import { BoardClient } from "../components/sync/board-client";
import { openSyncSocket } from "../components/sync/sync-socket";
import { BoardSeeder } from "./bench-database";
import { percentile } from "./stats";

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const url = option("url") ?? "http://127.0.0.1:4818";
const databaseUrl = option("database-url") ?? "postgresql://postgres@127.0.0.1:5432/parley_bench_join";
const count = Number(option("clients") ?? 20);
const rounds = Number(option("rounds") ?? 5);

interface Steps { connected: number; joined: number; live: number; synced: number }

function timeOne(boardId: string): Promise<{ steps: Steps; client: BoardClient }> {
  const t0 = performance.now();
  const socket = openSyncSocket(url);
  const steps: Partial<Steps> = {};
  socket.on("connect", () => (steps.connected ??= performance.now() - t0));
  const client = new BoardClient(boardId, { socket });
  client.on("joined", () => (steps.joined ??= performance.now() - t0));
  return new Promise((resolve) => {
    const check = () => {
      if (client.status === "live") steps.live ??= performance.now() - t0;
      if (client.status === "live" && client.pending === 0) {
        steps.synced ??= performance.now() - t0;
        resolve({ steps: steps as Steps, client });
      }
    };
    client.on("status", check);
    client.on("pending", check);
  });
}

const seeder = new BoardSeeder(databaseUrl);
const report = (label: string, all: Steps[]) =>
  console.log(`${label}: ${(["connected", "joined", "live", "synced"] as const).map((k) => `${k} p50 ${percentile(all.map((s) => s[k]), 50)?.toFixed(1)}`).join(", ")}`);
for (const n of [1, count]) {
  const all: Steps[] = [];
  for (let round = 0; round < rounds; round++) {
    const boardId = `jt-${n}-${round}-${Date.now().toString(36)}`;
    await seeder.seed("parley", url, boardId, 100);
    const results = await Promise.all(Array.from({ length: n }, () => timeOne(boardId)));
    all.push(...results.map((r) => r.steps));
    for (const { client } of results) client.destroy();
    await new Promise((r) => setTimeout(r, 200));
  }
  report(`${n} client(s) × ${rounds} rounds`, all);
}
await seeder.close();
process.exit(0);
