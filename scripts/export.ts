// npm run export -- --board <id> --format <format> [--out FILE] [--ova] [--origin URL]
// Writes one board in one format (see docs/exports.md); without --out, text formats go to stdout.
import { writeFileSync } from "node:fs";
import { EXPORT_FORMATS, ExportFormatSchema } from "../lib/export/formats";
import { createExportService } from "../server/export/export-service";
import { withStore } from "./cli-database";
import { CliFailure, isEntryPoint, parseCommandLine, processIO, runAsScript, runCommand, type CliIO } from "./cli-io";

const USAGE = `usage: npm run export -- --board <id> --format <${Object.keys(EXPORT_FORMATS).join("|")}> [--out FILE] [--ova] [--origin URL]`;

/** The export command: parses `argv`, writes the board, and returns the exit code (0, 1, or 2 for bad usage). */
export async function exportMain(argv: string[], io: CliIO = processIO()): Promise<number> {
  return runCommand(io, () => exportBoard(argv, io));
}

async function exportBoard(argv: string[], io: CliIO): Promise<void> {
  const args = parseCommandLine(
    argv,
    { board: { type: "string" }, format: { type: "string" }, out: { type: "string" }, ova: { type: "boolean" }, origin: { type: "string" }, help: { type: "boolean" } },
    USAGE,
    io,
  );
  if (!args) return;
  const board = args.board;
  if (!board) throw new CliFailure(`--board is required\n${USAGE}`, 2);
  const format = ExportFormatSchema.safeParse(args.format);
  if (!format.success) throw new CliFailure(`--format must be one of ${Object.keys(EXPORT_FORMATS).join(", ")}\n${USAGE}`, 2);
  const binaryToTerminal = EXPORT_FORMATS[format.data].binary && (!args.out || args.out === "-") && io.stdout.isTTY;
  if (binaryToTerminal) throw new CliFailure(`${format.data} is binary: give --out FILE`, 2);

  const rendered = await withStore(
    async (store, origin) => {
      const exports = createExportService(store);
      try {
        // The operator holds the database itself: their exports carry individual ballots too.
        return await exports.render(board, format.data, { origin: args.origin ?? origin, ova: args.ova, includeVotes: true });
      } finally {
        await exports.close();
      }
    },
    io.env,
  );
  if (args.out && args.out !== "-") {
    writeFileSync(args.out, rendered.body);
    io.stderr.write(`wrote ${args.out} (${EXPORT_FORMATS[format.data].label})\n`);
  } else {
    io.stdout.write(rendered.body);
  }
}

if (isEntryPoint(import.meta.url)) await runAsScript(exportMain);
