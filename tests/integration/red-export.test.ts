/**
 * Issue 8 re-check: exports are reachable without credentials (the open demo board is anyone's), and
 * PNG and PDF rendering is heavy. Measured before the fix (red-report): 8 PNG exports at once held the
 * event loop serving live boards for 3.2 s, 8 PDFs for 4.5 s (one answered 503). Exports now spend a
 * per-IP budget, and heavy renders run in a worker pool with a short queue (tests/integration/render-pool.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BOARD_ID } from "@/prisma/seed/demo-board";
import type { RunningParley } from "@/server/parley";
import * as exportRoute from "@/app/api/boards/[id]/export/route";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

const EXPORTS_PER_MINUTE = 3;
let db: TestDatabase;
let server: RunningParley;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startSyncServer({ databaseUrl: db.url, env: { PARLEY_EXPORTS_PER_MINUTE_PER_IP: String(EXPORTS_PER_MINUTE) } });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

function exportDemo(address: string, format = "json"): Promise<Response> {
  const request = new Request(`http://parley.test/api/boards/${DEMO_BOARD_ID}/export?format=${format}`, { headers: { host: "parley.test", "x-parley-client-address": address } });
  return exportRoute.GET(request, { params: Promise.resolve({ id: DEMO_BOARD_ID }) });
}

describe("red: exports are rate limited", () => {
  it("refuses an address's exports over its budget with a retryable rate-limited; other addresses are unaffected", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < EXPORTS_PER_MINUTE + 2; i++) statuses.push((await exportDemo("10.9.0.1")).status);
    expect(statuses).toEqual([...Array(EXPORTS_PER_MINUTE).fill(200), 429, 429]);
    const refused = await (await exportDemo("10.9.0.1")).json();
    expect(refused).toMatchObject({ code: "rate-limited", retry: true });
    expect((await exportDemo("10.9.0.2")).status).toBe(200);
  });
});
