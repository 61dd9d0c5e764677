// The export pool's worker body (see render-pool.ts): draws PDF handouts and PNG pictures, parses
// Argdown, AIF and Kialo imports and plans source revisions, off the event loop that serves live
// boards. Each export is one task, named after the exported function below that runs it.
// The production bundle starts it compiled (dist/server/worker-render.mjs, server/compiled-workers.ts);
// elsewhere render-worker.mjs loads this source through tsx.
import { move } from "piscina";
import type { ExportBoard } from "../../lib/export/board-export";
import type { ExportFormat, ImportFormat } from "../../lib/export/formats";
import type { ImportResult } from "../../lib/export/imported-board";
import type { DraftForReport } from "../../lib/evidence/report";
import type { PictureOptions } from "../../lib/map/board-map";
import type { RevisionPlanInput } from "../../lib/revisions/revision-plan";
import type { ExportInputs } from "./load-export-board";
import type { PdfOptions } from "./pdf";
import type { PngOptions } from "./png";
import type { RenderOptions, TextExportFormat } from "./render-export";

// Every renderer starts loading while this module is evaluated (a worker is only started for a task),
// but each task awaits only what it needs, so an import need not wait for pdfkit. (Under tsx, loading
// from within a task, long after the worker started, fails when the parent process runs under tsx.)
const modules = {
  pdf: import("./pdf"),
  png: import("./png"),
  svg: import("../../lib/export/svg"),
  map: import("./map-render"),
  argdown: import("../../lib/export/argdown-import"),
  aif: import("../../lib/export/aif-import"),
  kialo: import("../../lib/export/kialo-import"),
  revision: import("../../lib/revisions/revision-plan"),
  evidence: import("../../lib/evidence/board-report"),
  board: import("./pool-board-tasks"),
};
// A failed load surfaces in the task that needs it, not as an unhandled rejection.
for (const loading of Object.values(modules)) loading.catch(() => undefined);

/** What the PNG and file-export tasks answer when a map is too large to read: an error's class does not survive the thread boundary. */
interface Refused {
  refused: string;
}

type EvidenceOptions = { facilitator: boolean; drafts: DraftForReport[] | null };

/**
 * Bytes handed back by transfer, not by copy, so the event loop never clones a large image. A fresh
 * array first: resvg's buffer is owned by native code and cannot be transferred.
 */
const transfer = (bytes: Uint8Array) => move(new Uint8Array(bytes)) as Uint8Array;

const encoder = new TextEncoder();
/** A text export as the bytes an HTTP response of it carries, handed back by transfer. */
const utf8 = (text: string) => move(encoder.encode(text)) as Uint8Array;

/** { board, options, picture? } → PDF bytes; with `picture` the handout gains the map, laid out here. */
export async function pdf({ board, options, picture }: { board: ExportBoard; options: Omit<PdfOptions, "map">; picture: PictureOptions | null }): Promise<Uint8Array> {
  const [{ renderPdfHandout }, { layoutBoardMap }] = await Promise.all([modules.pdf, modules.map]);
  const map = picture ? await layoutBoardMap(board, picture.collapsed) : undefined;
  return transfer(await renderPdfHandout(board, { ...options, map }));
}

/** { board, options, picture } → PNG bytes of the argument map (or of the columns picture), or { refused } naming why a map is too large. */
export async function png({ board, options, picture }: { board: ExportBoard; options: PngOptions; picture?: PictureOptions }): Promise<Uint8Array | Refused> {
  if (picture?.layout === "columns") {
    const [{ renderPng }, { toSvg }] = await Promise.all([modules.png, modules.svg]);
    return transfer(renderPng(toSvg(board), options));
  }
  const { renderMapPng } = await modules.map;
  try {
    return transfer(await renderMapPng(board, picture?.collapsed ?? [], options));
  } catch (error) {
    if (error instanceof Error && error.name === "MapTooLarge") return { refused: error.message };
    throw error;
  }
}

/** { board, collapsed } → the argument map as SVG text (elk's layout is too slow for the event loop). */
export async function mapSvg({ board, collapsed }: { board: ExportBoard; collapsed: readonly string[] }): Promise<string> {
  const { renderMapSvg } = await modules.map;
  return renderMapSvg(board, collapsed);
}

