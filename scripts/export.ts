// npm run export -- --board <id> --format <format> [--out FILE] [--ova] [--origin URL]
// Writes one board in one format (see docs/exports.md); without --out, text formats go to stdout.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { toErrorPayload } from "../lib/errors/errors";
import { EXPORT_FORMATS, ExportFormatSchema } from "../lib/export/formats";
import { createExportService } from "../server/export/export-service";
import { fail, withStore } from "./cli-database";

const USAGE = `usage: npm run export -- --board <id> --format <${Object.keys(EXPORT_FORMATS).join("|")}> [--out FILE] [--ova] [--origin URL]`;
let args;
try {
  args = parseArgs({
    options: { board: { type: "string" }, format: { type: "string" }, out: { type: "string" }, ova: { type: "boolean" }, origin: { type: "string" }, help: { type: "boolean" } },
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.board) fail(`--board is required\n${USAGE}`, 2);
const format = ExportFormatSchema.safeParse(args.format);
if (!format.success) fail(`--format must be one of ${Object.keys(EXPORT_FORMATS).join(", ")}\n${USAGE}`, 2);

try {
  const rendered = await withStore((store, origin) =>
    // The operator holds the database itself: their exports carry individual ballots too.
    createExportService(store).render(args.board!, format.data, { origin: args.origin ?? origin, ova: args.ova, includeVotes: true }),
  );
  if (args.out && args.out !== "-") {
    writeFileSync(args.out, rendered.body);
    console.error(`wrote ${args.out} (${EXPORT_FORMATS[format.data].label})`);
  } else if (EXPORT_FORMATS[format.data].binary && process.stdout.isTTY) {
    fail(`${format.data} is binary: give --out FILE`, 2);
  } else {
    process.stdout.write(rendered.body);
  }
} catch (error) {
  fail(toErrorPayload(error).code === "internal" ? (error as Error).message : toErrorPayload(error).message);
}
