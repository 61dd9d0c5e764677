// The render pool's board work (render-worker.mjs) as one module, so the worker loads one copy of Yjs
// for all of it: each tsImport is a module graph of its own, and a document must be read by the copy that built it.
export { exportBoardFromInputs } from "./load-export-board";
export { renderTextExport } from "./render-export";
export { fromParleyJson } from "../../lib/export/json";
export { buildImportedBoard } from "../boards/import-board";
