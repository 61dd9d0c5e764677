// The render pool's board work (render-worker-main.ts) as one module the worker loads on its own,
// beside the renderers: decoding a stored board, writing text exports and building imported boards.
export { exportBoardFromInputs } from "./load-export-board";
export { renderTextExport } from "./render-export";
export { fromParleyJson } from "../../lib/export/json";
export { buildImportedBoard } from "../boards/import-board";
