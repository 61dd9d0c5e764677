import { overWhite, POSITION_PALETTES } from "../board/palette";
import type { Stance } from "../board/argument";
import type { PositionColor } from "../board/position";
import { buildColumns, type ArgumentNode } from "../board/tree";
import type { ExportBoard } from "./board-export";
import { wrapText } from "./text-metrics";
import { withQuoteMarks } from "../text/quote-marks";
import type { ArgumentTally } from "../session/votes";
import { oneDecimal, resultSummary, talliesOf } from "./results";

/**
 * The argument map as a standalone SVG 1.1 picture: one column per position, For and Against lanes
 * side by side, replies beneath their parent joined by "supports"/"rebuts" lines. Pure and
 * deterministic (no clock, no randomness), so the PNG renderer and tests can rely on the same bytes.
 * Text is wrapped by an estimate of DejaVu Sans advance widths (text-metrics.ts), the font the PNG
 * renderer embeds; narrower fallbacks (Arial) only leave more room.
 */

// Measurement moved to text-metrics.ts; re-exported so existing imports keep working.
export { textWidth, wrapText } from "./text-metrics";

/** The shared palette per position token, with `tint` made opaque for SVG 1.1. */
export const SVG_COLORS: Record<PositionColor, { base: string; strong: string; soft: string; tint: string }> = Object.fromEntries(
  Object.entries(POSITION_PALETTES).map(([token, p]) => [token, { ...p, tint: overWhite(p.tint) }]),
) as Record<PositionColor, { base: string; strong: string; soft: string; tint: string }>;
/** Reply links: the app's success and danger colours. */
export const RELATION_COLORS = { support: "#138a4f", attack: "#c8283a" } as const;

const M = 32; // outer margin
const LANE_W = 360;
const LANE_GAP = 20;
const COL_W = LANE_W * 2 + LANE_GAP;
const COL_GAP = 40;
const PAD = 12;
const INDENT = 26;
const MIN_CARD_W = 240;
const REPLY_GAP = 26; // leaves room for the "supports"/"rebuts" label above a reply
const THREAD_GAP = 16;
const TEXT = { size: 13, line: 18, maxLines: 8 };
const QUOTE = { size: 12, line: 16, maxLines: 2 };

/** Characters XML 1.0 forbids (controls other than tab/newline/CR, U+FFFE/U+FFFF, lone surrogates). */
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Makes any string safe as XML character data or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(ILLEGAL_XML, "").replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

interface Card {
  x: number;
  y: number;
  w: number;
  h: number;
  node: ArgumentNode;
  lines: string[];
  quote: string[];
  author: string;
  color: PositionColor;
}
interface Link {
  kind: "support" | "attack";
  path: string;
  labelX: number;
  labelY: number;
}

const quoteCount = (n: number) => (n > 1 ? ` · ${n} quotes` : "");

function measureCard(node: ArgumentNode, x: number, y: number, w: number, color: PositionColor, tallies: Map<string, ArgumentTally>): Card {
  const inner = w - PAD * 2 - 4;
  const lines = wrapText(node.argument.text, inner, TEXT.size, TEXT.maxLines);
  const first = node.argument.quotes[0]?.exact.replace(/\s+/g, " ").trim();
  const quote = first ? wrapText(withQuoteMarks(first), inner - 10, QUOTE.size, QUOTE.maxLines) : [];
  const tally = tallies.get(node.argument.id);
  const votes = tally ? ` · ${tally.strength === null ? "" : `strength ${oneDecimal(tally.strength)}, `}${tally.votes} vote${tally.votes === 1 ? "" : "s"}` : "";
  const author = wrapText(`${node.argument.authorName}${quoteCount(node.argument.quotes.length)}${votes}`, inner, 11, 1)[0] ?? "";
  const h = PAD + lines.length * TEXT.line + (quote.length ? 6 + quote.length * QUOTE.line : 0) + 22 + PAD - 4;
  return { x, y, w, h, node, lines, quote, author, color };
}

