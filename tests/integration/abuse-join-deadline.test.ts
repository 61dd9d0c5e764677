/**
 * The join deadline (issue 8, item 7: "2,000 sockets that never join stay open"): a socket that has
 * not joined a board PARLEY_JOIN_DEADLINE_MS after connecting is told why and closed; one that joined
 * stays. The deadline is short here; no test waits on a clock, only on the server's actions.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BOARD_ID } from "@/prisma/seed/demo-board";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { RawClient } from "./support/raw-client";
import { startSyncServer } from "./support/server";

let db: TestDatabase;
let server: RunningParley;
const open: RawClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  // Long enough for a join to finish on a busy machine, short enough for the test.
  server = await startSyncServer({ databaseUrl: db.url, env: { PARLEY_JOIN_DEADLINE_MS: "1500" } });
});
afterEach(() => {
  for (const client of open.splice(0)) client.close();
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

async function connect(): Promise<RawClient> {
  const client = await RawClient.connect(server.url);
  open.push(client);
  return client;
}

describe("abuse: join deadline", () => {
  it("closes a socket that never joins, with not-joined, and keeps one that joined in time", async () => {
    const joiner = await connect();
    expect(await joiner.join(DEMO_BOARD_ID)).toMatchObject({ ok: true });
    const idler = await connect();

    expect(await idler.disconnected()).toBe("io server disconnect");
    expect(idler.errors).toEqual([expect.objectContaining({ code: "not-joined", message: expect.stringMatching(/within 1.5 s/) })]);
    // The joiner connected first, so its own deadline has passed too.
    expect(joiner.socket.connected).toBe(true);
    expect(joiner.errors).toEqual([]);
  });
});
