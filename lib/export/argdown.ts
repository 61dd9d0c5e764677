import type { Argument } from "../board/argument";
import { compareSiblings } from "../board/order";
import type { Position } from "../board/position";
import { teamNamesByAuthor, type ExportBoard } from "./board-export";

/**
 * Argdown export (https://argdown.org): positions become statements, arguments become arguments that
 * support (`+`) or attack (`-`) what they are indented under, exactly as the board nests them.
 *
 *     ===
 *     title: "Board title"
 *     parley:
 *       type: "parley-argdown"
 *       version: 1
 *       source: { title, publisher, publishedOn, language, sha256, text: |2- … }
 *       positions:
 *         - {"key": "us", "color": "indigo"}
 *     ===
 *
 *     [us]: The US position {"parley": {"id": "pos-us", "key": "us", "color": "indigo"}}
 *       + <us 1>: Argument text #(author: Amira) {"parley": {"id": "arg-1", "stance": "for", …}}
 *         - <us 2>: A rebuttal of us 1 #(author: Bo) {"parley": {…}}
 *
 * Everything Parley needs to rebuild the board (ids, stances, authors, times, quotes, the source) rides
 * along as YAML: the front matter and each element's `{…}` data, always under a `parley` key so no
 * Argdown plugin mistakes it for its own settings (`color`, `images`, `isInMap` …). The module is pure:
 * it builds a string and never loads the Argdown parser; argdown-import.ts reads the format back.
 */

/** Front-matter marker of a file written by {@link toArgdown}. */
export const ARGDOWN_TYPE = "parley-argdown";
export const ARGDOWN_VERSION = 1;

/** `#(author: …)` carries the author's name; `#(team: …)` the author's team on a facilitated board. */
export const AUTHOR_TAG_PREFIX = "author: ";
export const TEAM_TAG_PREFIX = "team: ";

/**
 * Serialises a board as Argdown that the reference parser reads without errors and that imports
 * losslessly. Arguments are written under their parents (ExportBoard guarantees every parent exists).
 */
export function toArgdown(board: ExportBoard): string {
  const children = new Map<string, Argument[]>();
  for (const arg of board.arguments) children.set(arg.parentId, [...(children.get(arg.parentId) ?? []), arg]);
  for (const list of children.values()) list.sort(compareSiblings); // the board's order, as every export keeps it
  const titles = new Set<string>();
  const blocks = [...board.positions]
    .sort((a, b) => a.order - b.order)
    .map((position) => positionBlock(position, uniqueTitle(position.key, titles), children, teamNamesByAuthor(board)));
  return [frontMatter(board), "// Exported from Parley. Each argument supports (+) or attacks (-) the item it is indented under.", ...blocks].join("\n\n") + "\n";
}

function frontMatter(board: ExportBoard): string {
  const { source } = board;
  return [
    "===",
    `title: ${yamlString(board.board.title)}`,
    "parley:",
    `  type: ${yamlString(ARGDOWN_TYPE)}`,
    `  version: ${ARGDOWN_VERSION}`,
    "  source:",
    `    title: ${yamlString(source.title)}`,
    `    publisher: ${yamlValue(source.publisher)}`,
    `    publishedOn: ${yamlValue(source.publishedOn)}`,
    `    language: ${yamlString(source.language)}`,
    `    sha256: ${yamlString(source.sha256)}`,
    `    revision: ${board.sourceRevision ?? 1}`,
    `    text: ${yamlText(source.text, "    ")}`,
    "  positions:",
    ...[...board.positions].sort((a, b) => a.order - b.order).map((p) => `    - ${yamlValue({ key: p.key, color: p.color })}`),
    "===",
  ].join("\n");
}

function positionBlock(position: Position, title: string, children: Map<string, Argument[]>, teams: Map<string, string>): string {
  const data = { parley: { id: position.id, key: position.key, color: position.color } };
  const lines = [`[${title}]: ${escapeArgdownText(position.label)} ${yamlValue(data)}`];
  let counter = 0;
  // Depth-first, so every reply sits right under its parent, one indentation step deeper.
  const visit = (parentId: string, depth: number) => {
    for (const arg of children.get(parentId) ?? []) {
      counter += 1;
      lines.push(`${"  ".repeat(depth)}${arg.stance === "for" ? "+" : "-"} <${title} ${counter}>: ${argumentBody(arg, teams.get(arg.authorId))}`);
      visit(arg.id, depth + 1);
    }
  };
  visit(position.id, 1);
  return lines.join("\n");
}

function argumentBody(arg: Argument, team: string | undefined): string {
  const data = {
    parley: {
      id: arg.id,
      stance: arg.stance,
      authorId: arg.authorId,
      authorName: arg.authorName,
      createdAt: arg.createdAt,
      updatedAt: arg.updatedAt,
      quotes: arg.quotes.map((q) => ({ exact: q.exact, prefix: q.prefix, suffix: q.suffix, start: q.start, end: q.end })),
    },
  };
  const name = tagText(arg.authorName);
  const teamName = team ? tagText(team) : "";
  return `${escapeArgdownText(arg.text)} ${name ? `#(${AUTHOR_TAG_PREFIX}${name}) ` : ""}${teamName ? `#(${TEAM_TAG_PREFIX}${teamName}) ` : ""}${yamlValue(data)}`;
}

/**
 * A statement title from a position key: letters, digits and dashes only, so it can never contain
 * `]:`, start with `-` (which would break `[-…]` references) or clash with another position's title.
 */
function uniqueTitle(key: string, used: Set<string>): string {
  const base = key.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "position";
  let title = base;
  for (let n = 2; used.has(title); n++) title = `${base}-${n}`;
  used.add(title);
  return title;
}

