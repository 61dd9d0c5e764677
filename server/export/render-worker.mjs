// The export pool's worker (see render-pool.ts): draws PDF handouts and PNG pictures and parses
// Argdown imports off the event loop that serves live boards. Each export is one task, named after
// the function below that runs it.
// Plain JavaScript so it starts in any worker (tsx, vitest, plain node); tsx's API then loads the
// TypeScript renderers, as fold-worker.mjs does.
import { move } from "piscina";
import { tsImport } from "tsx/esm/api";

const [{ renderPdfHandout }, { renderPng }, { toSvg }, { fromArgdown }] = await Promise.all([
  tsImport("./pdf.ts", import.meta.url),
  tsImport("./png.ts", import.meta.url),
  tsImport("../../lib/export/svg.ts", import.meta.url),
  tsImport("../../lib/export/argdown-import.ts", import.meta.url),
]);

/**
 * Bytes handed back by transfer, not by copy, so the event loop never clones a large image. A fresh
 * array first: resvg's buffer is owned by native code and cannot be transferred.
 */
const transfer = (bytes) => move(new Uint8Array(bytes));

/** { board, options } → PDF bytes. */
export async function pdf({ board, options }) {
  return transfer(await renderPdfHandout(board, options));
}

/** { board, options } → PNG bytes of the board's argument map. */
export function png({ board, options }) {
  return transfer(renderPng(toSvg(board), options));
}

/** Argdown text → ImportResult; a parser crash becomes an ordinary failed result. */
export function argdown(text) {
  try {
    return fromArgdown(text);
  } catch (error) {
    return { ok: false, errors: [{ message: `The Argdown parser failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
