// The export pool's worker (see render-pool.ts): draws PDF handouts and PNG pictures and parses
// Argdown imports off the event loop that serves live boards. Each export is one task, named after
// the function below that runs it.
// Plain JavaScript so it starts in any worker (tsx, vitest, plain node); tsx's API then loads the
// TypeScript renderers, as fold-worker.mjs does — each on its first task, so an import never waits
// for pdfkit and a PDF never for the Argdown parser.
import { move } from "piscina";
import { tsImport } from "tsx/esm/api";

const modules = new Map();
const load = (path) => {
  if (!modules.has(path)) modules.set(path, tsImport(path, import.meta.url));
  return modules.get(path);
};

/**
 * Bytes handed back by transfer, not by copy, so the event loop never clones a large image. A fresh
 * array first: resvg's buffer is owned by native code and cannot be transferred.
 */
const transfer = (bytes) => move(new Uint8Array(bytes));

/** { board, options } → PDF bytes. */
export async function pdf({ board, options }) {
  const { renderPdfHandout } = await load("./pdf.ts");
  return transfer(await renderPdfHandout(board, options));
}

/** { board, options } → PNG bytes of the board's argument map. */
export async function png({ board, options }) {
  const [{ renderPng }, { toSvg }] = await Promise.all([load("./png.ts"), load("../../lib/export/svg.ts")]);
  return transfer(renderPng(toSvg(board), options));
}

/** Argdown text → ImportResult; a parser crash becomes an ordinary failed result. */
export async function argdown(text) {
  const { fromArgdown } = await load("../../lib/export/argdown-import.ts");
  try {
    return fromArgdown(text);
  } catch (error) {
    return { ok: false, errors: [{ message: `The Argdown parser failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
