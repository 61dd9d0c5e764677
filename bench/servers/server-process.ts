/**
 * One server under test as a child process: Parley's sync server (exactly as `npm run sync` runs it:
 * scripts/sync.mjs and its esbuild bundle), the Hocuspocus peer or the bare relay. All three run as
 * plain JavaScript bundled the same way (packages external), none through tsx's loader, whose own
 * 30–45 MB would otherwise count in each server's memory. Ready when it prints "ready on"; memory is
 * sampled from outside (/proc/<pid>/status VmRSS) and the heap through the bench-only IPC probe (heap-probe.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildBundles } from "../../scripts/server-bundle.mjs";
import type { ServerKind } from "../clients/bench-client";
import type { HeapReport } from "./heap-probe";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** USER_HZ: Linux reports process times in hundredths of a second on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
const BENCH_BUNDLE_DIR = join(ROOT, "dist", "bench");
const PEER_ENTRIES = ["bench/servers/hocuspocus-entry.ts", "bench/servers/relay-entry.ts", "bench/servers/heap-probe-preload.ts"];
const bundled = (entry: string) => join(BENCH_BUNDLE_DIR, entry.replace("bench/servers/", "").replace(/\.ts$/, ".mjs"));

/** The peers' entries and the heap probe, bundled once per bench run (Parley's bundle is scripts/sync.mjs's business). */
let peersBuilt: Promise<void> | null = null;
const buildPeers = () => (peersBuilt ??= buildBundles({ entries: PEER_ENTRIES, workers: {}, outdir: BENCH_BUNDLE_DIR, outbase: "bench/servers" }));

/** What node runs for each kind, after its flags. */
function entryArgs(kind: ServerKind): string[] {
  if (kind === "parley") return ["--import", pathToFileURL(bundled("bench/servers/heap-probe-preload.ts")).href, "scripts/sync.mjs"];
  return ["--enable-source-maps", bundled(`bench/servers/${kind}-entry.ts`)];
}

/**
 * Parley's abuse limits are per IP and per connection; every simulated person here comes from
 * 127.0.0.1 and the scenarios send far faster than a person types, so they are lifted for the bench.
 */
const PARLEY_BENCH_ENV: Record<string, string> = {
  PARLEY_SEED_DEMO: "0",
  PARLEY_MAX_CONNECTIONS_PER_IP: "1000000",
  PARLEY_MAX_CONNECTIONS_PER_BOARD: "1000000",
  PARLEY_JOINS_PER_MINUTE_PER_IP: "1000000",
  PARLEY_SYNC_PER_WINDOW: "1000000",
  PARLEY_AWARENESS_PER_WINDOW: "1000000",
  PARLEY_JOIN_DEADLINE_MS: "120000",
};

/** PARLEY_* settings in the bench's own environment reach the Parley server (an A/B of one setting, e.g. PARLEY_COALESCE_MS=0). */
function parleyOverrides(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith("PARLEY_") && entry[1] !== undefined));
}

/**
 * BENCH_CPU_PROF=<dir> profiles the Parley server only (V8 writes a .cpuprofile there when it exits);
 * the peers are left alone so their figures stay comparable.
 */
function cpuProfileFlags(kind: ServerKind): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return kind === "parley" && dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

export class ServerProcess {
  private readonly output: string[] = [];
  private exited: number | null = null;

  private constructor(
    readonly kind: ServerKind,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    // BENCH_SERVER_LOG=FILE keeps every server's whole output (the run keeps only the last 100 lines).
    const logFile = process.env.BENCH_SERVER_LOG;
    const keep = (chunk: Buffer) => {
      if (logFile) appendFileSync(logFile, chunk.toString("utf8").replace(/^(?=.)/gm, `[${kind}] `));
      this.output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      this.output.splice(0, Math.max(0, this.output.length - 100));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.once("exit", (code) => (this.exited = code ?? -1));
  }

  /** Starts `kind` on `port` against `databaseUrl` and resolves once it says it is ready. */
  static async start(kind: ServerKind, port: number, databaseUrl: string, timeoutMs = 120_000): Promise<ServerProcess> {
    const parleyEnv = kind === "parley" ? { ...PARLEY_BENCH_ENV, ...parleyOverrides() } : {};
    const env = { PATH: process.env.PATH, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: databaseUrl, ...parleyEnv } as NodeJS.ProcessEnv;
    await buildPeers();
    const child = spawn(process.execPath, ["--expose-gc", ...cpuProfileFlags(kind), ...entryArgs(kind)], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    const server = new ServerProcess(kind, port, child);
    const deadline = Date.now() + timeoutMs;
    while (!server.output.some((line) => line.includes("ready on"))) {
      if (server.exited !== null) throw new Error(`The ${kind} server exited with ${server.exited}:\n${server.output.join("\n")}`);
      if (Date.now() > deadline) throw new Error(`The ${kind} server did not get ready in ${timeoutMs} ms:\n${server.output.join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resident set size in bytes, as the kernel sees the process. */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (!kb) throw new Error(`No VmRSS for the ${this.kind} server (pid ${this.pid}).`);
    return Number(kb[1]) * 1024;
  }

  /**
   * CPU the server process has used so far (user + system, all its threads), in ms, from /proc. On a
   * shared machine a difference of two readings is steadier than any latency: it counts only the
   * server's own work, not its wait for a core the load generators hold.
   */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  }

  /** Heap in use after a full GC, in bytes (asked over IPC; the process runs with --expose-gc). */
  heapBytes(timeoutMs = 10_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (this.child.off("message", listen), reject(new Error(`The ${this.kind} server did not report its heap.`))), timeoutMs);
      const listen = (message: unknown) => {
        if ((message as HeapReport)?.type !== "heap") return;
        clearTimeout(timer);
        this.child.off("message", listen);
        resolve((message as HeapReport).heapUsed);
      };
      this.child.on("message", listen);
      this.child.send({ type: "heap" });
    });
  }

  /** SIGTERM, then SIGKILL if it has not gone after 10 s. */
  async stop(): Promise<void> {
    if (this.exited !== null) return;
    const gone = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await gone;
    clearTimeout(timer);
  }
}
