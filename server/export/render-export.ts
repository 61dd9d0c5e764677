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
import type { ExportInputs } from "./load-export-board";
import type { RenderPool } from "./render-pool";

const DEFAULT_PICTURE: PictureOptions = { layout: "map", collapsed: [] };

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

/** Formats drawn from the board's data alone, as text, quick enough for any thread (the map SVG is not one: elk lays it out). */
export type TextExportFormat = Exclude<ExportFormat, "png" | "pdf" | "svg">;

/**
 * Renders one board in one format. The only place that knows which module makes which format; the
 * heavy ones (PNG, PDF, the map SVG with its elk layout) are drawn by `pool`'s worker threads.
 * The HTTP API uses renderExportFromInputs instead, which builds the board in the pool too.
 */
export async function renderExport(board: ExportBoard, format: ExportFormat, options: RenderOptions, pool: RenderPool): Promise<RenderedExport> {
  const meta = EXPORT_FORMATS[format];
  const picture = options.picture ?? DEFAULT_PICTURE;
  const done = (body: string | Uint8Array): RenderedExport => ({ body, contentType: meta.contentType, fileName: exportFileName(board, meta.extension) });
  switch (format) {
    case "svg":
      return done(picture.layout === "columns" ? toSvg(board) : await pool.renderMapSvg(board, picture.collapsed));
    case "png":
      return done(await pool.renderPng(board, {}, picture));
    case "pdf":
      return done(await pool.renderPdf(board, {}, picture));
    default:
      return done(renderTextExport(board, format, options));
  }
}

/**
 * Renders a board read from the database (load-export-board.ts readExportInputs) in one format, all of
 * it in the render pool: decoding the document, reading it and writing the file. On a 1,000-argument
 * board each of those held the event loop for 0.1–0.6 s; here the loop only waits.
 */
export async function renderExportFromInputs(inputs: ExportInputs, format: ExportFormat, options: RenderOptions, pool: RenderPool): Promise<RenderedExport> {
  const meta = EXPORT_FORMATS[format];
  const body = await pool.renderFromInputs(inputs, format, { ...options, picture: options.picture ?? DEFAULT_PICTURE });
  return { body, contentType: meta.contentType, fileName: exportFileName(inputs, meta.extension) };
}

/** One of the text formats (json, argdown, aif, annotations, markdown, outline, csv). */
export function renderTextExport(board: ExportBoard, format: TextExportFormat, options: RenderOptions): string {
  const boardUrl = `${options.origin}/b/${encodeURIComponent(board.board.id)}`;
  const sourceUrl = `${options.origin}/api/boards/${encodeURIComponent(board.board.id)}/source`;
  switch (format) {
    case "json":
      return toParleyJson(board, { exportedAt: new Date().toISOString() });
    case "argdown":
      return toArgdown(board);
    case "aif":
      return toAif(board, { ova: options.ova });
    case "annotations":
      return toWebAnnotations(board, { sourceUrl, boardUrl });
    case "markdown":
      return toMarkdown(board, { boardUrl });
    case "outline":
      return toKialoOutline(board);
    case "csv":
      return toCsv(board);
  }
}
