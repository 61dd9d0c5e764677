/**
 * The side-by-side run: for each round, each server kind in turn (Parley, Hocuspocus, relay, Parley, …)
 * on a fresh server process, every scenario against it, with the load average before and after.
 * Answers the raw rounds; report.ts turns them into medians and ratios.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { SERVER_KINDS, type ServerKind } from "./clients/bench-client";
import { BoardSeeder, freshDatabase } from "./bench-database";
import { LoadgenPool } from "./loadgen/loadgen-pool";
import type { Profile } from "./profiles";
import { coldLoad } from "./scenarios/cold-load";
import { connectSynced } from "./scenarios/connect-synced";
import { connections } from "./scenarios/connections";
import { durable } from "./scenarios/durable";
import { fanout } from "./scenarios/fanout";
import { maxRate } from "./scenarios/max-rate";
import { memory } from "./scenarios/memory";
import type { Figures, RoundContext } from "./scenarios/round-context";
import { warmUp } from "./scenarios/warm-up";
import { ServerProcess } from "./servers/server-process";

/** Run order inside a round: the memory baseline first, the heaviest (many connections) last. */
export const SCENARIOS = { memory, coldLoad, connectSynced, fanout, durable, maxRate, connections } as const;
export type ScenarioName = keyof typeof SCENARIOS;

export interface RoundResult {
  round: number;
  kind: ServerKind;
  loadBefore: number[];
  loadAfter: number[];
  durationMs: number;
  figures: Figures;
  /** Scenario → error message, for a scenario that failed (its figures are missing). */
  errors: Record<string, string>;
}

export interface RunOptions {
  profile: Profile;
  kinds?: readonly ServerKind[];
  scenarios?: readonly ScenarioName[];
  /** Server k of the run listens on basePort + k (bench servers use ports 47xx). */
  basePort?: number;
  database?: string;
  log?: (line: string) => void;
}

export function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", totalMemoryMB: Math.round(totalmem() / 1024 / 1024), node: process.version, platform: process.platform };
}

export async function runRounds(options: RunOptions): Promise<RoundResult[]> {
  const { profile, log = console.log } = options;
  const kinds = options.kinds ?? SERVER_KINDS;
  const scenarios = options.scenarios ?? (Object.keys(SCENARIOS) as ScenarioName[]);
  const databaseUrl = await freshDatabase(options.database ?? "parley_bench");
  const pool = LoadgenPool.start(profile.loadgens);
  const results: RoundResult[] = [];
  let phase = 0;
  let boards = 0;
  let port = options.basePort ?? 4700;
  try {
    for (let round = 1; round <= profile.rounds; round++) {
      for (const kind of kinds) {
        const loadBefore = loadavg();
        const started = Date.now();
        const server = await ServerProcess.start(kind, ++port, databaseUrl);
        const seeder = new BoardSeeder(databaseUrl);
        const ctx: RoundContext = {
          kind,
          round,
          profile,
          server,
          pool,
          seeder,
          databaseUrl,
          nextPhase: () => ++phase,
          nextBoardId: (label) => `${kind}-${label}-${++boards}`,
          log: (line) => log(`[round ${round} ${kind}] ${line}`),
        };
        const figures: Figures = {};
        const errors: Record<string, string> = {};
        try {
          await warmUp(ctx);
          for (const name of scenarios) {
            try {
              Object.assign(figures, await SCENARIOS[name](ctx));
            } catch (error) {
              errors[name] = (error as Error).message;
              ctx.log(`${name} failed: ${(error as Error).message}`);
              await pool.closeClients().catch(() => undefined);
            }
          }
        } finally {
          await seeder.close();
          await server.stop();
        }
        results.push({ round, kind, loadBefore, loadAfter: loadavg(), durationMs: Date.now() - started, figures, errors });
        log(`[round ${round} ${kind}] done in ${((Date.now() - started) / 1000).toFixed(1)} s; load ${loadBefore[0].toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
      }
    }
  } finally {
    pool.stop();
  }
  return results;
}
