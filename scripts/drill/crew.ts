/**
 * The drill's members on one board: fuzz clients (tests/integration/support/fuzz-client.ts) that
 * record every acknowledged add and delete in a ledger, plus browser BoardClients as witnesses of
 * what a person reads (their status line) and of automatic reconnects. A background load makes
 * random adds, replies, edits, deletes and deliberately crossing edit/delete pairs, online or offline.
 */
import { readArguments, readPositions } from "../../lib/board/doc";
import type { Role } from "../../lib/board/roles";
import { BoardClient } from "../../components/sync/board-client";
import { describeSyncStatus } from "../../components/sync/sync-status";
import { joinBoard } from "../../server/boards/join-board";
import type { BoardStore } from "../../server/persistence/board-store";
import { pick, seededRandom } from "../../tests/unit/support/board-fixture";
import { addTestArgument } from "../../tests/integration/support/board";
import { FuzzClient, Ledger } from "../../tests/integration/support/fuzz-client";
import { argumentsJSON, crossEditAndDelete, randomChange } from "../../tests/integration/support/fuzz-session";
import { waitFor } from "../../tests/integration/support/wait";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A BoardClient with what it showed and what it added. */
export interface Witness {
  client: BoardClient;
  name: string;
  memberId: string;
  /** Status lines in order, each with the time it appeared. */
  shown: { at: number; text: string }[];
  /** Ids it added: each must end up stored unless someone's delete of it reached the server. */
  added: string[];
  errors: string[];
}

export interface CrewOptions {
  store: BoardStore;
  boardId: string;
  /** Server URL for each member, in turn (two servers: members alternate between them). */
  urls: string[];
  fuzzers: number;
  witnesses: number;
  seed: number;
}

export class Crew {
  readonly ledger = new Ledger();
  readonly fuzzers: FuzzClient[] = [];
  readonly witnesses: Witness[] = [];
  private readonly random: () => number;
  private running = false;
  private loop: Promise<void> | null = null;
  tick = 0;

  private constructor(private readonly options: CrewOptions) {
    this.random = seededRandom(options.seed);
  }

  /** Creates the members (each with its own member token) and connects them. */
  static async join(options: CrewOptions): Promise<Crew> {
    const crew = new Crew(options);
    const { store, boardId, urls } = options;
    for (let i = 0; i < options.fuzzers + options.witnesses; i++) {
      const url = urls[i % urls.length];
      const { member, memberToken } = await joinBoard(store, boardId, { displayName: `Driller ${i + 1}` });
      if (i < options.fuzzers) {
        const seat = { memberId: member.id, memberToken, role: member.role as Role, displayName: member.displayName };
        crew.fuzzers.push(new FuzzClient(url, boardId, seat, crew.ledger));
      } else {
        crew.witnesses.push(watch(new BoardClient(boardId, { url, memberToken }), member.displayName, member.id));
      }
    }
    return crew;
  }

  /** Every fuzz client (re)connects; witnesses reconnect by themselves. */
  connectAll(): void {
    for (const client of this.fuzzers) client.connect();
  }

  /** Who joined last in the latest `joined()` wait: "fuzzer" or "witness" (a browser client). */
  lastToJoin = "";

  /** Every member has joined and holds the board. */
  async joined(timeoutMs = 90_000): Promise<void> {
    const fuzzersIn = () => this.fuzzers.every((c) => c.joined && readPositions(c.doc).length > 0);
    const witnessesIn = () => this.witnesses.every((w) => w.client.status === "live");
    let retried = Date.now();
    await waitFor(
      () => {
        // A fuzz client gives up on a refused join (the server listens before its database is open);
        // try again each second, as the browser client does on its backoff.
        if (Date.now() - retried > 1_000) {
          retried = Date.now();
          for (const client of this.fuzzers) if (!client.online) client.connect();
        }
        if (fuzzersIn() !== witnessesIn()) this.lastToJoin = fuzzersIn() ? "witness" : "fuzzer";
        return fuzzersIn() && witnessesIn();
      },
      { timeoutMs, intervalMs: 20, message: `every member to join (fuzzers waiting: ${this.fuzzers.filter((c) => !c.joined).length}, witnesses: ${this.witnesses.map((w) => w.client.status).join(",")})` },
    );
  }

