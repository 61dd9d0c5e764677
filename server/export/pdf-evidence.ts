import { boardEvidenceReport } from "../../lib/evidence/board-report";
import { formatPassage, formatShare, formatSupport, EVIDENCE_NOTE } from "../../lib/evidence/format";
import { computeHeat, describePassageHeat, heatLevel, type HeatMap, type PassageHeat } from "../../lib/evidence/heat";
import { passageUnits } from "../../lib/evidence/passages";
import type { EvidenceReport, EvidenceRow } from "../../lib/evidence/report";
import type { ExportBoard } from "../../lib/export/board-export";
import type { CitedPassage } from "../../lib/export/passages";
import { SVG_COLORS } from "../../lib/export/svg";
import { contentWidth, ensureRoom, GREY, INK, PAGE, put, type Doc } from "./pdf-layout";

/**
 * The handout's evidence pages: the heat-map's key, the contested passages, what nobody cited, and the
 * evidence report per side and team (lib/evidence). Ratings appear only once the results are revealed,
 * as in the results summary. The article (pdf-article.ts) shades sentences with passagePaint and marks contested ones with ◆ in the margin.
 */

const TEXT = ["sans", 9, INK] as const;
const SMALL = ["sans", 8.5, GREY] as const;
/** How many uncited sentences the handout names (the rest are counted). */
const UNCITED_LISTED = 8;

/** The board's heat-map, as the screen computes it (lib/evidence/heat.ts). */
export function heatOf(board: ExportBoard): HeatMap {
  const units = passageUnits(board.source.text, board.source.language || undefined);
  return computeHeat(board.source.text, units, board.positions, board.arguments);
}

/**
 * Fill opacity of a side's tint at each heat level (0–4): pale enough at the top that black text on
 * two overlapping bands still reads easily, far enough apart that the steps can be told apart.
 */
export const HEAT_TINT = [0, 0.1, 0.16, 0.23, 0.3] as const;

/** Underline dash per side, by its index in the heat-map: solid, dashed, dotted, long dashes (sides differ without colour). */
export const SIDE_DASH: ReadonlyArray<{ length: number; space: number } | null> = [null, { length: 3, space: 1.5 }, { length: 0.8, space: 1.2 }, { length: 6, space: 2 }];

export interface SidePaint {
  key: string;
  color: string;
  /** Citing arguments of this side, and the heat level (1–4) they make on the board's scale. */
  count: number;
  level: number;
  tint: number;
  dash: { length: number; space: number } | null;
}

/** How the article shades one sentence: one band and underline per citing side (in side order); contested when 2+ sides. */
export function passagePaint(passage: PassageHeat, heat: HeatMap): { sides: SidePaint[]; contested: boolean } {
  const sides = heat.sides.flatMap((side, index) => {
    const count = passage.bySide[side.key]?.arguments ?? 0;
    const level = heatLevel(count, heat.maxPerSide);
    if (level === 0) return [];
    return [{ key: side.key, color: SVG_COLORS[side.color].base, count, level, tint: HEAT_TINT[level], dash: SIDE_DASH[index % SIDE_DASH.length] }];
  });
  return { sides, contested: passage.contested };
}

/** Writes the evidence section after the outline and results. */
export function drawEvidence(doc: Doc, board: ExportBoard): void {
  const heat = heatOf(board);
  const report = boardEvidenceReport(board, { facilitator: false, drafts: null });
  const width = contentWidth(doc);
  ensureRoom(doc, 160);
  doc.y += 8;
  put(doc, ["sansBold", 14, INK], "Evidence", [PAGE.margin, doc.y]).moveDown(0.2);
  put(doc, SMALL, EVIDENCE_NOTE, undefined, { width }).moveDown(0.6);
  const { passages } = report;
  put(doc, TEXT, `${passages.cited} of ${passages.total} sentences of the article are cited; ${passages.contested} contested (◆, cited by more than one side); ${passages.uncited} not yet cited.`, [PAGE.margin, doc.y], { width }).moveDown(0.5);
  drawKey(doc, heat);
  drawContested(doc, heat);
  drawUncited(doc, heat);
  drawRows(doc, "Per side", report.sides, report);
  if (report.teams.length) drawRows(doc, "Per team", report.teams, report);
}

