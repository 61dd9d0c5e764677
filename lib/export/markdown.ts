import type { Stance } from "../board/argument";
import { STANCES } from "../board/constants";
import { buildColumns, type ArgumentNode } from "../board/tree";
import type { ArgumentTally } from "../session/votes";
import type { ExportBoard } from "./board-export";
import type { Comment } from "../board/comments";
import { RESULTS_NOTE, resultSummary, tallyLine, talliesOf } from "./results";
import { revisionLabel } from "../revisions/revision-views";

/**
 * Markdown handout (CommonMark, renders the same on GitHub): the board as a printable outline.
 *
 *   # Board title
 *   Source: *Article title* — Publisher, 2018-09-05
 *   ## Position label
 *   ### For / ### Against
 *   - Argument text — *Author*
 *     > quoted passage            (one block quote per quote, indented under its item)
 *     - **Comment:** text — *Author*   (comments on the argument, before its replies)
 *       - **Reply:** text — *Author*   (a reply to that comment)
 *     - **Rebuts:** reply — *Author*     (replies nest; **Supports:** for stance "for")
 *   ## Vote results                  (only once the facilitator has revealed them; each argument
 *   - Position: balance +2.0 …        then also ends in "· 3 votes · strength 4.0 …")
 *
 * Every block is separated by a blank line, so all lists are "loose" and render evenly, and a block quote
 * can never swallow the next item as a lazy continuation line. Nesting is by the list item's content
 * column (2 spaces per level), which CommonMark allows to any depth.
 */

const LANE_TITLES: Record<Stance, string> = { for: "For", against: "Against" };
const REPLY_LABELS: Record<Stance, string> = { for: "Supports", against: "Rebuts" };

/** Renders the handout. `boardUrl`, when given, is linked under the source line. Pure; deterministic. */
export function toMarkdown(board: ExportBoard, options: { boardUrl?: string } = {}): string {
  const blocks = [`# ${escapeHeading(board.board.title)}`, sourceLine(board.source, board.sourceRevision)];
  if (options.boardUrl) blocks.push(`Board: [${escapeInline(oneLine(options.boardUrl))}](<${options.boardUrl.replace(/[\s<>]/g, encodeURIComponent)}>)`);
  // Only revealed results: a facilitator's ballots alone never reach the handout.
  const tallies = board.results ? talliesOf(board) : new Map<string, ArgumentTally>();
  const comments = new Map<string, Comment[]>();
  for (const comment of board.comments ?? []) comments.set(comment.argumentId, [...(comments.get(comment.argumentId) ?? []), comment]);
  for (const column of buildColumns(board.positions, board.arguments)) {
    blocks.push(`## ${escapeHeading(column.position.label)}`);
    for (const stance of STANCES) {
      blocks.push(`### ${LANE_TITLES[stance]}`);
      const nodes = column.lanes[stance];
      if (nodes.length === 0) blocks.push("*No arguments yet.*");
      for (const node of nodes) blocks.push(...renderNode(node, "", false, tallies, comments));
    }
  }
  blocks.push(...resultBlocks(board));
  return `${blocks.join("\n\n")}\n`;
}

/** The "Vote results" section: nothing while the results are hidden. */
function resultBlocks(board: ExportBoard): string[] {
  if (!board.results) return [];
  const { positions, teams } = resultSummary(board);
  const list = (lines: string[]) => lines.map((line) => `- ${escapeInline(oneLine(line))}`).join("\n");
  return ["## Vote results", `*${RESULTS_NOTE}*`, ...(positions.length ? [list(positions)] : []), ...(teams.length ? ["### Teams", list(teams)] : [])];
}

function sourceLine(source: ExportBoard["source"], revision = 1): string {
  const details = [source.publisher, source.publishedOn, `quotes from ${revisionLabel(revision, source.sha256)}`].filter((part): part is string => Boolean(part?.trim())).map((part) => escapeInline(oneLine(part)));
  return `Source: *${escapeInline(oneLine(source.title))}*${details.length ? ` — ${details.join(", ")}` : ""}`;
}

/** One argument as a list item at `indent`, then its quotes and replies one level in (as separate blocks). */
function renderNode(node: ArgumentNode, indent: string, isReply: boolean, tallies: Map<string, ArgumentTally>, comments: ReadonlyMap<string, Comment[]>): string[] {
  const arg = node.argument;
  const inner = `${indent}  `;
  const label = isReply ? `**${REPLY_LABELS[arg.stance]}:** ` : "";
  const tally = tallies.get(arg.id);
  const votes = tally ? ` · ${tallyLine(tally)}` : "";
  const item = `${indent}- ${label}${renderText(arg.text, inner)} — *${escapeInline(oneLine(arg.authorName))}*${votes}`;
  const quotes = arg.quotes.map((quote) => renderQuote(quote.exact, inner));
  const thread = comments.get(arg.id) ?? [];
  const commentItem = (c: Comment, at: string, label: string) => `${at}- **${label}:** ${renderText(c.text, `${at}  `)} — *${escapeInline(oneLine(c.authorName))}*`;
  const talk = thread
    .filter((c) => c.replyTo === null)
    .flatMap((top) => [commentItem(top, inner, "Comment"), ...thread.filter((c) => c.replyTo === top.id).map((reply) => commentItem(reply, `${inner}  `, "Reply"))]);
  return [item, ...quotes, ...talk, ...node.children.flatMap((child) => renderNode(child, inner, true, tallies, comments))];
}

/**
 * Multi-line text keeps its line breaks: lines of a paragraph end in a backslash (a CommonMark hard break)
 * and blank lines start a new paragraph, every continuation indented to stay inside the list item.
 */
function renderText(text: string, indent: string): string {
  const paragraphs = text
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map(escapeLine)
    .join("\n")
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ""))
    .filter(Boolean);
  return paragraphs.map((paragraph) => paragraph.split("\n").join(`\\\n${indent}`)).join(`\n\n${indent}`);
}

/** A quote as a block quote at `indent`; its own blank lines stay inside the quote as `>`. */
function renderQuote(exact: string, indent: string): string {
  return exact
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map(escapeLine)
    .map((line) => (line ? `${indent}> ${line}` : `${indent}>`))
    .join("\n");
}

/**
 * Escapes one line of user text. Inline syntax is escaped wherever it appears; block syntax only at the
 * start of the line, where it would turn the text into a heading, list, quote, rule or setext underline.
 * Leading whitespace is dropped: four spaces would make an indented code block.
 */
function escapeLine(line: string): string {
  const text = escapeInline(line.trim());
  // `>`, `*`, `_` and backticks are already escaped inline; what is left are `#`, `+`, `-`, `=` and digits.
  if (/^(?:#{1,6}(?:\s|$)|[-+](?:\s|$)|[-=]+$)/.test(text)) return `\\${text}`;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(text);
  return ordered ? `${ordered[1]}\\${text.slice(ordered[1].length)}` : text;
}

/**
 * Characters that are syntax anywhere in a line: emphasis, code, links, HTML, GFM tables and strikethrough,
 * and `&` only where it would start an entity (`&amp;`), so "Pub & Co." stays as written.
 */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, "\\$&").replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
}

/** Titles, labels and names on one line, a closing `#` run escaped so the heading keeps it. */
function escapeHeading(text: string): string {
  return escapeInline(oneLine(text)).replace(/(^|\s)(#+)$/, "$1\\$2");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
