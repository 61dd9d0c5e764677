import type { Stance } from "../board/argument";
import { LIMITS } from "../board/constants";
import type { ImportIssue, ImportResult } from "./imported-board";
import { capIssues, checkImported, clip, MAX_IMPORTED_ARGUMENTS, negationOf, positionKeys, type DraftArgument } from "./import-shape";

/**
 * Kialo import: the plain-text outline Kialo exports (and Parley's own outline export writes):
 *
 *   Discussion Title: Should cities ban cars downtown?
 *
 *   1. Cities should ban cars downtown.
 *   1.1. Pro: Air quality improves.
 *   It improves a lot.                  ← a continuation line, part of the claim above
 *   1.1.1. Con: Only on main roads.
 *   1.2. Con: -> See 1.1.1.             ← a link to another claim
 *
 * - Top-level items (`1.`, `2.`, …) are the theses. One thesis becomes two positions, the thesis and
 *   its negation ("Not: …"), with every argument under the thesis; several theses become one
 *   position each (2 to 6).
 * - `Pro:` is an argument `for` the claim its number extends, `Con:` one `against` it.
 * - A link (`-> See 1.2.3.`) becomes a reply that quotes nothing, its text naming the claim it points
 *   to ("See 1.2.3: “…”"), so the reference stays visible where the author put it.
 * - Kialo has no source document or authors: the outline itself is the source, every argument is by
 *   "Kialo import". Never throws; every problem is reported with its line.
 */

const NUMBERED = /^(\d+(?:\.\d+)*)\.\s+(.*)$/;
const TITLE = /^Discussion Title:\s*(.*)$/i;
const STANCE = /^(Pro|Con):\s*(.*)$/is;
const LINK = /^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$/i;

interface Item {
  number: string;
  line: number;
  stance?: Stance;
  text: string;
}

export interface FromKialoOptions {
  /** Creation time of the first argument (default: now); the rest follow 1 ms apart in outline order. */
  now?: number;
}

/** Reads a Kialo outline into a board for the import use-case. */
export function fromKialo(text: string, options: FromKialoOptions = {}): ImportResult {
  const read = readItems(text);
  if (read.errors.length > 0) return { ok: false, errors: capIssues(read.errors) };
  const { items, title } = read;
  const theses = items.filter((item) => !item.number.includes("."));
  if (theses.length === 0) return { ok: false, errors: [{ message: 'No thesis: Kialo outlines start with a numbered claim such as "1. The thesis".' }] };
  if (theses.length > 6) return { ok: false, errors: [{ line: theses[6].line, message: `Parley needs 2 to 6 positions; this outline has ${theses.length} theses.` }] };
  const members = items.filter((item) => item.number.includes("."));
  if (members.length > MAX_IMPORTED_ARGUMENTS) return { ok: false, errors: [{ message: `A board may hold at most ${MAX_IMPORTED_ARGUMENTS} arguments; this outline has ${members.length}.` }] };

  const labels = theses.map((t) => clip(t.text, LIMITS.positionLabelMaxChars));
  if (labels.length === 1) labels.push(negationOf(labels[0]));
  const keys = positionKeys(labels);
  const byNumber = new Map(items.map((item) => [item.number, item]));
  // Ids by line, not by number: a deep number would outgrow the 64-character id limit.
  const idOf = (number: string) => (number.includes(".") ? `kialo-${byNumber.get(number)!.line}` : `pos-${keys[theses.indexOf(byNumber.get(number)!)]}`);

  const errors: ImportIssue[] = [];
  const now = options.now ?? Date.now();
  const args: DraftArgument[] = members.map((item, index) => {
    const parent = item.number.slice(0, item.number.lastIndexOf("."));
    const createdAt = now + index;
    return {
      id: idOf(item.number),
      positionId: idOf(item.number.split(".")[0]),
      parentId: idOf(parent),
      stance: item.stance!,
      text: linkText(item, byNumber, errors),
      quotes: [],
      authorId: "kialo-import",
      authorName: "Kialo import",
      createdAt,
      updatedAt: createdAt,
    };
  });
  if (errors.length > 0) return { ok: false, errors: capIssues(errors) };
  const boardTitle = clip(title || theses[0].text, LIMITS.boardTitleMaxChars);
  const board = {
    title: boardTitle,
    source: { title: boardTitle, publisher: null, publishedOn: null, language: "und", text: text.length <= LIMITS.sourceMaxChars ? text : clip(text, LIMITS.sourceMaxChars) },
    positions: labels.map((label, i) => ({ key: keys[i], label })),
    arguments: args,
  };
  return checkImported(board, {
    positions: theses.map((t) => t.line),
    arguments: members.map((m) => m.line),
    locate: (line) => ({ line: typeof line === "number" ? line : undefined, prefix: "" }),
  });
}

/** The claim's text, or for a link the claim it points to (reports links to numbers that do not exist). */
function linkText(item: Item, byNumber: Map<string, Item>, errors: ImportIssue[]): string {
  const link = LINK.exec(item.text);
  if (!link) return item.text;
  const target = byNumber.get(link[1]);
  if (!target) errors.push({ line: item.line, message: `"${item.text}" points to ${link[1]}, which is not in the outline.` });
  return `See ${link[1]}: “${clip(target?.text ?? "", 300)}”`;
}

/** Splits the outline into numbered items (continuation lines joined), checking numbering and stances. */
function readItems(text: string): { items: Item[]; title: string; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const items: Item[] = [];
  const seen = new Set<string>();
  let title = "";
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const numbered = NUMBERED.exec(raw.trim());
    if (!numbered) {
      const titled = items.length === 0 ? TITLE.exec(raw.trim()) : null;
      if (titled) title = titled[1].trim();
      else if (items.length > 0) items[items.length - 1].text += `\n${raw}`;
      else if (raw.trim() !== "") errors.push({ line, message: `Expected "Discussion Title: …" or a numbered claim such as "1. The thesis", found "${clip(raw, 60)}".` });
      return;
    }
    const [, number, rest] = numbered;
    const parent = number.includes(".") ? number.slice(0, number.lastIndexOf(".")) : undefined;
    if (seen.has(number)) errors.push({ line, message: `The number ${number}. is used twice.` });
    else if (parent !== undefined && !seen.has(parent)) errors.push({ line, message: `${number}. answers ${parent}., which does not come before it.` });
    seen.add(number);
    const stance = STANCE.exec(rest);
    if (parent !== undefined && !stance) errors.push({ line, message: `${number}. needs "Pro:" or "Con:" before its text.` });
    items.push({ number, line, stance: stance ? (stance[1].toLowerCase() === "pro" ? "for" : "against") : undefined, text: parent !== undefined && stance ? stance[2] : rest });
  });
  for (const item of items) item.text = item.text.trim();
  return { items, title, errors };
}
