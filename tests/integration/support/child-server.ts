/**
 * The sync server as a child process (`npm run sync`: node --import tsx server/sync-main.ts), for tests
 * that kill it with SIGKILL. It keeps one port across restarts so clients come back to the same URL,
 * and readiness is GET /api/health answering 200: no fixed sleeps.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { waitFor } from "./wait";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface ChildServerOptions {
  databaseUrl: string;
  dataDir: string;
  compactEvery: number;
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
  /** The last lines the server printed, for a failing test's message. */
  readonly output: string[] = [];
  /** Compactions the server reported finishing, over all its runs. */
  compactions = 0;

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

  /** Starts the process and resolves once /api/health answers 200 (a cold start may take a while on a busy machine). */
  async start(): Promise<void> {
    if (this.child) throw new Error("The sync server is already running.");
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(this.port),
      DATABASE_URL: this.options.databaseUrl,
      PARLEY_DATA_DIR: this.options.dataDir,
      PARLEY_SEED_DEMO: "0",
      PARLEY_COMPACT_EVERY: String(this.options.compactEvery),
      PARLEY_IDLE_UNLOAD_MS: "600000",
    };
    const child = spawn(process.execPath, ["--import", "tsx", "server/sync-main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      const lines = chunk.toString("utf8").split("\n").filter(Boolean);
      this.compactions += lines.filter((line) => line.startsWith("compacted ")).length;
      this.output.push(...lines);
      this.output.splice(0, Math.max(0, this.output.length - 200));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    let exited: number | null = null;
    child.once("exit", (code) => (exited = code ?? -1));
    await waitFor(
      async () => {
        if (exited !== null) throw new Error(`the sync server exited with ${exited}:\n${this.output.slice(-20).join("\n")}`);
        const response = await fetch(`${this.url}/api/health`).catch(() => null);
        return response?.status === 200;
      },
      { timeoutMs: 120_000, intervalMs: 100, message: `the sync server on port ${this.port} to be healthy` },
    );
  }

  /** SIGKILL: no shutdown handler runs, no final compaction, open transactions die with the connections. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
}
