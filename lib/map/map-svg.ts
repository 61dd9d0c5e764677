import type { ExportBoard } from "../export/board-export";
import { oneDecimal, resultSummary, talliesOf } from "../export/results";
import { escapeXml, RELATION_COLORS, SVG_COLORS } from "../export/svg";
import { textWidth, wrapText } from "../export/text-metrics";
import type { ArgumentTally } from "../session/votes";
import { MAP_NODE, type MapRelation } from "./graph";
import type { MapLayout, PlacedEdge, PlacedNode } from "./layout";

/**
 * The argument map export: the screen's map (same graph, same elk layout, same node boxes and wrapped
 * lines) as a standalone SVG 1.1 document, under a title block and above a legend. Pure and
 * deterministic: the layout is computed by the caller (server/export/map-render.ts, in the render
 * pool), so this only draws, and the same board and layout give the same bytes.
 */

const M = 24; // margin of the title block and legend; the layout carries its own padding
const MIN_WIDTH = 760; // room for the title and the legend on a tiny map
const META_SIZE = 11;

/** Edge styles, shared with the PDF map: colour AND line style tell support from attack. */
export const MAP_EDGE_STYLE: Record<MapRelation, { color: string; dash: number[] | null; label: string }> = {
  support: { color: RELATION_COLORS.support, dash: null, label: "supports (arrow points at what it backs)" },
  attack: { color: RELATION_COLORS.attack, dash: [6, 4], label: "attacks (bar marks what it rebuts)" },
};

const text = (x: number, y: number, cls: string, body: string, extra = "") => `<text x="${x}" y="${y}" class="${cls}"${extra}>${escapeXml(body)}</text>`;
/** First baseline in a line box of `line` px: the DejaVu ascent sits about three quarters down. */
const baseline = (line: number) => Math.round(line * 0.76);
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** The argument node's one meta line, as the screen shows it: stance · author · quotes, then folds and revealed votes. */
export function mapMetaLine(node: PlacedNode, author: string, quotes: number, tally: ArgumentTally | undefined): string {
  const parts = [node.stance === "for" ? "For" : "Against", author];
  if (quotes > 0) parts.push(plural(quotes, "quote"));
  if (node.hiddenCount > 0) parts.push(`+${node.hiddenCount} hidden`);
  // Compact, so it fits beside the author; the legend explains it and the tooltip spells it out.
  if (tally) parts.push(`★ ${tally.strength === null ? "–" : oneDecimal(tally.strength)} (${tally.votes})`);
  return parts.join(" · ");
}

/** A revealed tally in full, for the node's tooltip (the meta line may be cut to the box). */
export function tallyText(tally: ArgumentTally | undefined): string {
  return tally ? ` · ${tally.strength === null ? "" : `strength ${oneDecimal(tally.strength)}, `}${plural(tally.votes, "vote")}` : "";
}

function renderNode(node: PlacedNode, board: ExportBoard, context: NodeContext): string {
  const { padding } = MAP_NODE;
  const color = SVG_COLORS[context.colorOf.get(node.positionId) ?? "indigo"];
  const out = [`<g class="node ${node.kind}" data-id="${escapeXml(node.id)}" transform="translate(${node.x} ${node.y})">`];
  if (node.kind === "position") {
    const { line } = MAP_NODE.positionText;
    out.push(`<title>${escapeXml(node.lines.join(" "))}</title>`);
    out.push(`<rect width="${node.width}" height="${node.height}" rx="10" ry="10" fill="${color.soft}" stroke="${color.base}" stroke-width="2"/>`);
    node.lines.forEach((l, i) => out.push(text(padding, padding + baseline(line) + i * line, "pos", l, ` fill="${color.strong}"`)));
    if (node.hiddenCount > 0) out.push(text(padding, padding + node.lines.length * line + baseline(MAP_NODE.meta.line), "meta", `+${node.hiddenCount} hidden`));
  } else {
    const { line } = MAP_NODE.text;
    const arg = context.argumentsById.get(node.id);
    const meta = wrapText(mapMetaLine(node, arg?.authorName ?? "", arg?.quotes.length ?? 0, context.tallies.get(node.id)), node.width - padding * 2, META_SIZE, 1)[0] ?? "";
    const dash = node.stance === "against" ? ` stroke-dasharray="5 3"` : "";
    out.push(`<title>${escapeXml(`${arg?.text ?? node.lines.join(" ")} — ${arg?.authorName ?? ""}${tallyText(context.tallies.get(node.id))}`)}</title>`);
    out.push(`<rect class="card" width="${node.width}" height="${node.height}" rx="8" ry="8"/>`);
    out.push(`<path d="M2 6 V${node.height - 6}" stroke="${color.base}" stroke-width="4"${dash} fill="none"/>`);
    node.lines.forEach((l, i) => out.push(text(padding, padding + baseline(line) + i * line, "arg", l)));
    out.push(text(padding, padding + node.lines.length * line + baseline(MAP_NODE.meta.line), "meta", meta));
  }
  out.push("</g>");
  return out.join("");
}

/** An edge drawn from the answering argument to what it answers, so the marker sits on the answered node. */
function renderEdge(edge: PlacedEdge): string {
  if (edge.points.length < 2) return "";
  const [first, ...rest] = [...edge.points].reverse();
  const d = `M${first.x} ${first.y}` + rest.map((p) => ` L${p.x} ${p.y}`).join("");
  return `<path class="edge ${edge.relation}" data-id="${escapeXml(edge.id)}" d="${d}" marker-end="url(#${edge.relation}-end)"/>`;
}

