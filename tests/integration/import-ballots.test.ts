/**
 * A real lesson exported as Parley JSON, with a class's worth of ballots, imports on both SQL stores.
 * Regression: each ballot used to be inserted on its own inside the creating transaction, so ~480 of
 * them outran its 5-second limit and the import failed with "storage-unavailable".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportVote } from "@/lib/export/board-export";
import { fromParleyJson, toParleyJson } from "@/lib/export/json";
import { importBoard } from "@/server/boards/import-board";
import { openDatabase, type Database } from "@/server/persistence/connect";
import { PrismaBoardStore } from "@/server/persistence/prisma-board-store";
import { demoExportBoard } from "../unit/support/export-fixture";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { makeTempDir } from "./support/server";

const BALLOTS = 1_000;

/** The demo lesson with BALLOTS distinct ballots (every argument rated by enough members), as a file. */
function lessonWithBallots(): string {
  const demo = demoExportBoard();
  const votes: ExportVote[] = [];
  for (let member = 0; votes.length < BALLOTS; member++) {
    for (const argument of demo.arguments) {
      if (votes.length === BALLOTS) break;
      const at = new Date(Date.UTC(2026, 10, 27, 9, 0, votes.length)).toISOString();
      votes.push({ argumentId: argument.id, memberId: `member-${member}`, strength: 1 + (votes.length % 5), quoteSupport: null, at });
    }
  }
  return toParleyJson({ ...demo, votes });
}

function defineImportCase(name: string, open: () => Promise<{ database: Database; cleanup: () => Promise<void> }>): void {
  describe(`import of ${BALLOTS} ballots: ${name}`, () => {
    let database: Database;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ database, cleanup } = await open());
      await database.migrate();
    }, 60_000);
    afterAll(async () => cleanup?.());

    it("stores the board with every ballot and its history, in the file's order", async () => {
      const parsed = fromParleyJson(lessonWithBallots());
      if (!parsed.ok) throw new Error(parsed.errors[0].message);
      const store = new PrismaBoardStore(database);
      const board = await importBoard(store, parsed.board);

      const votes = await store.listVotes(board.id);
      expect(votes).toHaveLength(BALLOTS);
      const events = await store.listVoteEvents(board.id);
      expect(events.map((e) => `${e.argumentId}/${e.memberId}`)).toEqual(parsed.board.votes.map((v) => `${v.argumentId}/${v.memberId}`));
      expect(events[0].at.toISOString()).toBe(parsed.board.votes[0].at);
    }, 120_000);
  });
}

defineImportCase("PostgreSQL", async () => {
  const testDb: TestDatabase = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: testDb.url, dataDir: "unused" });
  return { database, cleanup: async () => (await database.close(), await testDb.drop()) };
});

defineImportCase("PGlite", async () => {
  const dir = makeTempDir("parley-import-pglite-");
  const database = await openDatabase({ dataDir: dir.path });
  return { database, cleanup: async () => (await database.close(), dir.remove()) };
});
