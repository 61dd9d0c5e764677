/**
 * The map exports through the HTTP export path, against PostgreSQL: the argument map is the default
 * SVG/PNG picture, `layout=columns` keeps the old one, `collapsed=` folds what the screen folds, and
 * bad picture options are refused before any rendering.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleExport } from "@/server/http/export-api";
import { loadExportBoard } from "@/server/export/load-export-board";
import { renderMapSvg } from "@/server/export/map-render";
import { RenderPool } from "@/server/export/render-pool";
import { demoExportBoard } from "../unit/support/export-fixture";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

const exportDemo = (query: string) => handleExport(new Request(`http://localhost:3000/api/boards/demo/export?${query}`), "demo");
const nodeIds = (svg: string) => [...svg.matchAll(/<g class="node (?:position|argument)" data-id="([^"]+)"/g)].map((m) => m[1]);

describe("map exports over HTTP", { timeout: 180_000 }, () => {
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

  it("serves the argument map as the SVG by default, exactly the map of the stored board", async () => {
    const response = await exportDemo("format=svg");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    const svg = await response.text();
    const board = await loadExportBoard(server.context.store, "demo");
    expect(nodeIds(svg).sort()).toEqual([...board.positions.map((p) => p.id), ...board.arguments.map((a) => a.id)].sort());
    expect(svg).toBe(await renderMapSvg(board));
  });

  it("keeps the columns picture behind layout=columns", async () => {
    const svg = await (await exportDemo("format=svg&layout=columns")).text();
    expect(svg).toContain(`<rect class="card" x=`);
    expect(nodeIds(svg)).toEqual([]);
  });

  it("folds the collapsed nodes the request names, ignoring ids not on the board", async () => {
    const board = await loadExportBoard(server.context.store, "demo");
    const [first, second] = board.positions;
    const svg = await (await exportDemo(`format=svg&collapsed=${first.id},no-such-node`)).text();
    const inSecond = board.arguments.filter((a) => a.positionId === second.id).length;
    expect(nodeIds(svg)).toHaveLength(2 + inSecond);
    expect(svg).toContain(`+${board.arguments.length - inSecond} hidden`);
  });

  it("serves the map as PNG and the handout with its map page, collapsed or not", async () => {
    for (const query of ["format=png", "format=png&collapsed=pos-us", "format=png&layout=columns"]) {
      const response = await exportDemo(query);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(Buffer.from(await response.arrayBuffer()).subarray(1, 4).toString("latin1")).toBe("PNG");
    }
    const pdf = await exportDemo("format=pdf");
    expect(pdf.status).toBe(200);
    const raw = Buffer.from(await pdf.arrayBuffer()).toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/); // the landscape map page
  });

  it("refuses bad picture options with a 400 naming the problem", async () => {
    const layout = await exportDemo("format=svg&layout=radial");
    expect(layout.status).toBe(400);
    expect(await layout.json()).toMatchObject({ code: "bad-request", message: "layout must be one of: map, columns." });
    const many = Array.from({ length: 501 }, (_, i) => `n${i}`).join(",");
    const tooMany = await exportDemo(`format=png&collapsed=${many}`);
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).message).toBe("At most 500 collapsed nodes.");
    const empty = await exportDemo("format=pdf&collapsed=a,,b");
    expect(empty.status).toBe(400);
  });

  it("turns the worker's refusal of an unreadable map PNG into a 422 invalid-content error", async () => {
    // A map needs tens of thousands of nodes to pass the pixel cap; a tiny zoom takes the same path.
    const pool = new RenderPool();
    try {
      await expect(pool.renderPng(demoExportBoard(), { scale: 0.05 })).rejects.toMatchObject({ code: "invalid-content", message: expect.stringMatching(/too large for a readable PNG/) });
      expect([...(await pool.renderPng(demoExportBoard(), { scale: 0.5 })).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // the thread lives on
    } finally {
      await pool.close();
    }
  });
});
