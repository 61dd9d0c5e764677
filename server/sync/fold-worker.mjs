// Folds a board's snapshot and log into one update off the main thread (see update-folder.ts): on a
// large board that takes long enough to stall every live room served by the same event loop.
// Plain JavaScript so it starts in any worker; tsx's API then loads the shared TypeScript fold.
import { parentPort, threadId } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { foldUpdates } = await tsImport("../../lib/board/snapshot.ts", import.meta.url);

parentPort?.on("message", ({ id, packed, lengths }) => {
  try {
    // The parts arrive packed end to end in one buffer (see update-folder.ts pack()).
    const parts = [];
    let offset = 0;
    for (const length of lengths) {
      parts.push(packed.subarray(offset, offset + length));
      offset += length;
    }
    const folded = foldUpdates(parts);
    parentPort?.postMessage({ id, ok: true, folded, threadId }, [folded.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error), threadId });
  }
});
