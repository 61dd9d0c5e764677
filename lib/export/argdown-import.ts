import { FrontMatter, IArgument, IEquivalenceClass, RangeType, RelationType, tokenMatcher, type IArgdownResponse, type IRelation } from "@argdown/core";
import { z } from "zod";
import { ArgumentSchema, type Stance } from "../board/argument";
import { POSITION_COLORS } from "../board/constants";
import { PositionSchema } from "../board/position";
import { ARGDOWN_TYPE, ARGDOWN_VERSION, AUTHOR_TAG_PREFIX, decodeArgdownText } from "./argdown";
import { runArgdown } from "./argdown-parse";
import { ImportedBoardSchema, type ImportedBoard, type ImportIssue, type ImportResult } from "./imported-board";
import { sha256Hex } from "./sha256";

/**
 * Argdown import: reads a file with the reference parser (@argdown/core, run by argdown-parse.ts) and
 * turns its model into a board for the import use-case, which then checks every quote against the
 * source. Files written by toArgdown come back losslessly from the `parley` data on each element;
 * plain Argdown is read by its structure (see {@link fromArgdown}).
 */

/** The source document is the one thing Parley cannot do without. */
const FrontMatterSchema = z.object({
  title: z.string().optional(),
  parley: z.object({
    type: z.string().optional(),
    version: z.number().int().optional(),
    source: z.object({
      title: z.string().optional(),
      publisher: z.string().nullable().optional(),
      // An unquoted YAML date arrives as a Date.
      publishedOn: z.union([z.string(), z.date().transform((d) => d.toISOString().slice(0, 10))]).nullable().optional(),
      language: z.string().optional(),
      /** Checked when present: quotes are anchored by offset, so an edited text would misplace them. */
      sha256: z.string().optional(),
      /** The revision of its board's source the text was (informational). */
      revision: z.number().int().positive().optional(),
      text: z.string().min(1),
    }),
    /** Order of the positions; statements with `parley.key` data supply their labels. */
    positions: z.array(z.object({ key: z.string(), color: z.enum(POSITION_COLORS).optional() })).optional(),
  }),
});
const PositionDataSchema = z.object({ key: PositionSchema.shape.key, color: z.enum(POSITION_COLORS).optional() });
const ArgumentDataSchema = ArgumentSchema.pick({ id: true, stance: true, authorId: true, authorName: true, createdAt: true, updatedAt: true, quotes: true });

const HOW_TO = "Parley needs the source document in front matter at the top: ===, then parley: source: title: …, text: | …, then ===.";

export interface FromArgdownOptions {
  /** Creation time of arguments without Parley data (default: now), one millisecond apart in file order. */
  now?: number;
}

/**
 * Reads an Argdown file into a board. Never throws: syntax, YAML and structure problems come back as
 * ImportIssues, with the 1-based line where one is known. Parley data on an element wins; without it
 * (plain Argdown, or elements added by hand) the board follows the argument map:
 * - positions are the top-level elements: statements (or arguments) that others support or attack
 *   but that support or attack nothing themselves; a board needs 2 to 6;
 * - every other element with a support (`+`) or attack (`-`) relation is an argument answering the
 *   element it points to, and it must point to exactly one (a Parley argument has one parent);
 * - contradictions, undercuts and elements without relations are left out;
 * - text is the element's text without its tags; `#(author: Name)` names the author (else "Argdown
 *   import"); ids are generated (`argdown-<n>`, n = place in the file); there are no quotes.
 */
