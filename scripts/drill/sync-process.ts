/**
 * A sync server as a child process for the fault drill: started with its own environment, probed
 * through /api/health, killed with SIGKILL. Readiness is observed, never assumed after a sleep.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "../../tests/integration/support/child-server";
import { waitFor } from "../../tests/integration/support/wait";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface SyncProcessOptions {
  databaseUrl: string;
  dataDir: string;
  compactEvery: number;
  /** Entry point relative to the project root (default: the production `server/sync-main.ts`). */
  entry?: string;
  /** Extra environment (REDIS_URL, the drill's relay stream and loss). */
  env?: Record<string, string>;
}

export class SyncProcess {
  private child: ChildProcess | null = null;
  private exited: number | null = null;
  /** The last lines the server printed (for a failure's message). */
  readonly output: string[] = [];
  /** Finished compactions and relay gap repairs (gap reads and periodic catch-ups) the server logged, over all its runs. */
  compactions = 0;
  gapRepairs = 0;
  /** Relayed updates the drill's lossy entry dropped on purpose. */
  dropped = 0;

  private constructor(
    readonly port: number,
    private readonly options: SyncProcessOptions,
  ) {}

  static async create(options: SyncProcessOptions): Promise<SyncProcess> {
    return new SyncProcess(await freePort(), options);
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
      NODE_ENV: "production",
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
    if (this.exited !== null) throw new Error(`the sync server exited with ${this.exited}:\n${this.output.slice(-15).join("\n")}`);
    const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    return response?.status ?? null;
  }

  /** Resolves once /api/health answers 200. */
  async healthy(timeoutMs = 120_000): Promise<void> {
    await waitFor(async () => (await this.health()) === 200, { timeoutMs, intervalMs: 50, message: `the sync server on port ${this.port} to be healthy` });
  }

  async start(): Promise<void> {
    this.spawn();
    await this.healthy();
  }

  /** SIGKILL: no shutdown handler, no final compaction, open transactions die with their connections. */
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
