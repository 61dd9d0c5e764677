import type { ExportBoard } from "../../lib/export/board-export";
import { exportFileName } from "../../lib/export/board-export";
import { EXPORT_FORMATS, type ExportFormat } from "../../lib/export/formats";
import { toAif } from "../../lib/export/aif";
import { toWebAnnotations } from "../../lib/export/annotations";
import { toArgdown } from "../../lib/export/argdown";
import { toCsv } from "../../lib/export/csv";
import { toParleyJson } from "../../lib/export/json";
import { toMarkdown } from "../../lib/export/markdown";
import { toKialoOutline } from "../../lib/export/outline";
import { toSvg } from "../../lib/export/svg";
import type { PictureOptions } from "../../lib/map/board-map";
import type { RenderPool } from "./render-pool";

export interface RenderedExport {
  body: string | Uint8Array;
  contentType: string;
  fileName: string;
}

export interface RenderOptions {
  /** Where the board lives, e.g. http://localhost:3000 — used for links in JSON-LD and Markdown. */
  origin: string;
  /** AIF only: wrap in OVA3's format with a layout. */
  ova?: boolean;
  /** Include individual ballots (Parley JSON): for facilitators and the command line only. */
  includeVotes?: boolean;
  /** SVG, PNG and PDF: which picture (default the argument map) and the screen's collapsed nodes. */
  picture?: PictureOptions;
}

/**
 * Renders one board in one format. The only place that knows which module makes which format; the
 * heavy ones (PNG, PDF, the map SVG with its elk layout) are drawn by `pool`'s worker threads.
 */
export async function renderExport(board: ExportBoard, format: ExportFormat, options: RenderOptions, pool: RenderPool): Promise<RenderedExport> {
  const boardUrl = `${options.origin}/b/${encodeURIComponent(board.board.id)}`;
  const sourceUrl = `${options.origin}/api/boards/${encodeURIComponent(board.board.id)}/source`;
  const meta = EXPORT_FORMATS[format];
  const picture = options.picture ?? { layout: "map", collapsed: [] };
  const done = (body: string | Uint8Array): RenderedExport => ({ body, contentType: meta.contentType, fileName: exportFileName(board, meta.extension) });
  switch (format) {
    case "json":
      return done(toParleyJson(board, { exportedAt: new Date().toISOString() }));
    case "argdown":
      return done(toArgdown(board));
    case "aif":
      return done(toAif(board, { ova: options.ova }));
    case "annotations":
      return done(toWebAnnotations(board, { sourceUrl, boardUrl }));
    case "markdown":
      return done(toMarkdown(board, { boardUrl }));
    case "outline":
      return done(toKialoOutline(board));
    case "csv":
      return done(toCsv(board));
    case "svg":
      return done(picture.layout === "columns" ? toSvg(board) : await pool.renderMapSvg(board, picture.collapsed));
    case "png":
      return done(await pool.renderPng(board, {}, picture));
    case "pdf":
      return done(await pool.renderPdf(board, {}, picture));
  }
}