export function fromArgdown(text: string, options: FromArgdownOptions = {}): ImportResult {
  const run = runArgdown(text);
  if (!run.ok) return run;
  const { response } = run;
  const frontLine = response.tokens?.find((t) => tokenMatcher(t, FrontMatter))?.startLine ?? 1;
  if (response.frontMatter === undefined) return fail(1, `No front matter. ${HOW_TO}`);
  const front = FrontMatterSchema.safeParse(response.frontMatter);
  if (!front.success) return { ok: false, errors: front.error.issues.map((i) => ({ line: frontLine, message: `Front matter ${i.path.join(".")}: ${i.message}. ${HOW_TO}` })) };
  const { title, parley: meta } = front.data;
  if (meta.type !== undefined && meta.type !== ARGDOWN_TYPE) return fail(frontLine, `Unknown parley.type "${meta.type}"; expected "${ARGDOWN_TYPE}".`);
  if ((meta.version ?? ARGDOWN_VERSION) > ARGDOWN_VERSION) return fail(frontLine, `This file is version ${meta.version} of Parley's Argdown format; this Parley reads up to ${ARGDOWN_VERSION}.`);

  const actual = meta.source.sha256 === undefined ? undefined : sha256Hex(meta.source.text);
  if (actual !== meta.source.sha256) return fail(frontLine, `parley.source.sha256 does not match the source text, which hashes to ${actual}; quotes are anchored by offset, so an edited text would misplace them.`);
  const map = readMap(response, meta.type === ARGDOWN_TYPE, options.now ?? Date.now());
  if (map.errors.length > 0) return { ok: false, errors: map.errors };
  const listed = meta.positions ?? [];
  const rank = (key: string) => listed.findIndex((p) => p.key === key) >>> 0; // unlisted (-1) sort last
  const positions = [...map.positions].sort((a, b) => rank(a.key) - rank(b.key));
  const board = {
    title: title ?? meta.source.title ?? "",
    source: { title: meta.source.title ?? title ?? "", publisher: meta.source.publisher ?? null, publishedOn: meta.source.publishedOn ?? null, language: meta.source.language ?? "und", text: meta.source.text },
    positions: positions.map(({ key, label, color }) => ({ key, label, color: color ?? listed.find((p) => p.key === key)?.color })),
    arguments: map.arguments.map((a) => a.argument),
  };
  const checked = ImportedBoardSchema.safeParse(board);
  if (checked.success) return { ok: true, board: checked.data };
  const lineFor = ([list, index]: PropertyKey[]) => (list === "arguments" ? map.arguments : list === "positions" ? positions : [])[index as number]?.line ?? frontLine;
  return { ok: false, errors: checked.error.issues.map((i) => ({ line: lineFor(i.path), message: `${i.path.join(".")}: ${i.message}` })) };
}

type Element = IArgument | IEquivalenceClass;
interface ReadPosition { key: string; label: string; color?: (typeof POSITION_COLORS)[number]; line?: number }
interface ReadArgument { argument: ImportedBoard["arguments"][number]; parent: Element; line?: number }

