/** Starts Parley's sync server (no Next.js) the way `npm run sync` does, on a free port, quietly. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@/server/config";
import type { HealthReport } from "@/server/http/health";
import { startParley, type RunningParley } from "@/server/parley";
import type { RelayOptions } from "@/server/sync/relay-stream";

export interface ServerOptions {
  /** PostgreSQL URL; without it the server uses embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  compactEvery?: number;
  /** Compact once the updates since the last compaction reach this many bytes. */
  compactBytes?: number;
  idleUnloadMs?: number;
  redisUrl?: string;
  /** Scale-out: the periodic catch-up check's interval (0: off) and relay settings. */
  relayCheckMs?: number;
  relay?: RelayOptions;
  /** Receives the server's log lines (silent by default). */
  log?: (message: string) => void;
  /** More settings, e.g. small abuse limits (PARLEY_SYNC_PER_WINDOW …). */
  env?: Record<string, string>;
}

export function startSyncServer(options: ServerOptions = {}): Promise<RunningParley> {
  // Only what the test says: nothing leaks in from the developer's own environment (their DATABASE_URL, say).
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    PARLEY_DATA_DIR: options.dataDir ?? join(tmpdir(), "parley-unused"),
    // Large by default, so a test sees every log row unless it is about compaction.
    PARLEY_COMPACT_EVERY: String(options.compactEvery ?? 10_000),
    PARLEY_IDLE_UNLOAD_MS: String(options.idleUnloadMs ?? 60_000),
  };
  if (options.compactBytes) env.PARLEY_COMPACT_BYTES = String(options.compactBytes);
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  if (options.relayCheckMs !== undefined) env.PARLEY_RELAY_CHECK_MS = String(options.relayCheckMs);
  Object.assign(env, options.env);
  return startParley({ config: loadConfig(env), mode: "sync", log: options.log ?? (() => {}), relay: options.relay });
}

/** A fresh temporary directory and the function that removes it. */
export function makeTempDir(prefix = "parley-test-"): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** GET /api/health on a running server. */
export async function fetchHealth(server: Pick<RunningParley, "url">): Promise<{ status: number; body: HealthReport }> {
  const response = await fetch(`${server.url}/api/health`);
  return { status: response.status, body: (await response.json()) as HealthReport };
}
