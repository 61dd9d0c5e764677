/**
 * The harness's side of the load generators: several child processes (so the clients' own CPU is
 * spread and never shares the server's event loop), clients dealt to them round-robin, and every
 * client addressed by one global index.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ServerKind } from "../clients/bench-client";
import type { LoadgenReply, PhaseStats } from "./messages";

const ENTRY = fileURLToPath(new URL("./loadgen-main.ts", import.meta.url));

export interface PlannedEdit {
  /** Global client index (the order clients were opened in). */
  client: number;
  marker: string;
  /** Intended send time, epoch ms. */
  at: number;
}

type Command = { type: "open"; kind: ServerKind; url: string; boards: string[] } | { type: "send"; edits: PlannedEdit[] } | { type: "stats"; phase: number; timings: boolean } | { type: "close" };

class Loadgen {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: LoadgenReply) => void>();
  constructor(private readonly child: ChildProcess) {
    child.on("message", (reply: LoadgenReply) => this.waiting.get(reply.id)?.(reply));
    // A load generator that dies fails what was asked of it, instead of leaving the run waiting.
    child.once("exit", (code) => {
      for (const [id, answer] of this.waiting) answer({ id, type: "failed", message: `exited with ${code}` });
    });
  }

  ask<T extends LoadgenReply["type"]>(command: Command): Promise<Extract<LoadgenReply, { type: T }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) => {
        this.waiting.delete(id);
        if (reply.type === "failed") reject(new Error(`load generator: ${reply.message}`));
        else resolve(reply as Extract<LoadgenReply, { type: T }>);
      });
      this.child.send({ id, ...command });
    });
  }

  stop(): void {
    this.child.disconnect();
  }
}

export class LoadgenPool {
  /** For each global client index: which process holds it, and its index there. */
  private readonly owners: { loadgen: number; local: number }[] = [];
  private readonly localCounts: number[];

  private constructor(private readonly loadgens: Loadgen[]) {
    this.localCounts = loadgens.map(() => 0);
  }

  static start(processes: number): LoadgenPool {
    // BENCH_LOADGEN_PROF=<dir>: a V8 .cpuprofile of each load generator (is the client side the bottleneck?).
    const dir = process.env.BENCH_LOADGEN_PROF;
    const execArgv = ["--import", "tsx", ...(dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [])];
    const loadgens = Array.from({ length: processes }, () => new Loadgen(fork(ENTRY, [], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] })));
    return new LoadgenPool(loadgens);
  }

  get clientCount(): number {
    return this.owners.length;
  }

  /** Opens one client per board id (repeat an id for several clients); answers connect → synced times. */
  async open(kind: ServerKind, url: string, boards: string[]): Promise<{ syncedMs: number[]; failures: string[] }> {
    const perLoadgen: string[][] = this.loadgens.map(() => []);
    for (const boardId of boards) {
      const loadgen = this.owners.length % this.loadgens.length;
      perLoadgen[loadgen].push(boardId);
      this.owners.push({ loadgen, local: this.localCounts[loadgen]++ });
    }
    const replies = await Promise.all(perLoadgen.map((list, i) => (list.length ? this.loadgens[i].ask<"opened">({ type: "open", kind, url, boards: list }) : null)));
    return { syncedMs: replies.flatMap((r) => r?.syncedMs ?? []), failures: replies.flatMap((r) => r?.failures ?? []) };
  }

  /** Runs the schedule (open loop, in each process) and resolves when every edit has gone out. */
  async send(edits: PlannedEdit[]): Promise<{ late: number }> {
    const perLoadgen = this.loadgens.map(() => [] as PlannedEdit[]);
    for (const edit of edits) {
      const owner = this.owners[edit.client];
      perLoadgen[owner.loadgen].push({ ...edit, client: owner.local });
    }
    const replies = await Promise.all(perLoadgen.map((list, i) => (list.length ? this.loadgens[i].ask<"sent">({ type: "send", edits: list }) : null)));
    return { late: replies.reduce((n, r) => n + (r?.late ?? 0), 0) };
  }

  /** What every client saw of `phase` so far; without `timings`, only the count of receipts. */
  async stats(phase: number, timings = true): Promise<PhaseStats> {
    const replies = await Promise.all(this.loadgens.map((l) => l.ask<"stats">({ type: "stats", phase, timings })));
    return { receipts: replies.reduce((n, r) => n + r.receipts, 0), latencies: replies.flatMap((r) => r.latencies), acks: replies.flatMap((r) => r.acks) };
  }

  /** Closes every client (the processes stay for the next server). */
  async closeClients(): Promise<void> {
    await Promise.all(this.loadgens.map((l) => l.ask<"closed">({ type: "close" })));
    this.owners.length = 0;
    this.localCounts.fill(0);
  }

  stop(): void {
    for (const loadgen of this.loadgens) loadgen.stop();
  }
}
