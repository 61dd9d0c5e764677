// npm run import -- --file map.argdown [--format json|argdown]
// Creates a new board from a Parley JSON or Argdown file and prints its id and address.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ParleyError, toErrorPayload } from "../lib/errors/errors";
import { detectImportFormat, IMPORT_FORMATS, type ImportFormat } from "../lib/export/formats";
import type { ImportIssue } from "../lib/export/imported-board";
import { createExportService } from "../server/export/export-service";
import { fail, withStore } from "./cli-database";

const USAGE = "usage: npm run import -- --file FILE [--format json|argdown]";
let args;
try {
  args = parseArgs({ options: { file: { type: "string" }, format: { type: "string" }, help: { type: "boolean" } } }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.file) fail(`--file is required\n${USAGE}`, 2);
if (args.format && !IMPORT_FORMATS.includes(args.format as ImportFormat)) fail(`--format must be json or argdown\n${USAGE}`, 2);

let text: string;
try {
  text = readFileSync(args.file, "utf8");
} catch (error) {
  fail(`cannot read ${args.file}: ${(error as Error).message}`);
}
const format = (args.format as ImportFormat | undefined) ?? detectImportFormat(text);

try {
  const { board, invite } = await withStore(async (store) => {
    const imported = await createExportService(store).importFile(text, format);
    const invites = await store.listInvites(imported.board.id);
    return { ...imported, invite: invites.find((i) => i.role === "facilitator")?.token };
  });
  console.log(`imported ${args.file} as board ${board.id} ("${board.title}"), join code ${board.joinCode}: /b/${board.id}`);
  if (invite) console.log(`facilitator link (keep it private): /b/${board.id}?invite=${invite}`);
} catch (error) {
  const errors = ParleyError.is(error) ? ((error.details as { errors?: ImportIssue[] } | undefined)?.errors ?? []) : [];
  if (errors.length === 0) fail(toErrorPayload(error).code === "internal" ? (error as Error).message : toErrorPayload(error).message);
  console.error(`error: ${args.file} was not imported; nothing was created:`);
  for (const issue of errors) console.error(`  ${issue.line ? `line ${issue.line}: ` : ""}${issue.message}`);
  process.exit(1);
}