interface NodeContext {
  colorOf: Map<string, ExportBoard["positions"][number]["color"]>;
  argumentsById: Map<string, ExportBoard["arguments"][number]>;
  tallies: Map<string, ArgumentTally>;
}

/** The title block: board title, source, and the revealed results (never before they are revealed). */
function titleBlock(board: ExportBoard, width: number): { lines: string[]; height: number } {
  const out: string[] = [];
  const titleLines = wrapText(board.board.title, width - 2 * M, 24, 2, true);
  titleLines.forEach((l, i) => out.push(text(M, M + 22 + i * 30, "title", l)));
  let y = M + 22 + (titleLines.length - 1) * 30 + 24;
  const src = board.source;
  const sourceLine = `Source: ${src.title}${src.publisher ? ` — ${src.publisher}` : ""}${src.publishedOn ? `, ${src.publishedOn}` : ""}`;
  for (const l of wrapText(sourceLine, width - 2 * M, 13, 2)) {
    out.push(text(M, y, "source", l));
    y += 18;
  }
  if (board.results) {
    const summary = resultSummary(board);
    for (const l of wrapText(`Vote results — ${[...summary.positions, ...summary.teams].join(" · ") || "no ratings yet"}`, width - 2 * M, 13, 3, true)) {
      out.push(text(M, y, "results", l));
      y += 18;
    }
  }
  return { lines: out, height: y };
}

/** Legend: both relations with their markers, then one swatch per position. */
function legend(board: ExportBoard, top: number, width: number): { lines: string[]; height: number } {
  const out: string[] = [];
  let y = top + 14;
  for (const relation of ["support", "attack"] as const) {
    out.push(`<path class="edge ${relation}" d="M${M + 40} ${y} L${M} ${y}" marker-end="url(#${relation}-end)"/>`);
    out.push(text(M + 52, y + 4, "legend", MAP_EDGE_STYLE[relation].label));
    y += 22;
  }
  let x = M;
  for (const position of [...board.positions].sort((a, b) => a.order - b.order)) {
    const label = wrapText(position.label, 220, 12, 1)[0] ?? "";
    const w = 20 + Math.ceil(textWidth(label, 12));
    if (x > M && x + w > width - M) {
      x = M;
      y += 22;
    }
    const c = SVG_COLORS[position.color];
    out.push(`<rect x="${x}" y="${y - 10}" width="14" height="14" rx="3" fill="${c.soft}" stroke="${c.base}" stroke-width="2"/>`);
    out.push(text(x + 20, y + 2, "legend", label));
    x += w + 16;
  }
  y += 22;
  if (board.results) {
    out.push(text(M, y + 2, "legend", "★ 4.2 (3): an argument's average strength, 1 to 5, from 3 votes"));
    y += 20;
  }
  out.push(text(M, y + 2, "legend", "Dashed stripe: an argument against · Made with Parley"));
  return { lines: out, height: y + 10 - top };
}

/** The board's argument map, laid out by `layoutMap` on `boardMapGraph(board, …)`, as an SVG 1.1 document. */
export function toMapSvg(board: ExportBoard, layout: MapLayout): string {
  const width = Math.max(MIN_WIDTH, layout.width);
  const head = titleBlock(board, width);
  const top = head.height;
  const foot = legend(board, top + layout.height, width);
  const height = Math.ceil(top + layout.height + foot.height + M);
  const context: NodeContext = {
    colorOf: new Map(board.positions.map((p) => [p.id, p.color])),
    argumentsById: new Map(board.arguments.map((a) => [a.id, a])),
    tallies: board.results ? talliesOf(board) : new Map(),
  };
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(board.board.title)}</title>`,
    `<desc>${escapeXml(`Argument map of ${plural(board.arguments.length, "argument")}. Source: ${board.source.title}`)}</desc>`,
    `<style type="text/css">${STYLE}</style>`,
    `<defs>${MARKERS}</defs>`,
    `<rect width="${width}" height="${height}" fill="#f4f5f8"/>`,
    ...head.lines,
    `<g class="map" transform="translate(0 ${top})">`,
    ...layout.edges.map(renderEdge),
    ...layout.nodes.map((node) => renderNode(node, board, context)),
    `</g>`,
    ...foot.lines,
    `</svg>`,
    "",
  ].join("\n");
}

// userSpaceOnUse keeps the markers the same size whatever the stroke width.
const MARKERS = [
  `<marker id="support-end" viewBox="0 0 12 12" refX="11" refY="6" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto">`,
  `<path d="M0 1 L12 6 L0 11 z" fill="${RELATION_COLORS.support}"/></marker>`,
  `<marker id="attack-end" viewBox="0 0 12 12" refX="10" refY="6" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto">`,
  `<path d="M9 0 V12" stroke="${RELATION_COLORS.attack}" stroke-width="3"/></marker>`,
].join("");

const STYLE = `
text { font-family: 'DejaVu Sans', Arial, sans-serif; fill: #161b26; }
.title { font-size: 24px; font-weight: bold; }
.source, .legend { font-size: 13px; fill: #475063; }
.legend { font-size: 12px; }
.results { font-size: 13px; font-weight: bold; }
.pos { font-size: ${MAP_NODE.positionText.size}px; font-weight: bold; }
.arg { font-size: ${MAP_NODE.text.size}px; }
.meta { font-size: ${META_SIZE}px; fill: #5f6878; }
.card { fill: #ffffff; stroke: #c4cad4; stroke-width: 1; }
.edge { fill: none; stroke-width: 2; }
.support { stroke: ${MAP_EDGE_STYLE.support.color}; }
.attack { stroke: ${MAP_EDGE_STYLE.attack.color}; stroke-dasharray: ${MAP_EDGE_STYLE.attack.dash!.join(" ")}; }
`;
