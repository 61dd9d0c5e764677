import type { ExportBoard } from "../../lib/export/board-export";
import { talliesOf } from "../../lib/export/results";
import { SVG_COLORS } from "../../lib/export/svg";
import { wrapText } from "../../lib/export/text-metrics";
import { MAP_NODE } from "../../lib/map/graph";
import type { MapLayout, PlacedEdge, PlacedNode, Point } from "../../lib/map/layout";
import { MAP_EDGE_STYLE, mapMetaLine } from "../../lib/map/map-svg";
import { GREY, INK, PAGE, put, type Doc } from "./pdf-layout";

/**
 * The handout's argument map: the very layout the screen and the SVG draw (computed by the render
 * worker, see map-render.ts), on A4 landscape pages. A map that fits at a readable size gets one page;
 * a larger one is cut into tiles of at most {@link MAX_MAP_TILES} pages, each tile a window onto the
 * same drawing, so pieces printed side by side line up. Beyond that (a 1,000-argument map is ~95,000 px
 * wide) the page is an overview of boxes and edges: text at 1 pt helps no one and costs most of the time.
 */

/** Map pixels to points at most 3:4, the size the map's 13 px text has on screen. */
const MAX_SCALE = 0.75;
/** Below this the map's text would print under ~4.5 pt: tile instead of shrinking further. */
export const MIN_READABLE_MAP_SCALE = 0.35;
export const MAX_MAP_TILES = 16;
const HEADING = 34; // room for the page's heading and its note

interface Tile {
  scale: number;
  columns: number;
  rows: number;
  /** False for an overview too small to read: boxes and edges only, with a note pointing to the SVG. */
  withText: boolean;
}

/**
 * How the map is cut (pure): one page when it fits readably, else tiles at the smallest readable scale
 * when they stay within {@link MAX_MAP_TILES}, else a one-page overview without text.
 */
export function planMapTiles(width: number, height: number, page: { width: number; height: number }): Tile {
  const fit = Math.min(MAX_SCALE, page.width / Math.max(1, width), page.height / Math.max(1, height));
  if (fit >= MIN_READABLE_MAP_SCALE) return { scale: fit, columns: 1, rows: 1, withText: true };
  const columns = Math.ceil((width * MIN_READABLE_MAP_SCALE) / page.width);
  const rows = Math.ceil((height * MIN_READABLE_MAP_SCALE) / page.height);
  if (columns * rows <= MAX_MAP_TILES) return { scale: MIN_READABLE_MAP_SCALE, columns, rows, withText: true };
  return { scale: fit, columns: 1, rows: 1, withText: false };
}

/** Adds the map pages at the end of the handout. */
export function drawMapPages(doc: Doc, board: ExportBoard, layout: MapLayout): void {
  if (layout.nodes.length === 0) return;
  doc.addPage({ size: "A4", layout: "landscape", margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.margin, right: PAGE.margin } });
  const area = { width: doc.page.width - PAGE.margin * 2, height: doc.page.height - PAGE.top - PAGE.bottom - HEADING };
  const tile = planMapTiles(layout.width, layout.height, area);
  const tallies = board.results ? talliesOf(board) : new Map();
  const args = new Map(board.arguments.map((a) => [a.id, a]));
  const colorOf = new Map(board.positions.map((p) => [p.id, p.color]));
  for (let row = 0; row < tile.rows; row++) {
    for (let column = 0; column < tile.columns; column++) {
      if (row + column > 0) doc.addPage({ size: "A4", layout: "landscape", margins: doc.page.margins });
      const part = tile.columns * tile.rows > 1 ? `Part ${row * tile.columns + column + 1} of ${tile.columns * tile.rows} (row ${row + 1}, column ${column + 1}): print the parts and lay them side by side.` : "";
      const note = tile.withText ? part : `An overview of ${layout.nodes.length} nodes, too large to print readably: download the SVG image to read every argument.`;
      put(doc, ["sansBold", 13, INK], "Argument map", [PAGE.margin, PAGE.top], { lineBreak: false });
      if (note) put(doc, ["sans", 8.5, GREY], note, [PAGE.margin, PAGE.top + 16], { lineBreak: false });
      // Window (in map pixels) this page shows; `at` maps a map point to the page.
      const window = { x: (column * area.width) / tile.scale, y: (row * area.height) / tile.scale, width: area.width / tile.scale, height: area.height / tile.scale };
      const origin = { x: PAGE.margin, y: PAGE.top + HEADING };
      const at = (p: Point): Point => ({ x: origin.x + (p.x - window.x) * tile.scale, y: origin.y + (p.y - window.y) * tile.scale });
      const inWindow = (x: number, y: number, w: number, h: number) => x < window.x + window.width && x + w > window.x && y < window.y + window.height && y + h > window.y;
      doc.save();
      doc.rect(origin.x, origin.y, area.width, area.height).clip();
      for (const edge of layout.edges) {
        const xs = edge.points.map((p) => p.x);
        const ys = edge.points.map((p) => p.y);
        if (xs.length && inWindow(Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs) + 1, Math.max(...ys) - Math.min(...ys) + 1)) drawEdge(doc, edge, at, tile.scale);
      }
      for (const node of layout.nodes) {
        if (!inWindow(node.x, node.y, node.width, node.height)) continue;
        const arg = args.get(node.id);
        const meta = node.kind === "argument" && tile.withText ? mapMetaLine(node, arg?.authorName ?? "", arg?.quotes.length ?? 0, tallies.get(node.id)) : "";
        drawNode(doc, node, at, tile.scale, SVG_COLORS[colorOf.get(node.positionId) ?? "indigo"], tile.withText ? meta : null);
      }
      doc.restore();
    }
  }
}

