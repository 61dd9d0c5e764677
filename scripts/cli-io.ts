/**
 * What a command-line tool talks to, passed in rather than reached for: its output streams and its
 * environment. The scripts' `main` functions take one, so tests run them in-process (no spawned
 * process racing a clock on a busy machine) while the script entry hands them the real process.
 */
import { pathToFileURL } from "node:url";

export interface CliIO {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
}

/** The running process's streams and environment. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** A failure to report as one line on stderr, with the exit code (2: bad usage, 1: anything else). */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Whether the module at `moduleUrl` is the script node was asked to run (not imported by a test). */
export function isEntryPoint(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === moduleUrl;
}

/** Runs a CLI's main with the real process and sets the exit code; output is flushed on the natural exit. */
export async function runAsScript(main: (argv: string[], io: CliIO) => Promise<number>): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIO());
}