function drawKey(doc: Doc, heat: HeatMap): void {
  for (const side of heat.sides) {
    const cited = heat.passages.filter((p) => p.bySide[side.key]).length;
    const y = doc.y;
    doc.rect(PAGE.margin, y + 1, 9, 9).fill(SVG_COLORS[side.color].base);
    put(doc, ["sansBold", 9, SVG_COLORS[side.color].strong], `${side.label}: cites ${cited} sentence${cited === 1 ? "" : "s"}`, [PAGE.margin + 15, y], { width: contentWidth(doc) - 15 });
  }
  doc.moveDown(0.5);
}

function drawContested(doc: Doc, heat: HeatMap): void {
  const contested = heat.passages.filter((p) => p.contested);
  if (!contested.length) return;
  ensureRoom(doc, 60);
  put(doc, ["sansBold", 10, INK], "Contested passages", [PAGE.margin, doc.y]).moveDown(0.3);
  for (const passage of contested) {
    put(doc, ["serif", 9, INK], `◆ ${formatPassage({ text: passage.unit.text, arguments: passage.arguments }, 160)}`, [PAGE.margin, doc.y], { width: contentWidth(doc) });
    put(doc, SMALL, describePassageHeat(passage, heat.sides), [PAGE.margin + 12, doc.y], { width: contentWidth(doc) - 12 }).moveDown(0.3);
  }
  doc.moveDown(0.3);
}

function drawUncited(doc: Doc, heat: HeatMap): void {
  if (!heat.uncited.length) return;
  ensureRoom(doc, 60);
  put(doc, ["sansBold", 10, INK], `Not yet cited (${heat.uncited.length})`, [PAGE.margin, doc.y]).moveDown(0.3);
  for (const index of heat.uncited.slice(0, UNCITED_LISTED)) {
    const { text } = heat.passages[index].unit;
    put(doc, ["serif", 9, GREY], `– ${text.length > 160 ? `${text.slice(0, 159)}…` : text}`, [PAGE.margin, doc.y], { width: contentWidth(doc) }).moveDown(0.15);
  }
  if (heat.uncited.length > UNCITED_LISTED) put(doc, SMALL, `… and ${heat.uncited.length - UNCITED_LISTED} more.`, [PAGE.margin, doc.y]);
  doc.moveDown(0.5);
}

/** One table: label, arguments, quoted (share), quote support; the most-cited passages under each row. */
function drawRows(doc: Doc, title: string, rows: EvidenceRow[], report: EvidenceReport): void {
  const width = contentWidth(doc);
  const columns = [0, width * 0.45, width * 0.6, width * 0.8];
  const heads = [title === "Per team" ? "Team" : "Side", "Arguments", "With a quote", "Quote support"];
  ensureRoom(doc, 80);
  put(doc, ["sansBold", 10, INK], `Evidence report: ${title.toLowerCase()}`, [PAGE.margin, doc.y]).moveDown(0.3);
  const headY = doc.y;
  heads.forEach((head, i) => put(doc, ["sansBold", 8.5, GREY], head, [PAGE.margin + columns[i], headY], { lineBreak: false }));
  doc.y = headY + 14;
  for (const row of rows) {
    ensureRoom(doc, 40);
    const y = doc.y;
    const cells = [row.label, String(row.arguments), `${row.quoted} (${formatShare(row)})`, formatSupport(row, report)];
    cells.forEach((cell, i) =>
      put(doc, i === 0 ? ["sansBold", 9, SVG_COLORS[row.color].strong] : TEXT, cell, [PAGE.margin + columns[i], y], i === 0 ? { width: columns[1] - 8 } : { lineBreak: false }),
    );
    doc.y = Math.max(doc.y, y + 13);
    for (const passage of row.topPassages) put(doc, ["serif", 8.5, GREY], formatPassage(passage), [PAGE.margin + 12, doc.y], { width: width - 12 });
    doc.moveDown(0.4);
  }
  doc.moveDown(0.4);
}
