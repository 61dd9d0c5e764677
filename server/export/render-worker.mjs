// Starts the export pool's worker from its TypeScript source (render-worker-main.ts) in any worker
// (tsx, vitest, plain node) through tsx's API. A server running from its bundle starts the compiled
// copy instead (server/compiled-workers.ts), so a production export never starts tsx.
// Piscina awaits a task's export before calling it, so each task is the source's function, once loaded.
import { tsImport } from "tsx/esm/api";

const body = tsImport("./render-worker-main.ts", import.meta.url);
const task = (name) => {
  const loaded = body.then((module) => module[name]);
  // A failed load surfaces in the task that runs, not as an unhandled rejection of the others.
  loaded.catch(() => undefined);
  return loaded;
};

export const pdf = task("pdf");
export const png = task("png");
export const mapSvg = task("mapSvg");
export const fromInputs = task("fromInputs");
export const evidenceFromInputs = task("evidenceFromInputs");
export const argdown = task("argdown");
export const aif = task("aif");
export const kialo = task("kialo");
export const buildImport = task("buildImport");
export const planRevision = task("planRevision");
export const evidence = task("evidence");
