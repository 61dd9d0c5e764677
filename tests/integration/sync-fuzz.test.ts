/**
 * Seeded multi-client fuzz on a real sync server and PostgreSQL (issue 7: "never acknowledge what is
 * not stored"). Each seed: members of one board add, reply, edit, delete, drop offline and come back,
 * and cross edits with deletes on purpose; in the end every client, the live room and a fresh load
 * from the database agree, and every acknowledged addition is there unless a delete of it reached the
 * server. `npm test` runs a short schedule, `npm run soak` a long one. A failing seed replays with
 *   PARLEY_FUZZ_SEEDS=<seed> npx vitest run tests/integration/sync-fuzz.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { runFuzzSession, scheduleFromEnv } from "./support/fuzz-session";
import { startSyncServer } from "./support/server";

const schedule = scheduleFromEnv();
// Generous: the session itself is bounded by durationMs; the rest is waiting for a busy machine to settle.
const PER_SEED_TIMEOUT_MS = schedule.durationMs + 150_000;

describe(`sync fuzz: ${schedule.clients} clients, ${schedule.durationMs} ms per seed`, () => {
  let db: TestDatabase;
  let server: RunningParley;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Compact often, so fresh loads read snapshots and the log after them, as they do in production.
    // Every fuzz client comes from 127.0.0.1 and the seeds share one server: on a fast machine their
    // reconnects pass the per-IP join budget within the minute (abuse-limits tests cover that budget).
    server = await startSyncServer({ databaseUrl: db.url, compactEvery: 40, env: { PARLEY_JOINS_PER_MINUTE_PER_IP: "100000" } });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  for (const seed of schedule.seeds) {
    it(`seed ${seed}: nothing acknowledged is lost and everyone converges`, async () => {
      const report = await runFuzzSession(server, seed, schedule);
      console.log(`[sync-fuzz] ${report.line}${report.refusals.map((r) => `\n  refused: ${r}`).join("")}`);
      expect({ seed, lost: report.lost, diverged: report.diverged }).toEqual({ seed, lost: [], diverged: [] });
    }, PER_SEED_TIMEOUT_MS);
  }
});
