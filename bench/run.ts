// `npm run bench`: Parley's sync server side by side with Hocuspocus 3.4.4 and a bare Socket.io+Yjs
// relay (docs/performance.md). Not a test: figures vary with the machine, and nothing here fails on a
// slow one.
//
//   npm run bench                      quick profile (about three minutes)
//   npm run bench -- --full            the full table (three interleaved rounds, 5,000 connections …)
//   npm run bench -- --kinds=parley,relay --scenarios=fanout,durable --rounds=1
//   npm run bench -- --scenarios=connections --connections=3000   the connections scenario at 3,000
//   npm run bench -- --full --scenarios=maxRate --rate-steps=50,50   the max-rate board at 50 edits/s twice
//   npm run bench -- --profile=tiny    a few clients and edits: checks the harness itself
//   npm run bench -- --database=parley_bench_me --base-port=4800   beside another bench on one machine
//   BENCH_CPU_PROF=/tmp/prof npm run bench -- …   also writes a V8 .cpuprofile of each Parley server
//   npm run bench -- --browser         also the browser scenario (scripts/bench-browser.ts, when present)
//   npm run bench:basic                the older single-server figures (scripts/bench-basic.ts)
//
// Needs PostgreSQL (PARLEY_BENCH_ADMIN_URL, default postgres@127.0.0.1:5432); uses database parley_bench.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { ACK_MEANING, SERVER_KINDS, type ServerKind } from "./clients/bench-client";
import { machine, runRounds, SCENARIOS, type ScenarioName } from "./harness";
import { PROFILES } from "./profiles";
import { formatMarkdown, formatTable, summarize, writeReport } from "./report";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const list = <T extends string>(name: string, allowed: readonly T[]): T[] | undefined => {
  const value = option(name);
  if (!value) return undefined;
  const items = value.split(",");
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length) throw new Error(`Unknown --${name}: ${unknown.join(", ")} (choose from ${allowed.join(", ")}).`);
  return items as T[];
};

const profileName = option("profile") ?? (args.includes("--full") ? "full" : "quick");
if (!(profileName in PROFILES)) throw new Error(`Unknown --profile=${profileName} (quick, full or tiny).`);
const rounds = Number(option("rounds") ?? PROFILES[profileName as keyof typeof PROFILES].rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds takes a whole number of rounds, at least 1.");
const base = PROFILES[profileName as keyof typeof PROFILES];
// --connections=N: the connections scenario at another count (memory per connection beyond the profile's).
const connectionsTotal = Number(option("connections") ?? base.connections.total);
if (!Number.isInteger(connectionsTotal) || connectionsTotal < 1) throw new Error("--connections takes a whole number of connections, at least 1.");
// --rate-steps=50,50,50: the max-rate scenario at these rates only, every one of them even after a
// failed step (to look at one rate closely).
const rateSteps = option("rate-steps")?.split(",").map(Number);
if (rateSteps && !rateSteps.every((rate) => Number.isFinite(rate) && rate > 0)) throw new Error("--rate-steps takes edits per second, comma-separated.");
const maxRate = rateSteps ? { ...base.maxRate, steps: rateSteps, everyStep: true } : base.maxRate;
const profile = { ...base, rounds, maxRate, connections: { ...base.connections, total: connectionsTotal } };
const kinds = list<ServerKind>("kinds", SERVER_KINDS);
const scenarios = list<ScenarioName>("scenarios", Object.keys(SCENARIOS) as ScenarioName[]);
const out = option("out") ?? `${ROOT}bench/results/latest.json`;

const startedAt = new Date();
const loadBefore = loadavg();
console.log(`bench: ${profile.name} profile, ${profile.rounds} round(s), load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`);
// Separate databases and ports let two benches share a machine without dropping each other's tables.
const database = option("database");
const basePort = option("base-port") === undefined ? undefined : Number(option("base-port"));
if (basePort !== undefined && !(Number.isInteger(basePort) && basePort > 0 && basePort < 65_000)) throw new Error("--base-port takes a port number (each server uses the next one up).");
const results = await runRounds({ profile, kinds, scenarios, database, basePort });
const table = summarize(results);
const loadAfter = loadavg();
console.log(`\nmedians of ${profile.rounds} round(s); P/H = Parley ÷ Hocuspocus (lower is better except for rates)`);
console.log(`load average (1 min) ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after, on ${machine().cpus} cores\n`);
console.log(formatTable(table));
writeReport(out, { profile: profile.name, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), machine: machine(), load: { before: loadBefore, after: loadAfter }, ackMeaning: ACK_MEANING, table, rounds: results });
writeFileSync(out.replace(/\.json$/, ".md"), `${formatMarkdown(table)}\n`);
console.log(`\nwritten to ${out} (and the table in Markdown next to it)`);

if (args.includes("--browser")) {
  // The browser scenario has its own script; run it when it exists rather than keep a second one here.
  const script = `${ROOT}scripts/bench-browser.ts`;
  if (existsSync(script)) spawnSync(process.execPath, ["--import", "tsx", script], { cwd: ROOT, stdio: "inherit" });
  else console.log("--browser: scripts/bench-browser.ts is not there yet; skipped.");
}
