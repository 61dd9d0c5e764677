// `npm run drill` (node --import tsx scripts/fault-drill.ts [--quick] [--seed N] [--only a,b,c,d]):
// issue 7's fault drill against real child processes on a fresh PostgreSQL database it creates and
// drops (admin at PARLEY_TEST_ADMIN_URL, default postgres@127.0.0.1:5432) and Redis at
// PARLEY_TEST_REDIS_URL (phase d). Loopback only. Phases:
//   a  kill -9 cycles under load, some mid-compaction
//   b  database outage mid-session (connections terminated and refused)
//   c  server started while the database refuses connections
//   d  two processes on Redis, one losing relayed updates
// Each prints its figures; the drill exits 1 when anything acknowledged was lost, a client diverged,
// an ack or a status line claimed a save that did not happen, or a phase failed.
// Not a test: the figures vary with the machine. `--quick` runs in about three minutes.
import { DrillContext, type PhaseFigures } from "./drill/context";
import { killCycles } from "./drill/phase-kill";
import { lossyRelay } from "./drill/phase-relay";
import { outageMidSession, startWhileDown } from "./drill/phase-outage";
import { FULL, QUICK, type DrillSize } from "./drill/size";

type Phase = (ctx: DrillContext, size: DrillSize, seed: number) => Promise<PhaseFigures>;
const PHASES: Record<string, Phase> = { a: killCycles, b: outageMidSession, c: startWhileDown, d: lossyRelay };

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const size = process.argv.includes("--quick") ? QUICK : FULL;
const seed = Number(option("--seed") ?? 7);
const only = (option("--only") ?? "a,b,c,d").split(",").filter((p) => p in PHASES);
if (!Number.isInteger(seed) || only.length === 0) throw new Error("Usage: fault-drill.ts [--quick] [--seed N] [--only a,b,c,d]");

// Failed queries during the outages are expected and logged by the store; the figures say what matters.
const quietErrors = console.error;
console.error = () => undefined;
const say = (line: string) => process.stdout.write(`${line}\n`);

const started = Date.now();
const results: PhaseFigures[] = [];
let failed = false;
const ctx = await DrillContext.open();
say(`fault drill: ${process.argv.includes("--quick") ? "quick" : "full"} run, seed ${seed}, database ${ctx.db.name}, phases ${only.join(",")}`);
try {
  for (const [i, key] of only.entries()) {
    const phaseStarted = Date.now();
    try {
      const result = await PHASES[key](ctx, size, seed + i);
      results.push(result);
      const bad = Object.entries(result.mustBeZero).filter(([, n]) => n !== 0);
      if (bad.length || !result.converged) failed = true;
      say(`\n[${result.phase}] ${bad.length || !result.converged ? "FAIL" : "ok"} in ${((Date.now() - phaseStarted) / 1000).toFixed(1)} s`);
      say(`  must be 0: ${Object.entries(result.mustBeZero).map(([k, v]) => `${k}=${v}`).join(" ")} converged=${result.converged}`);
      for (const [k, v] of Object.entries(result.figures)) say(`  ${k}: ${v}`);
      for (const note of result.notes.slice(0, 20)) say(`  - ${note}`);
    } catch (error) {
      failed = true;
      say(`\n[phase ${key}] FAILED: ${(error as Error).stack ?? error}`);
    }
  }
} finally {
  await ctx.close().catch((error: Error) => quietErrors(`dropping ${ctx.db.name} failed: ${error.message}`));
}
say(`\nfault drill ${failed ? "FAILED" : "passed"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
