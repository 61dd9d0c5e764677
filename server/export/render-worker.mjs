// The export pool's worker (see render-pool.ts): draws PDF handouts and PNG pictures and parses
// Argdown, AIF and Kialo imports, and plans source revisions, off the event loop that serves live boards. Each export is one task, named after
// the function below that runs it.
// Plain JavaScript so it starts in any worker (tsx, vitest, plain node); tsx's API then loads the
// TypeScript renderers, as fold-worker.mjs does. The loads start while this module is evaluated
// (tsImport called later, from a task, fails when the parent process itself runs under tsx) but are
// awaited only by the tasks that need them, so an import need not wait for pdfkit.
import { move } from "piscina";
import { tsImport } from "tsx/esm/api";

const modules = {
  pdf: tsImport("./pdf.ts", import.meta.url),
  png: tsImport("./png.ts", import.meta.url),
  svg: tsImport("../../lib/export/svg.ts", import.meta.url),
  map: tsImport("./map-render.ts", import.meta.url),
  argdown: tsImport("../../lib/export/argdown-import.ts", import.meta.url),
  aif: tsImport("../../lib/export/aif-import.ts", import.meta.url),
  kialo: tsImport("../../lib/export/kialo-import.ts", import.meta.url),
  revision: tsImport("../../lib/revisions/revision-plan.ts", import.meta.url),
  evidence: tsImport("../../lib/evidence/board-report.ts", import.meta.url),
  board: tsImport("./pool-board-tasks.ts", import.meta.url),
};
// A failed load surfaces in the task that needs it, not as an unhandled rejection.
for (const loading of Object.values(modules)) loading.catch(() => undefined);

/**
 * Bytes handed back by transfer, not by copy, so the event loop never clones a large image. A fresh
 * array first: resvg's buffer is owned by native code and cannot be transferred.
 */
const transfer = (bytes) => move(new Uint8Array(bytes));

const encoder = new TextEncoder();
/** A text export as the bytes an HTTP response of it carries, handed back by transfer. */
const utf8 = (text) => move(encoder.encode(text));

/** { board, options, picture? } → PDF bytes; with `picture` the handout gains the map, laid out here. */
export async function pdf({ board, options, picture }) {
  const [{ renderPdfHandout }, { layoutBoardMap }] = await Promise.all([modules.pdf, modules.map]);
  const map = picture ? await layoutBoardMap(board, picture.collapsed) : undefined;
  return transfer(await renderPdfHandout(board, { ...options, map }));
}

/**
 * { board, options, picture } → PNG bytes of the argument map (or of the columns picture), or
 * { refused } naming why a map is too large: an error's class does not survive the thread boundary.
 */
export async function png({ board, options, picture }) {
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
export async function mapSvg({ board, collapsed }) {
  const { renderMapSvg } = await modules.map;
  return renderMapSvg(board, collapsed);
}

/**
 * { inputs, format, options } → the export of a board read from the database (load-export-board.ts):
 * its stored document decoded and read here, then drawn like the tasks above or written as text.
 */
export async function fromInputs({ inputs, format, options }) {
  const { exportBoardFromInputs } = await modules.board;
  const board = exportBoardFromInputs(inputs);
  const picture = options.picture;
  if (format === "pdf") return pdf({ board, options: {}, picture });
  if (format === "png") return png({ board, options: {}, picture });
  // Text leaves as UTF-8 bytes, transferred: the event loop neither clones megabytes of string nor encodes them.
  if (format === "svg" && picture.layout !== "columns") return utf8(await mapSvg({ board, collapsed: picture.collapsed }));
  if (format === "svg") return utf8((await modules.svg).toSvg(board));
  return utf8((await modules.board).renderTextExport(board, format, options));
}

/** { inputs, options } → the evidence report of a board read from the database. */
export async function evidenceFromInputs({ inputs, options }) {
  const { exportBoardFromInputs } = await modules.board;
  return evidence({ board: exportBoardFromInputs(inputs), options });
}

/** Runs an importer; a crash becomes an ordinary failed result naming the parser. */
async function parseWith(loading, read, label, text) {
  try {
    return read(await loading, text);
  } catch (error) {
    return { ok: false, errors: [{ message: `The ${label} parser failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** Argdown text → ImportResult. */
export const argdown = (text) => parseWith(modules.argdown, (m, t) => m.fromArgdown(t), "Argdown", text);
/** AIF / OVA3 JSON text → ImportResult. */
export const aif = (text) => parseWith(modules.aif, (m, t) => m.fromAif(t), "AIF", text);
/** Kialo outline text → ImportResult. */
export const kialo = (text) => parseWith(modules.kialo, (m, t) => m.fromKialo(t), "Kialo outline", text);

const importers = {
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
export async function buildImport({ format, text }) {
  const result = await importers[format](text);
  if (!result.ok) return result;
  const { buildImportedBoard } = await modules.board;
  try {
    return { ok: true, built: buildImportedBoard(result.board), sourceTitle: result.board.source.title };
  } catch (error) {
    if (error && typeof error === "object" && "code" in error) return { ok: false, refused: { code: error.code, message: error.message, details: error.details } };
    throw error;
  }
}

/**
 * { oldText, newText, args } → the source revision's plan (lib/revisions/revision-plan.ts): diffing a
 * long article and re-anchoring every quote took ~4.8 s at 178k characters on the event loop.
 */
export async function planRevision({ oldText, newText, args }) {
  const { planSourceRevision } = await modules.revision;
  return planSourceRevision(oldText, newText, args);
}

/** { board, options } → the evidence report: the heat map walks every quote over every passage of the article. */
export async function evidence({ board, options }) {
  const { boardEvidenceReport } = await modules.evidence;
  return boardEvidenceReport(board, options);
}