/**
 * { inputs, format, options } → the export of a board read from the database (load-export-board.ts):
 * its stored document decoded and read here, then drawn like the tasks above or written as text.
 */
export async function fromInputs({ inputs, format, options }: { inputs: ExportInputs; format: ExportFormat; options: RenderOptions & { picture: PictureOptions } }): Promise<Uint8Array | Refused> {
  const { exportBoardFromInputs, renderTextExport } = await modules.board;
  const board = exportBoardFromInputs(inputs);
  const picture = options.picture;
  if (format === "pdf") return pdf({ board, options: {}, picture });
  if (format === "png") return png({ board, options: {}, picture });
  // Text leaves as UTF-8 bytes, transferred: the event loop neither clones megabytes of string nor encodes them.
  if (format === "svg" && picture.layout !== "columns") return utf8(await mapSvg({ board, collapsed: picture.collapsed }));
  if (format === "svg") return utf8((await modules.svg).toSvg(board));
  return utf8(renderTextExport(board, format as TextExportFormat, options));
}

/** { inputs, options } → the evidence report of a board read from the database. */
export async function evidenceFromInputs({ inputs, options }: { inputs: ExportInputs; options: EvidenceOptions }) {
  const { exportBoardFromInputs } = await modules.board;
  return evidence({ board: exportBoardFromInputs(inputs), options });
}

/** Runs an importer; a crash becomes an ordinary failed result naming the parser. */
async function parseWith<M>(loading: Promise<M>, read: (loaded: M, text: string) => ImportResult, label: string, text: string): Promise<ImportResult> {
  try {
    return read(await loading, text);
  } catch (error) {
    return { ok: false, errors: [{ message: `The ${label} parser failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** Argdown text → ImportResult. */
export const argdown = (text: string) => parseWith(modules.argdown, (m, t) => m.fromArgdown(t), "Argdown", text);
/** AIF / OVA3 JSON text → ImportResult. */
export const aif = (text: string) => parseWith(modules.aif, (m, t) => m.fromAif(t), "AIF", text);
/** Kialo outline text → ImportResult. */
export const kialo = (text: string) => parseWith(modules.kialo, (m, t) => m.fromKialo(t), "Kialo outline", text);

const importers: Record<ImportFormat, (text: string) => Promise<ImportResult>> = {
  json: (text) => parseWith(modules.board, (m, t) => m.fromParleyJson(t), "Parley JSON", text),
  argdown,
  aif,
  kialo,
};

/**
 * { format, text } → the new board's document built from the file (server/boards/import-board.ts), ready
 * to store: { ok, built, sourceTitle }; or the file's problems { ok: false, errors }; or the board refused
 * { ok: false, refused: { code, message, details } } (an error's class does not survive the thread boundary).
 */
export async function buildImport({ format, text }: { format: ImportFormat; text: string }) {
  const result = await importers[format](text);
  if (!result.ok) return result;
  const { buildImportedBoard } = await modules.board;
  try {
    return { ok: true, built: buildImportedBoard(result.board), sourceTitle: result.board.source.title };
  } catch (error) {
    if (error && typeof error === "object" && "code" in error) {
      const { code, message, details } = error as { code: string; message: string; details?: unknown };
      return { ok: false, refused: { code, message, details } };
    }
    throw error;
  }
}

/**
 * { oldText, newText, args } → the source revision's plan (lib/revisions/revision-plan.ts): diffing a
 * long article and re-anchoring every quote took ~4.8 s at 178k characters on the event loop.
 */
export async function planRevision({ oldText, newText, args }: RevisionPlanInput) {
  const { planSourceRevision } = await modules.revision;
  return planSourceRevision(oldText, newText, args);
}

/** { board, options } → the evidence report: the heat map walks every quote over every passage of the article. */
export async function evidence({ board, options }: { board: ExportBoard; options: EvidenceOptions }) {
  const { boardEvidenceReport } = await modules.evidence;
  return boardEvidenceReport(board, options);
}
