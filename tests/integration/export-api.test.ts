/**
 * The export and import endpoints, called as Next's route files call them, against PostgreSQL:
 * content types and file names, live edits included, imports that succeed or create nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export/formats";
import { normalizeParleyJson } from "@/lib/export/json";
import { handleExport, handleImport, handleSource } from "@/server/http/export-api";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

const exportRequest = (id: string, query: string) => new Request(`http://localhost:3000/api/boards/${id}/export?${query}`);
const importRequest = (body: string, query = "") => new Request(`http://localhost:3000/api/boards/import${query}`, { method: "POST", body });

async function boardCount(server: RunningParley): Promise<number> {
  return (await server.context.store.listRecentBoards(1000)).length;
}

describe("export and import API", () => {
  let db: TestDatabase;
  let server: RunningParley;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it.each(Object.keys(EXPORT_FORMATS) as ExportFormat[])("serves %s with its content type and an attachment file name", async (format) => {
    const response = await handleExport(exportRequest("demo", `format=${format}`), "demo");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(EXPORT_FORMATS[format].contentType);
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
    expect(disposition).toContain(`.${EXPORT_FORMATS[format].extension}`);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
  }, 120_000); // svg is the first format drawn in the render pool: its cold thread loads every renderer

  it("links Web Annotations to the source endpoint, which serves the text", async () => {
    const annotations = await (await handleExport(exportRequest("demo", "format=annotations"), "demo")).text();
    expect(annotations).toContain("http://localhost:3000/api/boards/demo/source");
    const source = await handleSource(new Request("http://localhost:3000/api/boards/demo/source"), "demo");
    expect(source.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await source.text()).toMatch(/^Can the US and Pakistan reset bilateral ties\?/);
  });

  it("serves the map's PNG whole, at twice the map SVG's size, however the body is read", async () => {
    const svg = await (await handleExport(exportRequest("demo", "format=svg"), "demo")).text();
    const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    const response = await handleExport(exportRequest("demo", "format=png"), "demo");
    expect(response.status).toBe(200);
    // Streamed in one chunk (server/http/respond.ts bytesBody), then read back as a whole file.
    const png = Buffer.from(await response.arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: width * 2, height: height * 2 });
    // The image ends with its IEND chunk: nothing was cut off on the way out.
    expect(png.subarray(-8, -4).toString("latin1")).toBe("IEND");
  }, 120_000);

  it("refuses an unknown format or board with the documented errors", async () => {
    const badFormat = await handleExport(exportRequest("demo", "format=docx"), "demo");
    expect(badFormat.status).toBe(400);
    expect((await badFormat.json()).code).toBe("bad-request");
    const noBoard = await handleExport(exportRequest("nope", "format=json"), "nope");
    expect(noBoard.status).toBe(404);
    expect((await noBoard.json()).code).toBe("board-not-found");
  });

  it("imports a Parley JSON export as a new board that exports the same again", async () => {
    const exported = await (await handleExport(exportRequest("demo", "format=json"), "demo")).text();
    const created = await handleImport(importRequest(exported));
    expect(created.status).toBe(201);
    const { board, url, facilitatorInvite } = await created.json();
    expect(url).toBe(`/b/${board.id}`);
    // An imported board is managed: its facilitator's link lets the export through.
    const again = await (await handleExport(exportRequest(board.id, `format=json&invite=${facilitatorInvite}`), board.id)).text();
    expect(normalizeParleyJson(again)).toBe(normalizeParleyJson(exported));
  });

  it("imports an Argdown export as a new board with the same arguments", async () => {
    const exported = await (await handleExport(exportRequest("demo", "format=argdown"), "demo")).text();
    const created = await handleImport(importRequest(exported, "?format=argdown"));
    expect(created.status).toBe(201);
    const { board, facilitatorInvite } = await created.json();
    const original = JSON.parse(await (await handleExport(exportRequest("demo", "format=json"), "demo")).text());
    const copy = JSON.parse(await (await handleExport(exportRequest(board.id, `format=json&invite=${facilitatorInvite}`), board.id)).text());
    expect(copy.arguments).toEqual(original.arguments);
    expect(copy.quotes).toEqual(original.quotes);
  });

  it("refuses broken files with line numbers and leaves nothing behind", async () => {
    const before = await boardCount(server);
    const notJson = await handleImport(importRequest('{\n  "type": "parley-board",\n  oops\n}', "?format=json"));
    expect(notJson.status).toBe(422);
    const body = await notJson.json();
    expect(body.code).toBe("invalid-content");
    expect(body.details.errors[0].line).toBeGreaterThan(0);

    // Well-formed, but one quote is not in the source: the whole import is refused.
    const exported = JSON.parse(await (await handleExport(exportRequest("demo", "format=json"), "demo")).text());
    exported.quotes[3].exact = "words that are nowhere in the article";
    const forged = await handleImport(importRequest(JSON.stringify(exported)));
    expect(forged.status).toBe(422);
    expect((await forged.json()).details.errors.length).toBeGreaterThan(0);

    const empty = await handleImport(importRequest("   "));
    expect(empty.status).toBe(400);
    const unknown = await handleImport(importRequest("x", "?format=docx"));
    expect(unknown.status).toBe(400);
    expect(await boardCount(server)).toBe(before);
  });

  it("refuses an import over 5 MB", async () => {
    const response = await handleImport(importRequest("x".repeat(5_000_001)));
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe("payload-too-large");
  });
});
