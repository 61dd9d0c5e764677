/**
 * What a command-line tool talks to, passed in rather than reached for: its output streams and its
 * environment. The scripts' `main` functions take one, so tests run them in-process (no spawned
 * process racing a clock on a busy machine) while the script entry hands them the real process.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { pathToFileURL } from "node:url";
import { toErrorPayload } from "../lib/errors/errors";

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

/**
 * Runs one command's body for its `main`: 0 when it finishes; a `CliFailure` prints its message and
 * returns its exit code; any other error prints the coded message (or, for an internal error, the
 * error itself, since the operator is the one who can fix it) and returns 1.
 */
export async function runCommand(io: CliIO, body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return 0;
  } catch (error) {
    if (error instanceof CliFailure) {
      io.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    const payload = toErrorPayload(error);
    io.stderr.write(`error: ${payload.code === "internal" ? (error as Error).message : payload.message}\n`);
    return 1;
  }
}

/** The option values `parseArgs` reads from a command line declared with `options`. */
type CommandLine<O extends NonNullable<ParseArgsConfig["options"]>> = ReturnType<typeof parseArgs<{ args: string[]; options: O }>>["values"];

/**
 * Parses a command line against `options` (which should name `help`): a malformed line is bad usage
 * (exit 2); `--help` prints `usage` and returns undefined so the command stops there.
 */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: O,
  usage: string,
  io: CliIO,
): CommandLine<O> | undefined {
  let values: CommandLine<O>;
  try {
    values = parseArgs<{ args: string[]; options: O }>({ args: argv, options }).values;
  } catch (error) {
    throw new CliFailure(`${(error as Error).message}\n${usage}`, 2);
  }
  if ((values as { help?: boolean }).help) {
    io.stdout.write(`${usage}\n`);
    return undefined;
  }
  return values;
}
