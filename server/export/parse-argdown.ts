import { Worker } from "node:worker_threads";
import type { ImportResult } from "../../lib/export/imported-board";

/** Longest an Argdown import may parse before it is abandoned. Real exports take well under a second. */
export const ARGDOWN_PARSE_TIMEOUT_MS = 20_000;

/**
 * Parses an Argdown file in a worker thread with a time limit. The reference lexer is quadratic on
 * some hostile inputs (50 KB of "{" takes seconds); in a worker that costs one core for a while
 * instead of freezing every live board.
 */
export function parseArgdownInWorker(text: string, timeoutMs = ARGDOWN_PARSE_TIMEOUT_MS): Promise<ImportResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./argdown-worker.mjs", import.meta.url));
    const finish = (result: ImportResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, errors: [{ message: `The Argdown file took longer than ${timeoutMs / 1000} s to read; it may be malformed.` }] }),
      timeoutMs,
    );
    worker.once("message", finish);
    worker.once("error", (error) => finish({ ok: false, errors: [{ message: `The Argdown parser failed: ${error.message}` }] }));
    worker.postMessage(text);
  });
}