/** Turns Argdown's statements, arguments and relations (support and attack only) into positions and arguments. */
function readMap(response: IArgdownResponse, parleyMade: boolean, now: number) {
  const errors: ImportIssue[] = [];
  const elements: Element[] = [...Object.values(response.statements ?? {}), ...Object.values(response.arguments ?? {})];
  elements.sort((a, b) => (lineOf(a) ?? 0) - (lineOf(b) ?? 0));
  const outgoing = new Map<Element, IRelation[]>();
  const answered = new Set<Element>();
  for (const relation of response.relations ?? []) {
    const { from, to, relationType } = relation;
    if (!isElement(from) || !isElement(to) || (relationType !== RelationType.SUPPORT && relationType !== RelationType.ATTACK)) continue;
    outgoing.set(from, [...(outgoing.get(from) ?? []), relation]);
    answered.add(to);
  }

  const positions = new Map<Element, ReadPosition>();
  for (const el of elements) {
    const data = el.data?.parley;
    if (data?.key === undefined && !(answered.has(el) && !outgoing.has(el))) continue;
    const parsed = data === undefined ? undefined : PositionDataSchema.safeParse(data);
    if (parsed?.error) errors.push({ line: lineOf(el), message: `Position "${el.title}": invalid parley data: ${describe(parsed.error)}` });
    let key = parsed?.data?.key ?? slug(el.title ?? "", "position");
    const taken = (k: string) => [...positions.values()].some((p) => p.key === k);
    if (parsed?.data && taken(key)) errors.push({ line: lineOf(el), message: `Two positions have the key "${key}".` });
    for (let n = 2; !parsed?.data && taken(key); n++) key = `${slug(el.title ?? "", "position")}-${n}`;
    positions.set(el, { key, label: textOf(el, parleyMade) ?? el.title ?? key, color: parsed?.data?.color, line: lineOf(el) });
  }
  if (positions.size < 2 || positions.size > 6) {
    errors.push({ message: `Parley needs 2 to 6 positions (top-level statements that arguments support or attack); this file has ${positions.size}.` });
  }

  const read = new Map<Element, ReadArgument>();
  const ids = new Set(elements.map((el) => el.data?.parley?.id).filter((id) => typeof id === "string"));
  const seenIds = new Set<string>();
  for (const el of elements) {
    const relations = outgoing.get(el) ?? [];
    const data = el.data?.parley;
    if (positions.has(el) || (relations.length === 0 && data === undefined)) continue;
    const line = lineOf(el);
    const name = `"${el.title}"`;
    if (relations.length !== 1) {
      const what = relations.length === 0 ? "supports or attacks nothing" : `supports or attacks ${relations.length} elements`;
      errors.push({ line, message: `${name} ${what}; a Parley argument answers exactly one position or argument.` });
      continue;
    }
    const parsed = data === undefined ? undefined : ArgumentDataSchema.safeParse(data);
    if (parsed?.error) {
      errors.push({ line, message: `${name}: invalid parley data: ${describe(parsed.error)}` });
      continue;
    }
    const stance: Stance = relations[0].relationType === RelationType.SUPPORT ? "for" : "against";
    const given = parsed?.data;
    if (given && given.stance !== stance) errors.push({ line, message: `${name}: its data says "${given.stance}" but its relation is ${stance === "for" ? "a support (+)" : "an attack (-)"}.` });
    if (given && seenIds.has(given.id)) errors.push({ line, message: `${name}: the id "${given.id}" is used twice.` });
    let id = given?.id;
    for (let n = read.size + 1; id === undefined; n++) id = ids.has(`argdown-${n}`) ? undefined : `argdown-${n}`;
    ids.add(id);
    seenIds.add(id);
    const author = authorTag(el);
    const createdAt = now + read.size;
    const argument = { id, positionId: "", parentId: "", stance, text: textOf(el, parleyMade) ?? el.title ?? "", quotes: [], createdAt, updatedAt: createdAt };
    const authorOf = { authorId: author ? `argdown-${slug(author, "author")}`.slice(0, 64) : "argdown-import", authorName: author ?? "Argdown import" };
    read.set(el, { line, parent: relations[0].to as Element, argument: { ...argument, ...authorOf, ...given } });
  }

  // Parents are set once every argument has its id; walking up to the position refuses cycles,
  // which plain Argdown allows.
  for (const [el, entry] of read) {
    entry.argument.parentId = positions.has(entry.parent) ? `pos-${positions.get(entry.parent)!.key}` : (read.get(entry.parent)?.argument.id ?? "");
    const seen = new Set<Element>([el]);
    let at = entry.parent;
    for (; read.has(at) && !seen.has(at); at = read.get(at)!.parent) seen.add(at);
    const root = positions.get(at);
    if (root) entry.argument.positionId = `pos-${root.key}`;
    else errors.push({ line: entry.line, message: `"${el.title}" does not lead to a position${seen.has(at) ? ": its relations go round in a circle" : ""}.` });
  }
  return { errors, positions: [...positions.values()], arguments: [...read.values()] };
}

function isElement(member: unknown): member is Element {
  const type = (member as { type?: string } | undefined)?.type;
  return type === "argument" || type === "equivalence-class";
}

function canonical(el: Element) {
  return el.type === "argument" ? IArgument.getCanonicalMember(el) : IEquivalenceClass.getCanonicalMember(el);
}

/** The element's text without its tags (Parley's author tag, or a plain file's labels), line breaks decoded in a Parley file. */
function textOf(el: Element, parleyMade: boolean): string | undefined {
  const member = canonical(el);
  let text = member?.text ?? "";
  const tags = (member?.ranges ?? []).filter((r) => r.type === RangeType.TAG).sort((a, b) => b.start - a.start);
  for (const range of tags) text = text.slice(0, range.start) + text.slice(range.stop + 1);
  text = text.trim();
  return text === "" ? undefined : parleyMade ? decodeArgdownText(text) : text;
}

function authorTag(el: Element): string | undefined {
  const tag = (canonical(el)?.ranges ?? []).find((r) => r.type === RangeType.TAG && r.tag?.startsWith(AUTHOR_TAG_PREFIX))?.tag;
  return tag?.slice(AUTHOR_TAG_PREFIX.length).trim() || undefined;
}

function lineOf(el: Element): number | undefined {
  return canonical(el)?.startLine ?? el.members.find((m) => m.startLine !== undefined)?.startLine;
}

/** Lower-case letters and digits of any script, joined by dashes. */
function slug(text: string, fallback: string): string {
  return text.toLowerCase().normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 40) || fallback;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
}

function fail(line: number, message: string): ImportResult {
  return { ok: false, errors: [{ line, message }] };
}