/** Places a thread (a card and its replies, depth first); returns the y just below it. */
function placeThread(node: ArgumentNode, x: number, y: number, w: number, color: PositionColor, cards: Card[], links: Link[], tallies: Map<string, ArgumentTally>): number {
  const card = measureCard(node, x, y, w, color, tallies);
  cards.push(card);
  let bottom = y + card.h;
  let trunkTop = bottom;
  const childW = Math.max(MIN_CARD_W, w - INDENT);
  const childX = x + w - childW;
  const trunkX = x + 14;
  for (const child of node.children) {
    const cy = bottom + REPLY_GAP;
    const kind = child.argument.stance === "for" ? "support" : "attack";
    // Each reply owns the trunk segment leading down to it, so mixed supports and rebuttals never overdraw.
    const path = childX - x >= 12 ? `M${trunkX} ${trunkTop} V${cy + 18} H${childX}` : `M${trunkX} ${trunkTop} V${cy}`;
    links.push({ kind, path, labelX: Math.max(childX, trunkX + 6), labelY: cy - 8 });
    trunkTop = cy + 18;
    bottom = placeThread(child, childX, cy, childW, color, cards, links, tallies);
  }
  return bottom;
}

const text = (x: number, y: number, cls: string, body: string, extra = "") => `<text x="${x}" y="${y}" class="${cls}"${extra}>${escapeXml(body)}</text>`;

function renderCard(c: Card): string {
  const p = SVG_COLORS[c.color];
  const stance: Stance = c.node.argument.stance;
  const out = [`<g class="argument"><title>${escapeXml(`${c.node.argument.text} — ${c.node.argument.authorName}`)}</title>`];
  out.push(`<rect class="card" x="${c.x}" y="${c.y}" width="${c.w}" height="${c.h}" rx="10" ry="10"/>`);
  const dash = stance === "against" ? ` stroke-dasharray="7 4"` : "";
  out.push(`<path d="M${c.x + 2} ${c.y + 6} V${c.y + c.h - 6}" stroke="${p.base}" stroke-width="4"${dash} fill="none"/>`);
  let y = c.y + PAD + 13;
  for (const line of c.lines) {
    out.push(text(c.x + PAD + 4, y, "arg", line));
    y += TEXT.line;
  }
  if (c.quote.length) {
    const top = y - 10;
    out.push(`<rect x="${c.x + PAD + 4}" y="${top}" width="3" height="${c.quote.length * QUOTE.line}" fill="${p.tint}"/>`);
    for (const line of c.quote) {
      out.push(text(c.x + PAD + 14, y + 2, "quote", line));
      y += QUOTE.line;
    }
    y += 6;
  }
  out.push(text(c.x + PAD + 4, y + 6, "author", c.author));
  out.push("</g>");
  return out.join("");
}

function renderLink(l: Link): string {
  const label = l.kind === "support" ? "supports" : "rebuts";
  return `<path class="${l.kind}" d="${l.path}"/>` + text(l.labelX, l.labelY, `rel ${l.kind}-label`, label);
}

