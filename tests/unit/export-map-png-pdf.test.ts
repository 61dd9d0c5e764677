import { describe, expect, it } from "vitest";
import type { MapLayout, PlacedNode } from "@/lib/map/layout";
import { DEFAULT_PNG_SCALE, MAX_PNG_PIXELS } from "@/server/export/png";
import { layoutBoardMap, MapTooLarge, mapPngScale, MIN_MAP_PNG_SCALE, renderMapPng, renderMapSvg } from "@/server/export/map-render";
import { renderPdfHandout } from "@/server/export/pdf";
import { MAX_MAP_TILES, MIN_READABLE_MAP_SCALE, planMapTiles } from "@/server/export/pdf-map";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";
import { pageCount, pdfText, squash } from "./support/pdf-text";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};
const svgSize = (svg: string) => {
  const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
  return { width, height };
};

describe("map PNG", () => {
  it("rasterises the map SVG at twice its size, the same bytes each time", async () => {
    const demo = demoExportBoard();
    const png = await renderMapPng(demo);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const { width, height } = svgSize(await renderMapSvg(demo));
    expect(pngSize(png)).toEqual({ width: width * DEFAULT_PNG_SCALE, height: height * DEFAULT_PNG_SCALE });
    expect(Buffer.from(await renderMapPng(demoExportBoard())).equals(Buffer.from(png))).toBe(true);
  });

  it("draws the hostile board and a folded map", async () => {
    const hostile = hostileExportBoard();
    expect([...(await renderMapPng(hostile, [hostile.arguments[0].id], { scale: 1 })).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it("scales a large map down to the pixel cap and refuses one that would be unreadable", () => {
    expect(mapPngScale(2000, 1000)).toBe(2);
    const wide = mapPngScale(95_000, 1_100); // a 1,000-argument map
    expect(95_000 * 1_100 * wide * wide).toBeLessThanOrEqual(MAX_PNG_PIXELS);
    expect(wide).toBeGreaterThanOrEqual(MIN_MAP_PNG_SCALE);
    expect(() => mapPngScale(120_000, 20_000)).toThrow(MapTooLarge);
    expect(() => mapPngScale(120_000, 20_000)).toThrow(/too large for a readable PNG.*Download the SVG image or the PDF handout instead, or collapse some branches/);
  });
});

const node = (id: string, x: number, y: number, lines: string[]): PlacedNode => ({
  id, kind: "argument", positionId: "pos-a", parentId: "pos-a", stance: "for", lines, width: 240, height: 80, hiddenCount: 0, x, y,
});

describe("map pages of the PDF handout", () => {
  it("adds one landscape map page drawing every node's lines and meta line", async () => {
    const demo = demoExportBoard();
    const without = await renderPdfHandout(demo, { compress: false });
    const layout = await layoutBoardMap(demo);
    const pdf = await renderPdfHandout(demo, { compress: false, map: layout });
    expect(pageCount(pdf)).toBe(pageCount(without) + 1);
    expect(Buffer.from(pdf).toString("latin1")).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    const text = squash(pdfText(pdf));
    expect(text).toContain("Argument map");
    for (const placed of layout.nodes) expect(text).toContain(placed.lines[0].replace(/\s+/g, " "));
    expect(text).toContain(`For · ${demo.arguments.find((a) => a.stance === "for")!.authorName}`);
    // Deterministic like the rest of the handout.
    expect(Buffer.from(await renderPdfHandout(demo, { map: layout })).equals(Buffer.from(await renderPdfHandout(demo, { map: layout })))).toBe(true);
  });

  it("plans one page, readable tiles, or an overview by the map's size", () => {
    const page = { width: 720, height: 440 };
    expect(planMapTiles(900, 500, page)).toEqual({ scale: 0.75, columns: 1, rows: 1, withText: true });
    expect(planMapTiles(1500, 800, page)).toMatchObject({ columns: 1, rows: 1, withText: true });
    const tiled = planMapTiles(6000, 1500, page);
    expect(tiled).toEqual({ scale: MIN_READABLE_MAP_SCALE, columns: 3, rows: 2, withText: true });
    expect(tiled.columns * tiled.rows).toBeLessThanOrEqual(MAX_MAP_TILES);
    expect(planMapTiles(95_000, 1_100, page)).toMatchObject({ columns: 1, rows: 1, withText: false });
  });

  it("tiles a wide map into labelled parts, each node on the part that shows it", async () => {
    const board = demoExportBoard();
    const nodes = [node("far-left", 24, 24, ["Leftmost argument"]), node("far-right", 5200, 24, ["Rightmost argument"])];
    const layout: MapLayout = { width: 5464, height: 128, nodes, edges: [] };
    const pdf = await renderPdfHandout(board, { compress: false, map: layout });
    const text = squash(pdfText(pdf));
    expect(pageCount(pdf)).toBe(pageCount(await renderPdfHandout(board)) + 3);
    expect(text).toContain("Part 1 of 3 (row 1, column 1)");
    expect(text).toContain("Part 3 of 3 (row 1, column 3)");
    expect(text).toContain("Leftmost argument");
    expect(text).toContain("Rightmost argument");
  });

  it("draws a map too large to print as an overview of boxes without text, saying where to read it", async () => {
    const board = demoExportBoard();
    const nodes = [node("left", 24, 24, ["Unreadably small"]), node("right", 94_000, 24, ["Also tiny"])];
    const pdf = await renderPdfHandout(board, { compress: false, map: { width: 94_264, height: 1_100, nodes, edges: [] } });
    const text = squash(pdfText(pdf));
    expect(pageCount(pdf)).toBe(pageCount(await renderPdfHandout(board)) + 1);
    expect(text).toContain("An overview of 2 nodes, too large to print readably: download the SVG image");
    expect(text).not.toContain("Unreadably small");
  });
});
