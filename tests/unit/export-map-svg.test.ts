import ELK from "elkjs/lib/elk.bundled.js";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { initBoardDoc, readBoard } from "@/lib/board/doc";
import { makePositions } from "@/lib/board/position";
import type { ExportBoard } from "@/lib/export/board-export";
import { boardMapGraph, MAX_COLLAPSED, parsePictureQuery } from "@/lib/map/board-map";
import { buildMapGraph } from "@/lib/map/graph";
import { layoutMap } from "@/lib/map/layout";
import { toMapSvg } from "@/lib/map/map-svg";
import { layoutBoardMap, renderMapSvg } from "@/server/export/map-render";
import { demoPositionDrafts, fillDemoBoard, loadDemoSource } from "@/prisma/seed/demo-board";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";
import { wellFormedProblem } from "./support/xml-well-formed";

/** Every drawn node as { id, kind, x, y, width, height } from its group and box. */
function drawnNodes(svg: string) {
  return [...svg.matchAll(/<g class="node (position|argument)" data-id="([^"]+)" transform="translate\(([\d.]+) ([\d.]+)\)">(?:<title>[^<]*<\/title>)?<rect (?:class="card" )?width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
    kind: m[1],
    id: m[2],
    x: Number(m[3]),
    y: Number(m[4]),
    width: Number(m[5]),
    height: Number(m[6]),
  }));
}
const drawnEdges = (svg: string) => [...svg.matchAll(/<path class="edge (support|attack)" data-id="([^"]+)" d="([^"]+)" marker-end="url\(#(\w+)-end\)"\/>/g)].map((m) => ({ relation: m[1], id: m[2], d: m[3], marker: m[4] }));
const mapTop = (svg: string) => Number(/<g class="map" transform="translate\(0 ([\d.]+)\)">/.exec(svg)![1]);