  /** Starts the background load; `offlineReconnects` lets fuzz clients drop and come back on their own. */
  start(offlineReconnects = true): void {
    this.running = true;
    const op = (name: string) => this.ledger.count(`op:${name}`);
    this.loop = (async () => {
      while (this.running) {
        const roll = this.random();
        if (roll < 0.12) this.witnessAdds();
        else {
          const client = pick(this.random, this.fuzzers);
          if (!client.online && offlineReconnects && roll < 0.2) client.connect();
          else if (client.online && roll > 0.985 && offlineReconnects) client.disconnect();
          else if (client.online && roll < 0.3) crossEditAndDelete(client, this.fuzzers, this.random, this.tick, op);
          else randomChange(client, this.random, this.tick, op, !client.online);
        }
        this.tick++;
        await sleep(this.random() < 0.5 ? 8 : 2);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Acknowledged updates and Step 2s so far. */
  acked(): number {
    return [...this.ledger.counts].filter(([k]) => k === "ack-ok:update" || k === "ack-ok:step2").reduce((n, [, v]) => n + v, 0);
  }

  private witnessAdds(): void {
    const witness = pick(this.random, this.witnesses);
    if (readArguments(witness.client.doc).length >= 60) return;
    try {
      const made = addTestArgument(witness.client.doc, { text: `${witness.name} at ${this.tick}.`, author: { id: witness.memberId, name: witness.name } });
      witness.added.push(made.id);
    } catch {
      // The model refused it on this replica (its parent just went): nothing changed.
    }
  }

  /**
   * After the load stops: everyone reconnects, and the drill waits until every client is quiet and
   * holds what a fresh load from the database holds. Reports the lost and diverged members.
   */
  async settle(storedJSON: () => Promise<{ json: string; ids: Set<string>; pending: boolean }>, timeoutMs = 90_000) {
    const started = Date.now();
    this.connectAll();
    const everyoneHolds = (json: string) =>
      this.fuzzers.every((c) => c.quiet && argumentsJSON(c.doc) === json) &&
      this.witnesses.every((w) => w.client.status === "live" && w.client.pending === 0 && argumentsJSON(w.client.doc) === json);
    let stored = await storedJSON();
    const converged = await waitFor(async () => everyoneHolds((stored = await storedJSON()).json), { timeoutMs, intervalMs: 100, message: "convergence" }).catch(() => false);
    const diverged = [
      ...this.fuzzers.filter((c) => argumentsJSON(c.doc) !== stored.json).map((c) => c.name),
      ...this.witnesses.filter((w) => argumentsJSON(w.client.doc) !== stored.json || w.client.pending > 0).map((w) => w.name),
      ...(stored.pending ? ["fresh load (updates stuck pending)"] : []),
    ];
    const deleted = (id: string) => this.ledger.deletes.has(id);
    const lost = [
      ...[...this.ledger.ackedAdds.keys()].filter((id) => !stored.ids.has(id) && !deleted(id)),
      // A witness retries until saved, so whatever it added is stored unless a delete of it reached the server.
      ...this.witnesses.flatMap((w) => w.added).filter((id) => !stored.ids.has(id) && !deleted(id)),
    ];
    return { converged: converged !== false, settleMs: Date.now() - started, diverged, lost, onBoard: stored.ids.size };
  }

  close(): void {
    for (const client of this.fuzzers) client.close();
    for (const witness of this.witnesses) witness.client.destroy();
  }
}

function watch(client: BoardClient, name: string, memberId: string): Witness {
  const witness: Witness = { client, name, memberId, shown: [], added: [], errors: [] };
  const record = () => {
    const { text } = describeSyncStatus({ status: client.status, pending: client.pending, retrying: client.retrying });
    if (witness.shown.at(-1)?.text !== text) witness.shown.push({ at: Date.now(), text });
  };
  for (const event of ["status", "pending", "retrying"] as const) client.on(event, record);
  client.on("error", (error) => witness.errors.push(error.code));
  return witness;
}
