// npm run import -- --file map.argdown [--format json|argdown|aif|kialo]
// Creates a new board from a Parley JSON, Argdown, AIF or Kialo outline file and prints its id and address.
import { readFileSync } from "node:fs";
import { ParleyError } from "../lib/errors/errors";
import { detectImportFormat, IMPORT_FORMATS, type ImportFormat } from "../lib/export/formats";
import type { ImportIssue } from "../lib/export/imported-board";
import { createExportService } from "../server/export/export-service";
import { withStore } from "./cli-database";
import { CliFailure, isEntryPoint, parseCommandLine, processIO, runAsScript, runCommand, type CliIO } from "./cli-io";

const USAGE = "usage: npm run import -- --file FILE [--format json|argdown|aif|kialo]";

/** The import command: parses `argv`, creates the board, and returns the exit code (0, 1, or 2 for bad usage). */
export async function importMain(argv: string[], io: CliIO = processIO()): Promise<number> {
  return runCommand(io, () => importFile(argv, io));
}

async function importFile(argv: string[], io: CliIO): Promise<void> {
  const args = parseCommandLine(argv, { file: { type: "string" }, format: { type: "string" }, help: { type: "boolean" } }, USAGE, io);
  if (!args) return;
  const file = args.file;
  if (!file) throw new CliFailure(`--file is required\n${USAGE}`, 2);
  if (args.format && !IMPORT_FORMATS.includes(args.format as ImportFormat)) throw new CliFailure(`--format must be one of ${IMPORT_FORMATS.join(", ")}\n${USAGE}`, 2);

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`);
  }
  const format = (args.format as ImportFormat | undefined) ?? detectImportFormat(text);
  const { board, invite } = await withStore(async (store) => {
    const exports = createExportService(store);
    const imported = await exports.importFile(text, format).finally(() => exports.close());
    const invites = await store.listInvites(imported.board.id);
    return { ...imported, invite: invites.find((i) => i.role === "facilitator")?.token };
  }, io.env).catch((error: unknown) => {
    const issues = ParleyError.is(error) ? ((error.details as { errors?: ImportIssue[] } | undefined)?.errors ?? []) : [];
    if (issues.length === 0) throw error;
    const lines = issues.map((issue) => `  ${issue.line ? `line ${issue.line}: ` : ""}${issue.message}`);
    throw new CliFailure(`${file} was not imported; nothing was created:\n${lines.join("\n")}`);
  });
  io.stdout.write(`imported ${file} as board ${board.id} ("${board.title}"), join code ${board.joinCode}: /b/${board.id}\n`);
  if (invite) io.stdout.write(`facilitator link (keep it private): /b/${board.id}?invite=${invite}\n`);
}

if (isEntryPoint(import.meta.url)) await runAsScript(importMain);