describe("map SVG export", () => {
  const demo = demoExportBoard();

  it("draws every position and argument as a node and every answer as an edge", async () => {
    const svg = await renderMapSvg(demo);
    const nodes = drawnNodes(svg);
    expect(nodes.map((n) => n.id).sort()).toEqual([...demo.positions.map((p) => p.id), ...demo.arguments.map((a) => a.id)].sort());
    expect(nodes.filter((n) => n.kind === "position")).toHaveLength(demo.positions.length);
    const edges = drawnEdges(svg);
    expect(edges.map((e) => e.id).sort()).toEqual(demo.arguments.map((a) => `e:${a.id}`).sort());
    for (const arg of demo.arguments) {
      expect(svg).toContain(`${arg.stance === "for" ? "For" : "Against"} · ${arg.authorName}`);
    }
  });

  it("draws support green and solid with an arrow, attack red and dashed with a bar, and says so in a legend", async () => {
    const svg = await renderMapSvg(demo);
    const stanceOf = new Map(demo.arguments.map((a) => [`e:${a.id}`, a.stance]));
    for (const edge of drawnEdges(svg)) {
      expect(edge.relation).toBe(stanceOf.get(edge.id) === "for" ? "support" : "attack");
      expect(edge.marker).toBe(edge.relation);
    }
    expect(svg).toMatch(/\.support \{ stroke: #138a4f; \}/);
    expect(svg).toMatch(/\.attack \{ stroke: #c8283a; stroke-dasharray: 6 4; \}/);
    expect(svg).toContain(`<marker id="support-end"`);
    expect(svg).toMatch(/<marker id="attack-end"[^>]*><path d="M9 0 V12"/);
    expect(svg).toContain("supports (arrow points at what it backs)");
    expect(svg).toContain("attacks (bar marks what it rebuts)");
    for (const position of demo.positions) expect(svg).toContain(`>${position.label}</text>`);
  });

  it("places every node exactly where the screen's layout of the same board puts it", async () => {
    // The screen's path: the live document read as the board screen reads it, then the shared graph and layout.
    const source = loadDemoSource();
    const doc = new Y.Doc();
    initBoardDoc(doc, { title: source.title, sourceSha256: source.sha256 }, makePositions(demoPositionDrafts()));
    fillDemoBoard(doc, source.text, Date.UTC(2026, 10, 27, 9, 0, 0));
    const state = readBoard(doc);
    const screen = await layoutMap(buildMapGraph(state.positions, state.arguments), new ELK());

    const svg = await renderMapSvg(demo);
    const top = mapTop(svg);
    const drawn = new Map(drawnNodes(svg).map((n) => [n.id, n]));
    expect(drawn.size).toBe(screen.nodes.length);
    for (const node of screen.nodes) {
      expect(drawn.get(node.id)).toEqual({ id: node.id, kind: node.kind, x: node.x, y: node.y, width: node.width, height: node.height });
      for (const line of node.lines) expect(svg).toContain(`>${line.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</text>`);
    }
    for (const edge of screen.edges) {
      const path = drawnEdges(svg).find((e) => e.id === edge.id)!;
      const [first, ...rest] = [...edge.points].reverse();
      expect(path.d).toBe(`M${first.x} ${first.y}` + rest.map((p) => ` L${p.x} ${p.y}`).join(""));
    }
    expect(top).toBeGreaterThan(0);
  });

  it("is the same bytes every time for the same board", async () => {
    expect(await renderMapSvg(demoExportBoard())).toBe(await renderMapSvg(demo));
  });

  it("escapes hostile titles, texts and names into well-formed XML", async () => {
    const board: ExportBoard = structuredClone(hostileExportBoard());
    board.arguments[0].text += " \u0007\u0000 ]]> <script>alert(1)</script> &amp;";
    board.arguments[0].authorName = "<b>\"Mallory\" & 'co'</b>";
    const svg = await renderMapSvg(board);
    expect(wellFormedProblem(svg)).toBeNull();
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;b&gt;&quot;Mallory&quot; &amp; &apos;co&apos;&lt;/b&gt;");
    expect(svg).toContain("Hostile = board, &quot;quoted&quot;");
    expect(wellFormedProblem(await renderMapSvg(demo))).toBeNull();
  });

  it("folds the collapsed subtrees as the screen does, with a count on the folded node", async () => {
    const root = demo.arguments.find((a) => demo.arguments.some((b) => b.parentId === a.id))!;
    const below = (id: string): number => demo.arguments.filter((a) => a.parentId === id).reduce((n, a) => n + 1 + below(a.id), 0);
    const svg = await renderMapSvg(demo, [root.id]);
    expect(drawnNodes(svg)).toHaveLength(demo.positions.length + demo.arguments.length - below(root.id));
    expect(svg).toContain(`+${below(root.id)} hidden`);
    const folded = await renderMapSvg(demo, [demo.positions[0].id]);
    expect(folded).toMatch(/<text[^>]*class="meta">\+\d+ hidden<\/text>/);
  });

  it("shows results only when the session has revealed them", async () => {
    const arg = demo.arguments[0];
    expect(await renderMapSvg(demo)).not.toMatch(/Vote results|strength \d/);
    const revealed: ExportBoard = { ...demo, results: { tallies: [{ argumentId: arg.id, votes: 2, strength: 4.5, quoteSupport: 3 }], sides: [], teams: [] } };
    const svg = await renderMapSvg(revealed);
    expect(svg).toContain("Vote results");
    expect(svg).toContain(`— ${arg.authorName} · strength 4.5, 2 votes</title>`);
    expect(svg).toMatch(/class="meta">For · \S+ · \d quotes? · ★ 4\.5 \(2\)<\/text>/);
    expect(svg).toContain("average strength, 1 to 5");
    // A facilitator's ballots alone (not revealed) never reach the picture.
    const ballots: ExportBoard = { ...demo, votes: [{ argumentId: arg.id, memberId: "m1", strength: 5, quoteSupport: 5, at: "2026-11-27T09:00:00.000Z" }] };
    expect(await renderMapSvg(ballots)).not.toMatch(/strength \d/);
  });

  it("draws an empty board as a title and a legend", async () => {
    const empty: ExportBoard = { ...demo, arguments: [] };
    const svg = toMapSvg(empty, await layoutBoardMap(empty));
    expect(wellFormedProblem(svg)).toBeNull();
    expect(drawnNodes(svg)).toHaveLength(demo.positions.length);
    expect(drawnEdges(svg)).toHaveLength(0);
  });

  it("builds the graph in the screen's order whatever order the export lists arguments in", () => {
    const shuffled: ExportBoard = { ...demo, arguments: [...demo.arguments].reverse(), positions: [...demo.positions].reverse() };
    expect(boardMapGraph(shuffled)).toEqual(boardMapGraph(demo));
  });
});

describe("export picture query", () => {
  const parse = (query: string) => parsePictureQuery(new URLSearchParams(query));

  it("defaults to the map with nothing collapsed, and reads layout and collapsed ids", () => {
    expect(parse("format=svg")).toEqual({ ok: true, options: { layout: "map", collapsed: [] } });
    expect(parse("layout=columns")).toEqual({ ok: true, options: { layout: "columns", collapsed: [] } });
    expect(parse("collapsed=a1,pos-us,a1")).toEqual({ ok: true, options: { layout: "map", collapsed: ["a1", "pos-us"] } });
  });

  it("refuses an unknown layout, empty or over-long ids and too many ids with a clear message", () => {
    expect(parse("layout=radial")).toEqual({ ok: false, message: "layout must be one of: map, columns." });
    expect(parse("collapsed=a1,,b2")).toMatchObject({ ok: false, message: expect.stringMatching(/separated by commas/) });
    expect(parse(`collapsed=${"x".repeat(65)}`)).toMatchObject({ ok: false, message: expect.stringMatching(/at most 64/) });
    const many = Array.from({ length: MAX_COLLAPSED + 1 }, (_, i) => `n${i}`).join(",");
    expect(parse(`collapsed=${many}`)).toMatchObject({ ok: false, message: `At most ${MAX_COLLAPSED} collapsed nodes.` });
  });
});
