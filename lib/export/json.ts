import { z } from "zod";
import { QuoteAnchorSchema } from "../anchoring/anchor";
import { ArgumentSchema } from "../board/argument";
import { CommentSchema } from "../board/comments";
import { PositionSchema } from "../board/position";
import { quotesOf, relationsOf, type ExportBoard } from "./board-export";
import { ImportedBoardSchema, type ImportedBoard, type ImportIssue, type ImportResult } from "./imported-board";
import { checkParleyJson } from "./json-checks";
import { checkJsonComments, topsFirst } from "./json-comments";

/**
 * Parley JSON: the lossless, versioned board format, and the only one Parley reads back without loss.
 *
 * Layout (keys always in this order, so the same board always gives the same bytes):
 *   type "parley-board", version, exportedAt,
 *   board { id, title, createdAt, updatedAt }, source { title, publisher, publishedOn, language, text, sha256 },
 *   positions [Position], arguments [Argument without quotes, parents first],
 *   relations [{ id, fromId, toId, kind }], quotes [{ id, argumentId, exact, prefix, suffix, start, end }],
 *   teams [{ id, name, positionId, color, memberIds }], votes [{ argumentId, memberId, strength, quoteSupport, at }],
 *   comments [{ id, argumentId, replyTo, text, authorId, authorName, createdAt, updatedAt }, top comments before replies].
 * Votes are individual ballots, present only in exports made for a facilitator (they are blind to others).
 * Relations and quotes are records of their own (as in the model's exports elsewhere) so that graph tools
 * can read the file without knowing Parley's argument shape; on import they must agree with the arguments.
 * Their ids are derived (`rel-<argument id>`, `<argument id>-q<n>`) and made afresh on the next export.
 */
export const PARLEY_JSON_TYPE = "parley-board";
export const PARLEY_JSON_VERSION = 1;

/** Most problems listed for one file: a garbage upload should not produce a thousand-line error. */
const MAX_ISSUES = 50;


const ParleyJsonSchema = z
  .object({
    type: z.literal(PARLEY_JSON_TYPE),
    version: z.literal(PARLEY_JSON_VERSION),
    exportedAt: z.string().nullable().optional(),
    // id and timestamps are optional so that a normalized document (see normalizeParleyJson) still imports.
    board: z.object({ id: z.string().optional(), title: ImportedBoardSchema.shape.title, createdAt: z.string().optional(), updatedAt: z.string().optional() }).strict(),
    source: ImportedBoardSchema.shape.source.extend({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, "Expected 64 lower-case hex digits."),
      /** Which revision of its board's source the text is (informational: an import starts at revision 1). */
      revision: z.number().int().positive().optional(),
    }).strict(),
    positions: z.array(PositionSchema).min(2, "A board needs at least 2 positions.").max(6, "A board has at most 6 positions."),
    arguments: z.array(ArgumentSchema.omit({ quotes: true })),
    relations: z.array(z.object({ id: z.string().min(1), fromId: z.string().min(1), toId: z.string().min(1), kind: z.enum(["support", "attack"]) }).strict()),
    quotes: z.array(z.object({ id: z.string().min(1), argumentId: z.string().min(1), ...QuoteAnchorSchema.shape }).strict().refine((q) => q.end > q.start, { message: "A quote must end after it starts." })),
    teams: ImportedBoardSchema.shape.teams.unwrap().optional(),
    votes: ImportedBoardSchema.shape.votes.unwrap().optional(),
    // Optional: files from before comments existed carry an empty array or none.
    comments: z.array(CommentSchema).optional(),
  })
  .strict();

/**
 * Serializes a board as Parley JSON, pretty-printed with 2 spaces and a final newline.
 * `exportedAt` is null unless given, so the function stays pure and its output deterministic.
 */
