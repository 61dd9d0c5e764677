/**
 * Bench-only hook loaded into each server process (never into production entry points): answers the
 * harness's IPC message { type: "heap" } with the heap in use after a full collection (the process runs
 * with --expose-gc). Servers stop when the harness goes away.
 */
export interface HeapReport {
  type: "heap";
  heapUsed: number;
  rss: number;
}

export function installHeapProbe(): void {
  process.on("message", (message: unknown) => {
    if ((message as { type?: unknown })?.type !== "heap") return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    process.send?.({ type: "heap", heapUsed, rss } satisfies HeapReport);
  });
  // The IPC channel must not keep a server alive that was asked to stop…
  process.channel?.unref();
  // …and a harness that dies (Ctrl-C, a crash) must not leave its servers running.
  process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
}
