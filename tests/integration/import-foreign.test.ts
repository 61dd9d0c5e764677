/**
 * AIF and Kialo imports through the HTTP route, against PostgreSQL: a good file becomes a board with
 * its arguments; a bad one creates nothing and lists every problem.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleExport, handleImport } from "@/server/http/export-api";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

const exportRequest = (id: string, query: string) => new Request(`http://localhost:3000/api/boards/${id}/export?${query}`);
const importRequest = (body: string, query = "") => new Request(`http://localhost:3000/api/boards/import${query}`, { method: "POST", body });

const OUTLINE = ["Discussion Title: Should cities ban cars downtown?", "", "1. Cities should ban cars downtown.", "1.1. Pro: Air quality improves.", "1.1.1. Con: Only on the main roads.", "1.2. Con: Shops lose customers.", ""].join("\n");

/** A created board as Parley JSON, read with its facilitator's link (imported boards are managed). */
async function exported(created: Response) {
  expect(created.status).toBe(201);
  const { board, facilitatorInvite, format } = await created.json();
  const json = JSON.parse(await (await handleExport(exportRequest(board.id, `format=json&invite=${facilitatorInvite}`), board.id)).text());
  return { format, json };
}

describe("AIF and Kialo imports through the API", () => {
  let db: TestDatabase;
  let server: RunningParley;
  const boardCount = async () => (await server.context.store.listRecentBoards(1000)).length;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it("an OVA3 export of a board, detected as AIF, comes back with the same arguments and quotes", async () => {
    const aif = await (await handleExport(exportRequest("demo", "format=aif&ova=1"), "demo")).text();
    const original = JSON.parse(await (await handleExport(exportRequest("demo", "format=json"), "demo")).text());
    // The file names the source revision its quotes come from, and the import still reads it.
    expect(JSON.parse(aif).parley).toEqual({ sourceRevision: original.source.revision, sourceSha256: original.source.sha256, quotesFrom: expect.stringMatching(/^revision \d+ \(sha256 [0-9a-f]{12}\)$/) });
    const { format, json } = await exported(await handleImport(importRequest(aif)));
    expect(format).toBe("aif");
    expect(json.positions.map((p: { label: string }) => p.label)).toEqual(original.positions.map((p: { label: string }) => p.label));
    const texts = (args: Array<{ text: string; stance: string }>) => args.map((a) => `${a.stance} ${a.text}`).sort();
    expect(texts(json.arguments)).toEqual(texts(original.arguments));
    expect(json.quotes.map((q: { exact: string }) => q.exact).sort()).toEqual([...new Set(original.quotes.map((q: { exact: string }) => q.exact))].sort());
  });

  it("a Kialo outline, detected from its title line, becomes a board with its arguments", async () => {
    const { format, json } = await exported(await handleImport(importRequest(OUTLINE)));
    expect(format).toBe("kialo");
    expect(json.board.title).toBe("Should cities ban cars downtown?");
    expect(json.positions.map((p: { label: string }) => p.label)).toEqual(["Cities should ban cars downtown.", "Not: Cities should ban cars downtown."]);
    expect(json.arguments.map((a: { text: string; stance: string }) => [a.stance, a.text])).toEqual([
      ["for", "Air quality improves."],
      ["against", "Only on the main roads."],
      ["against", "Shops lose customers."],
    ]);
  });

  it("bad files create nothing and list every problem with its line or node ids", async () => {
    const before = await boardCount();
    const outline = await handleImport(importRequest("1. Thesis\n1.2.1. Pro: orphan\n1.1. nothing", "?format=kialo"));
    expect(outline.status).toBe(422);
    expect((await outline.json()).details.errors).toEqual([
      { line: 2, message: "1.2.1. answers 1.2., which does not come before it." },
      { line: 3, message: '1.1. needs "Pro:" or "Con:" before its text.' },
    ]);

    const I = (nodeID: number) => ({ nodeID, text: `claim ${nodeID}`, type: "I" });
    const cycle = { nodes: [I(1), I(2), I(3), { nodeID: 4, text: "", type: "RA" }, { nodeID: 5, text: "", type: "CA" }], edges: [{ fromID: 2, toID: 4 }, { fromID: 4, toID: 3 }, { fromID: 3, toID: 5 }, { fromID: 5, toID: 2 }] };
    const aif = await handleImport(importRequest(JSON.stringify(cycle)));
    expect(aif.status).toBe(422);
    expect((await aif.json()).details.errors[0].message).toMatch(/Nodes 2 → 3 → 2 support or attack each other in a circle/);

    // Past the parsers, the board model refuses a chain deeper than it allows; still nothing is created.
    const deep = ["1. Root", ...Array.from({ length: 80 }, (_, d) => `1${".1".repeat(d + 1)}. Pro: level ${d}`)].join("\n");
    const tooDeep = await handleImport(importRequest(deep));
    expect(tooDeep.status).toBe(422);
    expect((await tooDeep.json()).details.errors.length).toBeGreaterThan(0);
    expect(await boardCount()).toBe(before);
  });
});
