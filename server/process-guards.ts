/**
 * What the server process does with errors nobody caught.
 *
 * - An unhandled promise rejection is logged and the process keeps serving. By the time one reaches
 *   here its own work has already failed; the room queue (server/sync/room-queue.ts) makes sure such a
 *   failure cannot leave a board half-changed or block the boards' later messages, so stopping every
 *   live board for it would do more harm than good.
 * - An uncaught exception is logged and the process shuts down gracefully (boards are compacted and
 *   saved, connections closed), then exits with status 1 for the supervisor to restart it. A
 *   synchronous throw that reached the top may have left any in-memory state half-updated, and
 *   serving on from that state risks acknowledging what is not stored.
 */
export interface ProcessGuardOptions {
  /** Says which process this is in the log. */
  name: string;
  /** Stops the server gracefully (RunningParley.close). */
  shutdown: () => Promise<void>;
  /** Longest the graceful shutdown may take before the process exits anyway. */
  shutdownDeadlineMs?: number;
  log?: (message: string, error: unknown) => void;
  exit?: (code: number) => void;
}

type ProcessEvents = Pick<NodeJS.Process, "on">;

/** Installs both handlers on `target` (the process); `shuttingDown()` says whether an exception has started the shutdown. */
export function guardProcess(target: ProcessEvents, options: ProcessGuardOptions): { shuttingDown(): boolean } {
  const { name, shutdown, shutdownDeadlineMs = 15_000 } = options;
  const log = options.log ?? ((message, error) => console.error(message, error));
  const exit = options.exit ?? ((code) => process.exit(code));
  let stopping = false;

  target.on("unhandledRejection", (reason) => {
    log(`[parley] ${name}: unhandled promise rejection (still serving):`, reason);
  });

  target.on("uncaughtException", (error) => {
    log(`[parley] ${name}: uncaught exception${stopping ? " during shutdown" : "; saving boards and shutting down"}:`, error);
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => exit(1), shutdownDeadlineMs);
    deadline.unref?.();
    shutdown()
      .catch((failure: unknown) => log(`[parley] ${name}: shutdown after the exception failed:`, failure))
      .finally(() => {
        clearTimeout(deadline);
        exit(1);
      });
  });

  return { shuttingDown: () => stopping };
}
