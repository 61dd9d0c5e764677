// Runs one Argdown import off the main thread (see parse-argdown.ts): the reference parser can take
// seconds on hostile input, and the sync server must keep serving everyone meanwhile.
// Plain JavaScript so it starts in any worker; tsx's API then loads the TypeScript importer.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { fromArgdown } = await tsImport("../../lib/export/argdown-import.ts", import.meta.url);

parentPort?.on("message", (text) => {
  try {
    parentPort?.postMessage(fromArgdown(text));
  } catch (error) {
    parentPort?.postMessage({ ok: false, errors: [{ message: `The Argdown parser failed: ${error.message}` }] });
  }
});
