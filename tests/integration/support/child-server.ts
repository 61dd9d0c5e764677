/**
 * The sync server as a child process (`npm run sync`: node --import tsx server/sync-main.ts), for tests
 * and the fault drill (scripts/fault-drill.ts) that kill it with SIGKILL. It keeps one port across
 * restarts so clients come back to the same URL, and readiness is GET /api/health answering 200: no
 * fixed sleeps.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { waitFor } from "./wait";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface ChildServerOptions {
  databaseUrl: string;
  dataDir: string;
  compactEvery: number;
  /** Entry point relative to the project root (default: the production `server/sync-main.ts`). */
  entry?: string;
  /** Extra environment (REDIS_URL, the drill's relay stream and loss). */
  env?: Record<string, string>;
  /** Default "test"; the drill runs the server as in production. */
  nodeEnv?: "test" | "production";
}

/** A port that was free a moment ago (the OS picks it; the server then binds it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export class ChildServer {
  private child: ChildProcess | null = null;
  private exited: number | null = null;
  /** The last lines the server printed, for a failure's message. */
  readonly output: string[] = [];
  /** What the server logged over all its runs: finished compactions, relay gap repairs (gap reads and periodic catch-ups), relayed updates the drill's lossy entry dropped. */
  compactions = 0;
  gapRepairs = 0;
  dropped = 0;

  private constructor(
    readonly port: number,
    private readonly options: ChildServerOptions,
  ) {}

  static async create(options: ChildServerOptions): Promise<ChildServer> {
    return new ChildServer(await freePort(), options);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.exited === null;
  }

  /** Spawns the process; does not wait for it (see `healthy`). */
  spawn(): void {
    if (this.child) throw new Error("The sync server is already running.");
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: this.options.nodeEnv ?? "test",
      HOST: "127.0.0.1",
      PORT: String(this.port),
      DATABASE_URL: this.options.databaseUrl,
      PARLEY_DATA_DIR: this.options.dataDir,
      PARLEY_SEED_DEMO: "0",
      PARLEY_COMPACT_EVERY: String(this.options.compactEvery),
      PARLEY_IDLE_UNLOAD_MS: "600000",
      ...this.options.env,
    };
    const child = spawn(process.execPath, ["--import", "tsx", this.options.entry ?? "server/sync-main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    this.exited = null;
    const keep = (chunk: Buffer) => {
      const lines = chunk.toString("utf8").split("\n").filter(Boolean);
      this.compactions += lines.filter((line) => line.startsWith("compacted ")).length;
      this.gapRepairs += lines.filter((line) => line.startsWith("relay gap ") || line.startsWith("relay check ")).length;
      this.dropped += lines.filter((line) => line.startsWith("drill: dropped relayed ")).length;
      this.output.push(...lines);
      this.output.splice(0, Math.max(0, this.output.length - 200));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.once("exit", (code, signal) => (this.exited = code ?? (signal ? -1 : 0)));
  }

  /** GET /api/health's status, or null when nothing answers. Throws once the process has exited. */
  async health(): Promise<number | null> {
    if (this.exited !== null) throw new Error(`the sync server exited with ${this.exited}:\n${this.output.slice(-20).join("\n")}`);
    const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    return response?.status ?? null;
  }

  /** Resolves once /api/health answers 200 (a cold start may take a while on a busy machine). */
  async healthy(timeoutMs = 120_000): Promise<void> {
    await waitFor(async () => (await this.health()) === 200, { timeoutMs, intervalMs: 50, message: `the sync server on port ${this.port} to be healthy` });
  }

  /** Starts the process and resolves once it is healthy. */
  async start(): Promise<void> {
    this.spawn();
    await this.healthy();
  }

  /**
   * SIGKILL while a compaction is inside its write transaction: a held key-share lock on the board row
   * (appends pass it, compaction's FOR UPDATE waits for it) keeps the compaction there until the kill.
   * Kills either way after `waitMs`; answers whether a compaction was caught waiting.
   */
  async killDuringCompaction(db: { url: string; name: string }, boardId: string, waitMs = 60_000): Promise<boolean> {
    const holder = new pg.Client({ connectionString: db.url });
    // A second session watches: inside the holder's transaction pg_stat_activity would be a frozen snapshot.
    const watcher = new pg.Client({ connectionString: db.url });
    await Promise.all([holder.connect(), watcher.connect()]);
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "boards" WHERE "id" = $1 FOR KEY SHARE`, [boardId]);
      const caught = await waitFor(
        async () => {
          const { rows } = await watcher.query<{ query: string }>(
            "SELECT query FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
            [db.name],
          );
          return rows.some((r) => /FOR UPDATE/i.test(r.query));
        },
        { timeoutMs: waitMs, intervalMs: 20 },
      ).catch(() => false);
      await this.kill();
      return caught !== false;
    } finally {
      await holder.query("ROLLBACK").catch(() => undefined);
      await Promise.all([holder.end(), watcher.end()]);
    }
  }

  /** SIGKILL: no shutdown handler runs, no final compaction, open transactions die with the connections. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (this.exited !== null) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await gone;
  }
}