function drawEdge(doc: Doc, edge: PlacedEdge, at: (p: Point) => Point, scale: number): void {
  if (edge.points.length < 2) return;
  const style = MAP_EDGE_STYLE[edge.relation];
  // Drawn from the answering argument to what it answers, as in the SVG: the marker sits on the answered node.
  const points = [...edge.points].reverse().map(at);
  doc.moveTo(points[0].x, points[0].y);
  for (const p of points.slice(1)) doc.lineTo(p.x, p.y);
  doc.lineWidth(2 * scale);
  if (style.dash) doc.dash(style.dash[0] * scale, { space: style.dash[1] * scale });
  doc.stroke(style.color).undash();
  const end = points.at(-1)!;
  const before = points.at(-2)!;
  const length = Math.hypot(end.x - before.x, end.y - before.y) || 1;
  const [dx, dy] = [(end.x - before.x) / length, (end.y - before.y) / length];
  const size = 11 * scale;
  if (edge.relation === "support") {
    const base = { x: end.x - dx * size, y: end.y - dy * size };
    doc.polygon([end.x, end.y], [base.x - dy * size * 0.45, base.y + dx * size * 0.45], [base.x + dy * size * 0.45, base.y - dx * size * 0.45]).fill(style.color);
  } else {
    const bar = { x: end.x - dx * 2 * scale, y: end.y - dy * 2 * scale };
    doc.moveTo(bar.x - dy * size * 0.55, bar.y + dx * size * 0.55).lineTo(bar.x + dy * size * 0.55, bar.y - dx * size * 0.55).lineWidth(3 * scale).stroke(style.color);
  }
}

/** A node's box and stripe, and its text unless `meta` is null (an overview too small to read). */
function drawNode(doc: Doc, node: PlacedNode, at: (p: Point) => Point, scale: number, color: (typeof SVG_COLORS)[keyof typeof SVG_COLORS], meta: string | null): void {
  const { x, y } = at(node);
  const [w, h, pad] = [node.width * scale, node.height * scale, MAP_NODE.padding * scale];
  const position = node.kind === "position";
  doc.roundedRect(x, y, w, h, (position ? 10 : 8) * scale).lineWidth((position ? 2 : 1) * scale).fillAndStroke(position ? color.soft : "#ffffff", position ? color.base : "#c4cad4");
  if (!position) {
    doc.moveTo(x + 2 * scale, y + 6 * scale).lineTo(x + 2 * scale, y + h - 6 * scale).lineWidth(4 * scale);
    if (node.stance === "against") doc.dash(5 * scale, { space: 3 * scale });
    doc.stroke(color.base).undash();
  }
  if (meta === null) return;
  const text = position ? MAP_NODE.positionText : MAP_NODE.text;
  // pdfkit places text by its top; DejaVu's line box puts the glyphs about a sixth of a line below it.
  node.lines.forEach((line, i) => {
    put(doc, [position ? "sansBold" : "sans", text.size * scale, position ? color.strong : INK], line, [x + pad, y + pad + (i * text.line + (text.line - text.size) / 2) * scale], { lineBreak: false });
  });
  const metaText = position ? (node.hiddenCount > 0 ? `+${node.hiddenCount} hidden` : "") : (wrapText(meta, node.width - MAP_NODE.padding * 2, 11, 1)[0] ?? "");
  if (metaText) put(doc, ["sans", 11 * scale, GREY], metaText, [x + pad, y + pad + (node.lines.length * text.line + 2) * scale], { lineBreak: false });
}
