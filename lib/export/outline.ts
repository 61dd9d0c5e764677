import type { Stance } from "../board/argument";
import { buildColumns, type ArgumentNode } from "../board/tree";
import type { ExportBoard } from "./board-export";
import { withQuoteMarks } from "../text/quote-marks";

/**
 * Kialo-style numbered outline, the plain-text layout Kialo exports and can import:
 *
 *   Discussion Title: Can the US and Pakistan reset bilateral ties?
 *
 *   1. The US position
 *   1.1. Pro: Tying aid to results is only fair. … — “Pakistan has not kept its promises …” (Amira)
 *   1.1.1. Con: "No promises kept" ignores the record. … (Farah)
 *   2. The Pakistani military position
 *
 * Each position is a top-level thesis; below it come its arguments as the board shows them (the For lane
 * then the Against lane), replies nested under what they answer. Pro/Con is the stance relative to the
 * parent, as in Kialo. Numbers are hierarchical and contiguous among siblings.
 *
 * One node, one line: the format is line-based (a line that does not start with a number would be read as
 * part of the previous claim, or rejected), so quotes are appended inline as ` — “…”` rather than on `> `
 * lines of their own, and all whitespace in user text — line breaks, tabs — is collapsed to single spaces.
 * The author follows in parentheses.
 */

const STANCE_WORDS: Record<Stance, string> = { for: "Pro", against: "Con" };

/** Renders the outline, ending with a newline. Pure; deterministic. */
export function toKialoOutline(board: ExportBoard): string {
  const lines = [`Discussion Title: ${oneLine(board.board.title)}`, ""];
  buildColumns(board.positions, board.arguments).forEach((column, index) => {
    const number = `${index + 1}.`;
    lines.push(`${number} ${oneLine(column.position.label)}`);
    [...column.lanes.for, ...column.lanes.against].forEach((node, childIndex) => pushNode(lines, node, `${number}${childIndex + 1}.`));
  });
  return `${lines.join("\n")}\n`;
}

/** Appends `node` numbered `number` and its replies, depth-first (mutates `lines`). */
function pushNode(lines: string[], node: ArgumentNode, number: string): void {
  const arg = node.argument;
  const quotes = arg.quotes.map((quote) => ` — ${withQuoteMarks(oneLine(quote.exact))}`).join("");
  lines.push(`${number} ${STANCE_WORDS[arg.stance]}: ${oneLine(arg.text)}${quotes} (${oneLine(arg.authorName)})`);
  node.children.forEach((child, index) => pushNode(lines, child, `${number}${index + 1}.`));
}

/**
 * Collapses every run of whitespace to one space, including everything a line-splitting reader may treat
 * as a line break: LF, CR, VT, FF, U+2028/2029 (all in `\s`) and NEL and the file/group/record separators
 * U+001C–001E (not in `\s`, but Python's `splitlines` breaks on them).
 */
function oneLine(text: string): string {
  return text.replace(/[\s\u0085\u001c-\u001e]+/g, " ").trim();
}
