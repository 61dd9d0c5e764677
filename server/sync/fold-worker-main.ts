// The compaction worker's body (see update-folder.ts): folds a board's snapshot and log into one update
// off the event loop that serves live rooms. The production bundle starts it compiled
// (dist/server/worker-fold.mjs); elsewhere fold-worker.mjs loads this source through tsx.
import { parentPort, threadId } from "node:worker_threads";
import { foldUpdates } from "../../lib/board/snapshot";
import { splitConcatenated } from "../persistence/stored-log";

export interface FoldRequest {
  id: number;
  /** The parts end to end in one buffer (update-folder.ts pack()), transferred rather than copied. */
  packed: Uint8Array;
  lengths: number[];
}

parentPort?.on("message", ({ id, packed, lengths }: FoldRequest) => {
  try {
    const folded = foldUpdates(splitConcatenated(packed, lengths));
    parentPort?.postMessage({ id, ok: true, folded, threadId }, [folded.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort?.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error), threadId });
  }
});
