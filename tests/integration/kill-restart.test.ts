/**
 * kill -9 under load (issue 7): the sync server runs as its own process on PostgreSQL while members
 * edit, and is killed with SIGKILL three times, once while a compaction's transaction is open. Clients
 * keep editing offline, come back when /api/health answers, and after the last restart every addition
 * the server acknowledged is on the board (unless a delete of it reached the server) and every client,
 * a newcomer and a fresh load from the database hold the same arguments.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argumentsMap, readPositions } from "@/lib/board/doc";
import { docFromParts } from "@/lib/board/snapshot";
import type { Role } from "@/lib/board/roles";
import { joinBoard } from "@/server/boards/join-board";
import { openDatabase, type Database } from "@/server/persistence/connect";
import { PrismaBoardStore } from "@/server/persistence/prisma-board-store";
import { seededRandom } from "../unit/support/board-fixture";
import { createArticleBoard } from "./support/board";
import { ChildServer } from "./support/child-server";
import { createTestDatabase, queryDatabase, type TestDatabase } from "./support/database";
import { FuzzClient, Ledger } from "./support/fuzz-client";
import { argumentsJSON, crossEditAndDelete, randomChange } from "./support/fuzz-session";
import { makeTempDir } from "./support/server";
import { waitFor } from "./support/wait";

const CLIENTS = 8;
const CYCLES = 3;
/** The cycle whose kill lands while a compaction holds its transaction open. */
const MID_COMPACTION = 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("sync server killed with SIGKILL under load", () => {
  let db: TestDatabase;
  let database: Database;
  let store: PrismaBoardStore;
  let server: ChildServer;
  const dir = makeTempDir("parley-kill-");
  const clients: FuzzClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    database = await openDatabase({ databaseUrl: db.url, dataDir: dir.path });
    await database.migrate();
    store = new PrismaBoardStore(database);
    server = await ChildServer.create({ databaseUrl: db.url, dataDir: dir.path, compactEvery: 6 });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.kill();
    await database?.close();
    await db?.drop();
    dir.remove();
  });

  /** The board as a fresh load from the database reads it. */
  async function storedJSON(boardId: string): Promise<{ json: string; ids: Set<string>; pending: boolean }> {
    const doc = docFromParts((await store.loadBoardState(boardId)).parts);
    const result = { json: argumentsJSON(doc), ids: new Set(argumentsMap(doc).keys()), pending: doc.store.pendingStructs !== null };
    doc.destroy();
    return result;
  }

  /** Every client has joined and loaded the board (the load keeps them busy, so not necessarily quiet). */
  const joinedAll = () =>
    waitFor(() => clients.every((c) => c.joined && readPositions(c.doc).length > 0), {
      timeoutMs: 60_000,
      message: `every client to rejoin (waiting: ${clients.filter((c) => !c.joined).map((c) => c.name).join(", ") || "none"}; server log: ${server.output.slice(-5).join(" / ")})`,
    });

  it("loses nothing acknowledged and everyone converges after three kills, one mid-compaction", async () => {
    const random = seededRandom(2026);
    const ledger = new Ledger();
    await server.start();
    const boardId = await createArticleBoard(store, "Kill -9 board");
    for (let i = 0; i < CLIENTS; i++) {
      const { member, memberToken } = await joinBoard(store, boardId, { displayName: `Survivor ${i + 1}` });
      clients.push(new FuzzClient(server.url, boardId, { memberId: member.id, memberToken, role: member.role as Role, displayName: member.displayName }, ledger));
    }
    for (const client of clients) client.connect();
    await joinedAll();

    // Background load: random changes, online or (while the server is down) offline, until stopped.
    let running = true;
    let tick = 0;
    const op = (name: string) => ledger.count(`op:${name}`);
    const load = (async () => {
      while (running) {
        const client = clients[Math.floor(random() * clients.length)];
        if (random() < 0.1 && client.online) crossEditAndDelete(client, clients, random, tick, op);
        else randomChange(client, random, tick, op, !client.online);
        tick++;
        await sleep(random() < 0.5 ? 5 : 1);
      }
    })();
    const acked = () => [...ledger.counts].filter(([k]) => k.startsWith("ack-ok:update")).reduce((n, [, v]) => n + v, 0);

    const notes: string[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const before = acked();
      await waitFor(() => acked() >= before + 25, { timeoutMs: 60_000, message: `cycle ${cycle}: edits to be acknowledged` });
      if (cycle === MID_COMPACTION) {
        // Held at its row lock until the kill (see ChildServer.killDuringCompaction).
        expect(await server.killDuringCompaction(db, boardId), `a compaction to start (server log: ${server.output.slice(-3).join(" / ")})`).toBe(true);
        notes.push(`cycle ${cycle}: killed while a compaction waited inside its transaction`);
      } else {
        await waitFor(() => clients.some((c) => c.online && !c.quiet), { timeoutMs: 30_000, message: "frames in flight" });
        const inFlight = clients.filter((c) => c.online && !c.quiet).length;
        await server.kill();
        notes.push(`cycle ${cycle}: killed with ${inFlight} clients awaiting an answer`);
      }
      await waitFor(() => clients.every((c) => !c.online), { message: "every client to notice the server is gone" });
      const offlineFrom = tick;
      await waitFor(() => tick >= offlineFrom + 20, { message: "offline edits" });
      await server.start();
      for (const client of clients) client.connect();
      await joinedAll();
    }

    // Let at least one compaction finish after the last restart (kills can come faster than folds), so
    // the final fresh load reads a snapshot written by a server that was itself restarted from a kill.
    const foldedBefore = server.compactions;
    await waitFor(() => server.compactions > foldedBefore, { timeoutMs: 60_000, message: "a compaction after the last restart" });
    running = false;
    await load;
    for (const client of clients) client.connect();
    const stored = await waitFor(
      async () => {
        const now = await storedJSON(boardId);
        return clients.every((c) => c.quiet && argumentsJSON(c.doc) === now.json) ? now : null;
      },
      { timeoutMs: 60_000, message: "every client to converge with the database" },
    );

    const newcomer = new FuzzClient(server.url, boardId, clients[0].seat, new Ledger());
    newcomer.connect();
    await waitFor(() => newcomer.quiet && readPositions(newcomer.doc).length > 0, { message: "a newcomer to load the board" });
    const served = argumentsJSON(newcomer.doc);
    newcomer.close();

    const lost = [...ledger.ackedAdds.keys()].filter((id) => !stored.ids.has(id) && !ledger.deletes.has(id));
    const snapshots = await queryDatabase<{ n: string }>(db.url, "SELECT count(*) AS n FROM board_snapshots WHERE board_id = $1", [boardId]);
    console.log(
      `[kill-restart] ${notes.join("; ")} | compactions=${server.compactions} snapshots=${snapshots[0].n} ` +
        `ackedAdds=${ledger.ackedAdds.size} onBoard=${stored.ids.size} lost=${lost.length} | ${ledger.summary()}`,
    );
    expect(lost).toEqual([]);
    expect(stored.pending).toBe(false);
    expect(served).toBe(stored.json);
  }, 400_000);
});

/**
 * Holds the board's row in KEY SHARE mode, which appends do not mind but a compaction's FOR UPDATE
 * waits for; once PostgreSQL shows the compaction waiting inside its open transaction, the server is
 * killed, and only then is the row let go. The orphaned transaction can never commit.
 */
