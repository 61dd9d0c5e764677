/**
 * Shared set-up for the suites that throw bad input at the sync server, and the check each of their
 * tests ends with: the server still answers, other clients still work, and nothing was stored.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { readBoard, type BoardState } from "@/lib/board/doc";
import type { RunningParley } from "@/server/parley";
import { addTestArgument, boardAsServedBy, createArticleBoard, openClient, saved, sees, type TestClient } from "./board";
import { createTestDatabase, queryDatabase, type TestDatabase } from "./database";
import { RawClient } from "./raw-client";
import { fetchHealth, startSyncServer } from "./server";

export interface BadInputHarness {
  db: TestDatabase;
  server: RunningParley;
  boardId: string;
  /** Two well-behaved clients, connected for the whole suite. */
  alice: TestClient;
  bob: TestClient;
  /** A raw client, closed after the test. */
  raw(): Promise<RawClient>;
  /** What a test must leave as it found it. */
  snapshot(): Promise<BoardSnapshot>;
}

export interface BoardSnapshot {
  rows: string[];
  board: BoardState;
}

/** Registers the suite's hooks; the returned object is filled in by beforeAll. */
export function useBadInputHarness(): BadInputHarness {
  const raws: RawClient[] = [];
  const harness = {} as BadInputHarness;
  beforeAll(async () => {
    harness.db = await createTestDatabase();
    harness.server = await startSyncServer({ databaseUrl: harness.db.url });
    harness.boardId = await createArticleBoard(harness.server.context.store);
    harness.alice = await openClient(harness.server.url, harness.boardId);
    harness.bob = await openClient(harness.server.url, harness.boardId);
    harness.raw = async () => {
      const raw = await RawClient.connect(harness.server.url);
      raws.push(raw);
      return raw;
    };
    harness.snapshot = async () => ({
      rows: (
        await queryDatabase<{ seq: number; data: Buffer }>(harness.db.url, `SELECT seq, data FROM board_updates WHERE board_id = $1 ORDER BY seq`, [
          harness.boardId,
        ])
      ).map((r) => `${r.seq}:${r.data.toString("hex")}`),
      board: await boardAsServedBy(harness.server.url, harness.boardId),
    });
  });
  afterEach(() => {
    for (const raw of raws.splice(0)) raw.close();
  });
  afterAll(async () => {
    harness.alice?.destroy();
    harness.bob?.destroy();
    await harness.server?.close();
    await harness.db?.drop();
  });
  return harness;
}

/**
 * Asserts that the bad input changed nothing: the same rows in board_updates, the same board for a
 * newcomer, /api/health still 200, and the well-behaved clients can still edit and see each other's edits.
 */
export async function expectUnharmed(h: BadInputHarness, before: BoardSnapshot): Promise<void> {
  const after = await h.snapshot();
  expect(after.rows).toEqual(before.rows);
  expect(after.board).toEqual(before.board);
  expect((await fetchHealth(h.server)).status).toBe(200);

  const added = addTestArgument(h.alice.doc, { text: `Still working ${after.rows.length}.` });
  await saved(h.alice);
  await sees(h.bob, added.id);
  expect(readBoard(h.bob.doc)).toEqual(readBoard(h.alice.doc));
  expect([...h.alice.errors, ...h.bob.errors]).toEqual([]);
}