/** The board's argument map as an SVG 1.1 document. */
export function toSvg(board: ExportBoard): string {
  const columns = buildColumns([...board.positions].sort((a, b) => a.order - b.order), board.arguments);
  const width = Math.max(COL_W + 2 * M, 2 * M + columns.length * COL_W + Math.max(0, columns.length - 1) * COL_GAP);
  const titleLines = wrapText(board.board.title, width - 2 * M, 24, 2, true);
  const src = board.source;
  const sourceLine = `Source: ${src.title}${src.publisher ? ` — ${src.publisher}` : ""}${src.publishedOn ? `, ${src.publishedOn}` : ""}`;
  const head: string[] = titleLines.map((line, i) => text(M, M + 22 + i * 30, "title", line));
  let y = M + 22 + (titleLines.length - 1) * 30 + 24;
  for (const line of wrapText(sourceLine, width - 2 * M, 13, 2)) {
    head.push(text(M, y, "source", line));
    y += 18;
  }
  // Revealed results only (a facilitator's ballots alone never reach the picture).
  const tallies = board.results ? talliesOf(board) : new Map<string, ArgumentTally>();
  if (board.results) {
    const summary = resultSummary(board);
    for (const line of wrapText(`Vote results — ${[...summary.positions, ...summary.teams].join(" · ") || "no ratings yet"}`, width - 2 * M, 13, 3, true)) {
      head.push(text(M, y, "results", line));
      y += 18;
    }
  }
  const top = y + 14;

  const body: string[] = [];
  const cards: Card[] = [];
  const links: Link[] = [];
  let bottom = top;
  columns.forEach((col, i) => {
    const x = M + i * (COL_W + COL_GAP);
    const p = SVG_COLORS[col.position.color];
    const total = cards.length;
    const label = wrapText(col.position.label, COL_W - 150, 16, 1, true)[0];
    body.push(`<rect x="${x}" y="${top}" width="${COL_W}" height="46" rx="8" ry="8" fill="${p.soft}" stroke="${p.tint}"/>`);
    body.push(`<rect x="${x}" y="${top}" width="${COL_W}" height="5" fill="${p.base}"/>`);
    body.push(text(x + 14, top + 31, "col-title", label, ` fill="${p.strong}"`));
    (["for", "against"] as const).forEach((stance, j) => {
      const lx = x + j * (LANE_W + LANE_GAP);
      const dash = stance === "against" ? ` stroke-dasharray="3 2" fill="${p.tint}"` : ` fill="${p.base}"`;
      body.push(`<rect x="${lx + 1}" y="${top + 66}" width="11" height="11" rx="2" stroke="${p.base}"${dash}/>`);
      body.push(text(lx + 19, top + 76, "lane", `${stance.toUpperCase()} (${col.lanes[stance].length})`));
      let ly = top + 92;
      if (col.lanes[stance].length === 0) {
        body.push(`<rect x="${lx}" y="${ly}" width="${LANE_W}" height="40" rx="10" ry="10" class="empty"/>`);
        body.push(text(lx + 14, ly + 25, "author", stance === "for" ? "No arguments for yet." : "No arguments against yet."));
        ly += 40;
      }
      for (const node of col.lanes[stance]) ly = placeThread(node, lx, ly, LANE_W, col.position.color, cards, links, tallies) + THREAD_GAP;
      bottom = Math.max(bottom, ly);
    });
    const count = cards.length - total;
    body.push(text(x + COL_W - 14, top + 30, "count", `${count} argument${count === 1 ? "" : "s"}`, ` text-anchor="end"`));
  });

  const ly = bottom + 24;
  const legend = [
    `<path class="support" d="M${M} ${ly} H${M + 36}"/>`,
    text(M + 44, ly + 4, "legend", "supports: a reply backing what it answers"),
    `<path class="attack" d="M${M + 330} ${ly} H${M + 366}"/>`,
    text(M + 374, ly + 4, "legend", "rebuts: a reply attacking what it answers"),
    `<path d="M${M + 1} ${ly + 24} V${ly + 40}" stroke="#475063" stroke-width="4"/>`,
    text(M + 12, ly + 37, "legend", "solid edge: argued for"),
    `<path d="M${M + 201} ${ly + 24} V${ly + 40}" stroke="#475063" stroke-width="4" stroke-dasharray="5 3"/>`,
    text(M + 212, ly + 37, "legend", "dashed edge: argued against · Made with Parley"),
  ];
  const height = ly + 40 + M;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(board.board.title)}</title>`,
    `<desc>${escapeXml(`Argument map. ${sourceLine}`)}</desc>`,
    `<style type="text/css">${STYLE}</style>`,
    `<rect width="${width}" height="${height}" fill="#f4f5f8"/>`,
    ...head,
    ...body,
    ...links.map(renderLink),
    ...cards.map(renderCard),
    ...legend,
    `</svg>`,
    "",
  ].join("\n");
}

const STYLE = `
text { font-family: 'DejaVu Sans', Arial, sans-serif; fill: #161b26; }
.title { font-size: 24px; font-weight: bold; }
.source { font-size: 13px; fill: #475063; }
.results { font-size: 13px; font-weight: bold; fill: #161b26; }
.col-title { font-size: 16px; font-weight: bold; }
.count, .legend { font-size: 12px; fill: #475063; }
.lane { font-size: 11px; font-weight: bold; letter-spacing: 0.06em; fill: #475063; }
.arg { font-size: ${TEXT.size}px; }
.quote { font-size: ${QUOTE.size}px; font-style: italic; fill: #475063; }
.author { font-size: 11px; fill: #5f6878; }
.card { fill: #ffffff; stroke: #dde1e8; stroke-width: 1; }
.empty { fill: #ffffff; stroke: #c4cad4; stroke-width: 1.5; stroke-dasharray: 6 4; }
.rel { font-size: 10px; font-weight: bold; letter-spacing: 0.04em; }
.support { fill: none; stroke: ${RELATION_COLORS.support}; stroke-width: 2; }
.attack { fill: none; stroke: ${RELATION_COLORS.attack}; stroke-width: 2; stroke-dasharray: 6 4; }
.support-label { fill: ${RELATION_COLORS.support}; }
.attack-label { fill: ${RELATION_COLORS.attack}; }
`;
