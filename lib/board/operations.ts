import * as Y from "yjs";
import { resolveAnchor, type QuoteAnchor } from "../anchoring/anchor";
import type { Argument, Stance } from "./argument";
import { argumentsMap, readArgument, readArguments, readPositions, writeRecord } from "./doc";
import type { Position } from "./position";
import { subtreeIds } from "./tree";
import { fail, normalizeQuotes, validateArgumentRecord, type ModelResult, type ValidationContext } from "./validate";

export interface Author {
  id: string;
  name: string;
}

export interface NewArgument {
  parentId: string;
  stance: Stance;
  text: string;
  quotes: QuoteAnchor[];
  author: Author;
}

export interface ArgumentPatch {
  text?: string;
  stance?: Stance;
  quotes?: QuoteAnchor[];
}

export function contextFor(doc: Y.Doc, source: string, positions?: ReadonlyMap<string, Position>): ValidationContext {
  return {
    source,
    // The caller may pass the positions it already read (they are the same in `doc`).
    positions: positions ?? new Map(readPositions(doc).map((p) => [p.id, p])),
    getArgument: (id) => readArgument(doc, id),
    wasDeleted: (id) => argumentsMap(doc)._map.get(id)?.deleted === true,
  };
}

/**
 * Adds an argument under a position or another argument (mutates `doc`).
 * Quotes with stale offsets are re-found by their context; a quote that cannot be found fails the call.
 */
export function addArgument(
  doc: Y.Doc,
  source: string,
  input: NewArgument,
  options: { id?: string; now?: number } = {},
): ModelResult<Argument> {
  const ctx = contextFor(doc, source);
  const parent = ctx.positions.has(input.parentId) ? null : ctx.getArgument(input.parentId);
  if (!ctx.positions.has(input.parentId) && !parent) return fail("parent-not-found", "The argument this replies to no longer exists.");
  const quotes = resolveQuotes(source, input.quotes);
  if (!quotes.ok) return quotes;

  const id = options.id ?? newArgumentId();
  if (argumentsMap(doc).has(id)) return fail("invalid-argument", `An argument with id "${id}" already exists.`);
  const now = options.now ?? Date.now();
  const candidate = {
    id,
    positionId: parent ? parent.positionId : input.parentId,
    parentId: input.parentId,
    stance: input.stance,
    text: input.text.trim(),
    quotes: quotes.value,
    authorId: input.author.id,
    authorName: input.author.name.trim(),
    createdAt: now,
    updatedAt: now,
  };
  const checked = validateArgumentRecord(candidate, ctx);
  if (!checked.ok) return checked;
  doc.transact(() => writeRecord(argumentsMap(doc), checked.value.id, checked.value));
  return checked;
}

/** Changes an argument's text, stance or quotes (mutates `doc`). Only the fields that differ are written. */
export function updateArgument(doc: Y.Doc, source: string, id: string, patch: ArgumentPatch, now = Date.now()): ModelResult<Argument> {
  const previous = readArgument(doc, id);
  const record = argumentsMap(doc).get(id);
  if (!previous || !(record instanceof Y.Map)) return fail("argument-not-found", "That argument no longer exists.");
  let quotes = previous.quotes;
  if (patch.quotes) {
    const resolved = resolveQuotes(source, patch.quotes);
    if (!resolved.ok) return resolved;
    quotes = resolved.value;
  }
  const candidate: Argument = {
    ...previous,
    text: patch.text !== undefined ? patch.text.trim() : previous.text,
    stance: patch.stance ?? previous.stance,
    quotes,
    updatedAt: Math.max(now, previous.updatedAt),
  };
  const checked = validateArgumentRecord(candidate, contextFor(doc, source), previous);
  if (!checked.ok) return checked;
  doc.transact(() => {
    if (candidate.text !== previous.text) record.set("text", candidate.text);
    if (candidate.stance !== previous.stance) record.set("stance", candidate.stance);
    if (JSON.stringify(candidate.quotes) !== JSON.stringify(previous.quotes)) record.set("quotes", candidate.quotes);
    record.set("updatedAt", candidate.updatedAt);
  });
  return checked;
}

/**
 * Writes a complete argument record as it was exported, keeping its id, author and timestamps
 * (mutates `doc`). Used by imports; the record passes the same validation as any other write, and its
 * parent must already be on the board. Quotes are re-found if their offsets are stale.
 */
export function restoreArgument(doc: Y.Doc, source: string, record: Argument): ModelResult<Argument> {
  if (argumentsMap(doc).has(record.id)) return fail("invalid-argument", `An argument with id "${record.id}" already exists.`);
  const quotes = resolveQuotes(source, record.quotes);
  if (!quotes.ok) return quotes;
  const checked = validateArgumentRecord({ ...record, quotes: quotes.value }, contextFor(doc, source));
  if (!checked.ok) return checked;
  doc.transact(() => writeRecord(argumentsMap(doc), checked.value.id, checked.value));
  return checked;
}

/** Deletes an argument and every reply below it (mutates `doc`). Returns the removed ids. */
export function deleteArgument(doc: Y.Doc, id: string): ModelResult<string[]> {
  const map = argumentsMap(doc);
  if (!map.has(id)) return fail("argument-not-found", "That argument no longer exists.");
  const ids = subtreeIds(readArguments(doc), id);
  doc.transact(() => {
    for (const removed of ids) map.delete(removed);
  });
  return { ok: true, value: ids };
}

function resolveQuotes(source: string, quotes: QuoteAnchor[]): ModelResult<QuoteAnchor[]> {
  const out: QuoteAnchor[] = [];
  for (const [index, quote] of quotes.entries()) {
    const resolved = resolveAnchor(source, quote);
    if (!resolved.ok) return fail(resolved.reason, `Quote ${index + 1}: ${resolved.message}`, ["quotes", index]);
    out.push(resolved.anchor);
  }
  return { ok: true, value: normalizeQuotes(out) };
}

/**
 * A short random id (64 bits, hex). Uses crypto.getRandomValues, which browsers provide also on plain
 * http (a classroom network), unlike crypto.randomUUID; Node 20 has it too.
 */
export function newArgumentId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return `arg-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
