/**
 * Who gets the vote results in an export: everyone once the facilitator has revealed them, nobody
 * before — not even a facilitator's handout (their export carries the individual ballots, which only
 * the data formats use).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toMarkdown } from "@/lib/export/markdown";
import { writeSession } from "@/lib/session/session";
import { demoPositionDrafts, fillDemoBoard, loadDemoSource } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { loadExportBoard } from "@/server/export/load-export-board";
import type { RunningParley } from "@/server/parley";
import * as exportRoute from "@/app/api/boards/[id]/export/route";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

const ARGUMENT = "demo-us-for-1";
let db: TestDatabase;
let server: RunningParley;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startSyncServer({ databaseUrl: db.url, env: { PARLEY_EXPORTS_PER_MINUTE_PER_IP: "100" } });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

/** An open board (anyone may export it) with two ballots on one argument. */
async function ratedBoard(revealed: boolean): Promise<string> {
  const at = new Date("2026-11-27T10:00:00Z");
  const board = await createBoard(server.context.store, {
    title: revealed ? "Revealed board" : "Hidden board",
    source: loadDemoSource(),
    positions: demoPositionDrafts(),
    accessMode: "open",
    votes: [
      { argumentId: ARGUMENT, memberId: "m1", strength: 5, quoteSupport: 4, at },
      { argumentId: ARGUMENT, memberId: "m2", strength: 4, quoteSupport: 2, at },
    ],
    fill: (doc, text) => {
      fillDemoBoard(doc, text, at.getTime());
      writeSession(doc, { voting: { revealed } });
    },
  });
  return board.id;
}

async function exportText(boardId: string, format: string): Promise<string> {
  const request = new Request(`http://parley.test/api/boards/${boardId}/export?format=${format}`, { headers: { host: "parley.test", "x-parley-client-address": "10.12.0.1" } });
  const response = await exportRoute.GET(request, { params: Promise.resolve({ id: boardId }) });
  expect(response.status).toBe(200);
  return response.text();
}

const csvRow = (csv: string) => csv.split("\r\n").find((line) => line.startsWith(`${ARGUMENT},`))!;

describe("vote results in exports", () => {
  it("are left out of everyone's handouts and data while hidden", async () => {
    const id = await ratedBoard(false);
    expect(await exportText(id, "markdown")).not.toMatch(/Vote results|\d votes?/);
    expect(await exportText(id, "svg")).not.toMatch(/Vote results|strength \d|★ \d/);
    // votes, mean_strength and mean_quote_support stay empty; source_revision follows them.
    expect(csvRow(await exportText(id, "csv"))).toMatch(/,,,revision 1 \(sha256 [0-9a-f]{12}\)$/);
  });

  it("are left out of a facilitator's handout while hidden, though their export carries the ballots", async () => {
    const board = await loadExportBoard(server.context.store, await ratedBoard(false), undefined, { includeVotes: true });
    expect(board.votes).toHaveLength(2);
    expect(board.results).toBeNull();
    expect(toMarkdown(board)).not.toMatch(/Vote results|\d votes?/);
  });

  it("are in everyone's handouts and data once revealed", async () => {
    const id = await ratedBoard(true);
    const md = await exportText(id, "markdown");
    expect(md).toContain("## Vote results");
    expect(md).toContain("· 2 votes · strength 4.5 · quote support 3.0");
    const svg = await exportText(id, "svg");
    expect(svg).toContain("★ 4.5 (2)");
    expect(svg).toContain("strength 4.5, 2 votes");
    expect(csvRow(await exportText(id, "csv"))).toMatch(/,2,4\.50,3\.00,revision 1 \(sha256 [0-9a-f]{12}\)$/);
  });
});
