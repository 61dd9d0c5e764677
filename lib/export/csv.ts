import type { ArgumentNode } from "../board/tree";
import { buildColumns } from "../board/tree";
import { teamNamesByAuthor, type ExportBoard } from "./board-export";
import { talliesOf } from "./results";
import { withQuoteMarks } from "../text/quote-marks";
import { revisionLabel } from "../revisions/revision-views";

/**
 * CSV spreadsheet export: one row per argument, in the order the board shows them (position by position,
 * the For lane then the Against lane, each thread depth-first with replies oldest first).
 *
 * RFC 4180: comma-separated, CRLF between records (and after the last), a field in double quotes when it
 * holds a comma, a double quote, CR or LF, with inner quotes doubled. Line breaks inside an argument are
 * kept inside its quoted field. The file starts with a UTF-8 byte-order mark because Excel otherwise
 * reads CSV in the machine's legacy code page and mangles every accent and emoji. (The header's lower-case
 * `id` matters too: a file starting with upper-case "ID" makes Excel think it is a SYLK file.)
 */

/**
 * Column names, in order. `team` is the author's team. `votes`, `mean_strength` and `mean_quote_support`
 * are numbers (averages to two decimals, a dot as the decimal mark), from the revealed results or the
 * ballots a facilitator's export carries; empty while the results are hidden or nobody rated.
 */
export const CSV_COLUMNS = ["id", "parent_id", "position", "stance", "depth", "text", "quotes", "author", "team", "votes", "mean_strength", "mean_quote_support", "source_revision"] as const;

const BOM = "\ufeff";
const CRLF = "\r\n";

/**
 * A spreadsheet treats a cell that starts with one of these as a formula (CSV injection, e.g.
 * `=HYPERLINK(...)` or a DDE payload `=cmd|' /C calc'!A0`). Following OWASP's guidance such a cell is
 * prefixed with a single quote, which makes Excel, LibreOffice and Google Sheets show it as text.
 * - TAB and CR count on their own; the others also after leading whitespace, since some spreadsheets trim
 *   a cell before deciding whether it is a formula.
 * - The full-width forms (＝ ＋ － ＠) are included too: some spreadsheet versions and input methods fold
 *   them to their ASCII twins, and prefixing them costs one harmless character.
 * The rule is applied to every cell, not only to user text: ids and keys come from imported files too.
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** Serializes a board as CSV (see the module comment for the dialect). Pure; deterministic. */
export function toCsv(board: ExportBoard): string {
  const positionLabels = new Map(board.positions.map((p) => [p.id, p.label]));
  const teams = teamNamesByAuthor(board);
  const tallies = talliesOf(board);
  const mean = (n: number | null | undefined) => (n === null || n === undefined ? "" : n.toFixed(2));
  const rows: string[][] = [[...CSV_COLUMNS]];
  const visit = (node: ArgumentNode) => {
    const arg = node.argument;
    rows.push([
      arg.id,
      arg.parentId,
      positionLabels.get(arg.positionId) ?? "",
      arg.stance,
      String(node.depth),
      arg.text,
      arg.quotes.map((quote) => withQuoteMarks(quote.exact)).join(" | "),
      arg.authorName,
      teams.get(arg.authorId) ?? "",
      String(tallies.get(arg.id)?.votes ?? ""),
      mean(tallies.get(arg.id)?.strength),
      mean(tallies.get(arg.id)?.quoteSupport),
      arg.quotes.length > 0 ? revisionLabel(board.sourceRevision ?? 1, board.source.sha256) : "",
    ]);
    node.children.forEach(visit);
  };
  for (const column of buildColumns(board.positions, board.arguments)) {
    [...column.lanes.for, ...column.lanes.against].forEach(visit);
  }
  return csvDocument(rows);
}

/** A whole CSV file in this module's dialect (BOM, CRLF, every field through csvField). */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(",")).join(CRLF) + CRLF;
}

/** One field: defused against formula injection first, then quoted if RFC 4180 requires it. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