/** A tag body cannot hold `)` (it ends the tag) nor line breaks (the tag pattern would cross lines). */
function tagText(text: string): string {
  return text.replace(/[)\p{Cc}\u2028\u2029]+/gu, " ").replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------------
// Text escaping. Two layers, undone in reverse order:
//  1. line breaks cannot be escaped in Argdown (a statement's lines are joined with spaces), so `\`,
//     LF and CR become `\\`, `\n`, `\r` first — the Argdown model shows the text in this form, and
//     decodeArgdownText() turns it back;
//  2. then every character Argdown would read as syntax gets a backslash, which the Argdown parser
//     itself removes.

/** Always escaped: brackets (statements, links), angles (arguments, HTML comments), mentions, tags,
 *  bold/italic, YAML data, the escape character itself, and tabs (the lexer skips them after an escape). */
const ALWAYS_ESCAPED = new Set(["\\", "[", "]", "<", ">", "@", "#", "*", "_", "{", "}", "\t"]);
/** Punctuation the lexer reads as a token of its own, which absorbs only one following space. */
const SPACE_SWALLOWING = new Set([",", ";", "(", ")", "-", ".", ":", "/"]);

const DOT_SHORTCODE = /\.\S*?\./y;
const COLON_SHORTCODE = /:\S*?:/y;

/**
 * Escapes `text` so that the Argdown parser reads it back character for character (see
 * {@link decodeArgdownText}). Escapes only where needed, so ordinary prose stays readable.
 * Assumes `text` is trimmed, as every Parley text is: leading and trailing spaces are not kept.
 */
export function escapeArgdownText(text: string): string {
  const s = text.replace(/[\\\r\n]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : "\\r"));
  let out = "";
  for (let i = 0; i < s.length; i++) {
    out += needsEscape(s, i) ? `\\${s[i]}` : s[i];
  }
  return out;
}

function needsEscape(s: string, i: number): boolean {
  const c = s[i];
  if (ALWAYS_ESCAPED.has(c)) return true;
  // A leading `+`/`-` is a relation at the start of a line; the text never starts a line, but stay safe.
  if (i === 0 && (c === "+" || c === "-")) return true;
  // `//` and `/*` open comments.
  if (c === "/" && (s[i + 1] === "/" || s[i + 1] === "*")) return true;
  // `===` opens YAML front matter wherever a token starts.
  if (c === "=" && inEqualsRun(s, i)) return true;
  if (SPACE_SWALLOWING.has(c)) {
    if (s[i + 1] === " " && s[i + 2] === " ") return true;
    // `.name.` and `:name:` are shortcodes (`:check:` becomes ✓): escape if the same mark follows
    // before the next whitespace.
    const shortcode = c === "." ? DOT_SHORTCODE : c === ":" ? COLON_SHORTCODE : null;
    if (shortcode) {
      shortcode.lastIndex = i;
      return shortcode.test(s);
    }
  }
  return false;
}

function inEqualsRun(s: string, i: number): boolean {
  let start = i;
  let end = i;
  while (start > 0 && s[start - 1] === "=") start--;
  while (end < s.length - 1 && s[end + 1] === "=") end++;
  return end - start + 1 >= 3;
}

/** Undoes layer 1 of {@link escapeArgdownText} on text as the Argdown model holds it. */
export function decodeArgdownText(modelText: string): string {
  return modelText.replace(/\\([\\nr])/g, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : "\\"));
}

// ---------------------------------------------------------------------------------------------------
// YAML. Strings are always double-quoted (JSON-compatible escapes are valid YAML). On top of JSON's
// escapes: characters YAML forbids or treats as line breaks, `{` `}` (a `} x` would end Argdown's data
// block early) and runs of `===` (they would end the front matter).

const YAML_NAMED_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const YAML_HEX_ESCAPED = /[\p{Cc}\u2028\u2029\ufeff\ufffe\uffff{}]|\p{Cs}/u;

function yamlString(value: string): string {
  let out = "";
  for (const ch of value) {
    out += YAML_NAMED_ESCAPES[ch] ?? (YAML_HEX_ESCAPED.test(ch) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}` : ch);
  }
  return `"${out.replace(/={3,}/g, (run) => "\\u003d".repeat(run.length))}"`;
}

type YamlData = string | number | null | YamlData[] | { [key: string]: YamlData };

/** Flow-style YAML on one line; nested `}` are always followed by `,` `}` or `]`, as Argdown's data pattern needs. */
function yamlValue(value: YamlData): string {
  if (value === null) return "null";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return yamlString(value);
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(", ")}]`;
  return `{${Object.entries(value).map(([k, v]) => `${yamlString(k)}: ${yamlValue(v)}`).join(", ")}}`;
}

/** Characters a YAML block scalar cannot carry as they are. */
const NOT_FOR_BLOCK = /[\p{Cc}\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}|===/u;

/**
 * The source text as a literal block scalar, readable and exact, when it can be one: no `===` (which
 * would close the front matter), no CR (YAML folds CRLF) and no control characters other than tab
 * and LF. Anything else falls back to a double-quoted string. The explicit indentation indicator keeps
 * leading spaces; `+`/`-` chomping keeps or drops the final line break exactly as the text has it.
 */
function yamlText(text: string, keyIndent: string): string {
  const withoutTabsAndLf = text.replace(/[\t\n]/g, " ");
  if (text === "" || NOT_FOR_BLOCK.test(withoutTabsAndLf)) return yamlString(text);
  const keep = text.endsWith("\n");
  const lines = (keep ? text.slice(0, -1) : text).split("\n");
  const indent = `${keyIndent}  `; // the "2" of "|2": two spaces deeper than the key
  return `|2${keep ? "+" : "-"}\n${lines.map((line) => (line === "" ? "" : indent + line)).join("\n")}`;
}