export function toParleyJson(board: ExportBoard, options: { exportedAt?: string } = {}): string {
  const { board: b, source: s } = board;
  // Every object is spelled out field by field: key order is part of the format, and a field added to
  // the model must be added here on purpose rather than leak into files.
  const doc = {
    type: PARLEY_JSON_TYPE,
    version: PARLEY_JSON_VERSION,
    exportedAt: options.exportedAt ?? null,
    board: { id: b.id, title: b.title, createdAt: b.createdAt, updatedAt: b.updatedAt },
    source: { title: s.title, publisher: s.publisher, publishedOn: s.publishedOn, language: s.language, text: s.text, sha256: s.sha256, revision: board.sourceRevision ?? 1 },
    positions: board.positions.map((p) => ({ id: p.id, key: p.key, label: p.label, color: p.color, order: p.order })),
    arguments: board.arguments.map((a) => ({ id: a.id, positionId: a.positionId, parentId: a.parentId, stance: a.stance, text: a.text, authorId: a.authorId, authorName: a.authorName, createdAt: a.createdAt, updatedAt: a.updatedAt, ...(a.order !== undefined ? { order: a.order } : {}) })),
    relations: relationsOf(board).map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, kind: r.kind })),
    quotes: quotesOf(board).map((q) => ({ id: q.id, argumentId: q.argumentId, exact: q.exact, prefix: q.prefix, suffix: q.suffix, start: q.start, end: q.end })),
    teams: (board.teams ?? []).map((t) => ({ id: t.id, name: t.name, positionId: t.positionId, color: t.color, memberIds: [...t.memberIds].sort() })),
    votes: [...(board.votes ?? [])]
      .sort((a, b) => a.argumentId.localeCompare(b.argumentId) || a.memberId.localeCompare(b.memberId))
      .map((v) => ({ argumentId: v.argumentId, memberId: v.memberId, strength: v.strength, quoteSupport: v.quoteSupport, at: v.at })),
    comments: topsFirst(board.comments ?? []).map((c) => ({ id: c.id, argumentId: c.argumentId, replyTo: c.replyTo, text: c.text, authorId: c.authorId, authorName: c.authorName, createdAt: c.createdAt, updatedAt: c.updatedAt })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Drops what legitimately differs between two exports of the same content — `exportedAt` and the board's
 * id and timestamps — so export → import → export can be compared byte for byte. The result still imports.
 * @throws SyntaxError when `text` is not JSON (this is a comparison helper, not an importer).
 */
export function normalizeParleyJson(text: string): string {
  const doc: unknown = JSON.parse(stripBom(text));
  if (isRecord(doc)) {
    delete doc.exportedAt;
    const board = doc.board;
    if (isRecord(board)) for (const key of ["id", "createdAt", "updatedAt"]) delete board[key];
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Reads a Parley JSON file into a board to create. Never throws: every problem comes back as an issue
 * (a `line` only for JSON syntax errors; otherwise the message starts with a path like `arguments[3].stance`).
 * Checks the shape with zod, then what zod cannot see (json-checks.ts): ids and references, relations against
 * parents and stances, quotes against arguments, and the source text against its SHA-256.
 */
export function fromParleyJson(text: string): ImportResult {
  const body = stripBom(text);
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failed([{ line: syntaxErrorLine(body, message), message: `This file is not valid JSON: ${message}` }]);
  }
  if (!isRecord(doc)) return failed([{ message: "This is not a Parley board file: expected a JSON object." }]);
  if (doc.type !== PARLEY_JSON_TYPE) return failed([{ message: `This is not a Parley board file: "type" is ${preview(doc.type)}, expected "${PARLEY_JSON_TYPE}".` }]);
  const version = doc.version;
  if (typeof version === "number" && Number.isInteger(version) && version > PARLEY_JSON_VERSION) {
    return failed([{ message: `This file was made by a newer Parley (format version ${version}); this Parley reads version ${PARLEY_JSON_VERSION}. Please update Parley to import it.` }]);
  }
  if (version !== PARLEY_JSON_VERSION) return failed([{ message: `"version" is ${preview(version)}; this Parley reads Parley JSON version ${PARLEY_JSON_VERSION}.` }]);

  const parsed = ParleyJsonSchema.safeParse(doc);
  if (!parsed.success) return failed(parsed.error.issues.map((issue) => ({ message: `${formatPath(issue.path)}: ${issue.message}` })));
  const file = parsed.data;

  const { issues, quotesById } = checkParleyJson(file);
  issues.push(...checkJsonComments(file.comments ?? [], new Set(file.arguments.map((a) => a.id))));
  if (issues.length > 0) return failed(issues);

  const { sha256: _sha, ...source } = file.source;
  const board: ImportedBoard = {
    title: file.board.title,
    source,
    positions: file.positions.map(({ key, label, color }) => ({ key, label, color })),
    arguments: file.arguments.map((arg) => ({ ...arg, quotes: quotesById.get(arg.id) ?? [] })),
    teams: file.teams ?? [],
    votes: file.votes ?? [],
    comments: file.comments ?? [],
  };
  // Belt and braces: the use-case re-validates, but an importer should never hand over a board its own schema rejects.
  const final = ImportedBoardSchema.safeParse(board);
  if (!final.success) return failed(final.error.issues.map((issue) => ({ message: `${formatPath(issue.path)}: ${issue.message}` })));
  return { ok: true, board: final.data };
}

function failed(issues: ImportIssue[]): ImportResult {
  if (issues.length <= MAX_ISSUES) return { ok: false, errors: issues };
  return { ok: false, errors: [...issues.slice(0, MAX_ISSUES), { message: `…and ${issues.length - MAX_ISSUES} more problems.` }] };
}

/** `["arguments", 3, "stance"]` → `arguments[3].stance`. */
function formatPath(path: PropertyKey[]): string {
  const text = path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
  return text || "(document)";
}

/**
 * 1-based line of a JSON.parse error. Engines word it differently: V8 ends with "in JSON at position 42"
 * (newer V8 adds " (line 3 column 5)"), Firefox with "at line 3 column 5 of the JSON data"; an unexpected end
 * is on the last line. Patterns are anchored at the end because newer V8 also quotes a piece of the input.
 */
function syntaxErrorLine(text: string, message: string): number | undefined {
  const v8 = /in JSON at position (\d+)(?: \(line (\d+) column \d+\))?$/.exec(message);
  const firefox = /at line (\d+) column \d+ of the JSON data$/.exec(message);
  if (v8?.[2] || firefox) return Number(v8?.[2] ?? firefox?.[1]);
  const offset = v8 ? Number(v8[1]) : /end of (JSON )?(input|data)/i.test(message) ? text.length : -1;
  if (offset < 0) return undefined;
  let count = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/** Editors on Windows like to save a byte-order mark, which JSON.parse refuses. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of an unexpected value for an error message. */
function preview(value: unknown): string {
  if (value === undefined) return "missing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
