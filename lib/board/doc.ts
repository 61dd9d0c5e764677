import * as Y from "yjs";
import { ArgumentSchema, type Argument } from "./argument";
import { BOARD_SCHEMA_VERSION, ROOTS } from "./constants";
import { PositionSchema, type Position } from "./position";

/**
 * The Yjs layout of one board. Every read and write of board content goes through this module and
 * ./operations, so components and the server never poke at raw Y.Maps.
 *
 *   meta       Y.Map    { schemaVersion, title, sourceSha256 }          written once by the server
 *   positions  Y.Map    id -> Y.Map(Position fields)                    written once by the server
 *   arguments  Y.Map    id -> Y.Map(Argument fields; quotes as a JSON array)
 */
export interface BoardMeta {
  schemaVersion: number;
  title: string;
  sourceSha256: string;
}

export interface BoardState {
  meta: BoardMeta;
  positions: Position[];
  arguments: Argument[];
}

export type RecordMap = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOTS.meta);
}
export function positionsMap(doc: Y.Doc): Y.Map<RecordMap> {
  return doc.getMap(ROOTS.positions);
}
export function argumentsMap(doc: Y.Doc): Y.Map<RecordMap> {
  return doc.getMap(ROOTS.arguments);
}

/** Plain-object view of one record map; anything that is not a Y.Map yields null. */
export function recordToJSON(value: unknown): Record<string, unknown> | null {
  return value instanceof Y.Map ? (value.toJSON() as Record<string, unknown>) : null;
}

/** Writes a plain record into a fresh Y.Map (mutates `target`). */
export function writeRecord(target: Y.Map<RecordMap>, id: string, record: object): void {
  const map = new Y.Map<unknown>();
  for (const [field, value] of Object.entries(record)) map.set(field, value);
  target.set(id, map);
}

/**
 * Fills an empty document with a board's meta and positions (mutates `doc`).
 * Called once, by the server, when a board is created.
 */
export function initBoardDoc(doc: Y.Doc, meta: Omit<BoardMeta, "schemaVersion">, positions: Position[]): void {
  doc.transact(() => {
    const m = metaMap(doc);
    m.set("schemaVersion", BOARD_SCHEMA_VERSION);
    m.set("title", meta.title);
    m.set("sourceSha256", meta.sourceSha256);
    const target = positionsMap(doc);
    for (const position of positions) writeRecord(target, position.id, PositionSchema.parse(position));
  });
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const m = metaMap(doc);
  return {
    schemaVersion: Number(m.get("schemaVersion") ?? BOARD_SCHEMA_VERSION),
    title: String(m.get("title") ?? ""),
    sourceSha256: String(m.get("sourceSha256") ?? ""),
  };
}

export function readPositions(doc: Y.Doc): Position[] {
  const out: Position[] = [];
  for (const value of positionsMap(doc).values()) {
    const parsed = PositionSchema.safeParse(recordToJSON(value));
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => a.order - b.order);
}

export function readArgument(doc: Y.Doc, id: string): Argument | null {
  const parsed = ArgumentSchema.safeParse(recordToJSON(argumentsMap(doc).get(id)));
  return parsed.success ? parsed.data : null;
}

/**
 * All arguments whose chain of parents reaches a position, oldest first. Records that fail the schema
 * and orphans (a rebuttal whose parent was deleted concurrently) are left out.
 */
export function readArguments(doc: Y.Doc): Argument[] {
  const byId = new Map<string, Argument>();
  for (const [id, value] of argumentsMap(doc).entries()) {
    const parsed = parseArgumentRecord(id, value);
    if (parsed) byId.set(id, parsed);
  }
  return reachableArguments(byId, new Set(readPositions(doc).map((p) => p.id)));
}

/** One stored argument record, or null when it fails the schema or sits under another id. */
export function parseArgumentRecord(id: string, value: unknown): Argument | null {
  const parsed = ArgumentSchema.safeParse(recordToJSON(value));
  return parsed.success && parsed.data.id === id ? parsed.data : null;
}

/**
 * The arguments of `byId` whose chain of parents reaches one of `positionIds`, oldest first, each with
 * `positionId` set to the position its chain reaches. Deriving it here, rather than trusting the stored
 * field, is what lets arguments move between positions: a reply written while someone moved its parent
 * elsewhere still carries the old position, and is shown under the new one. A chain that loops (two
 * moves that crossed without a server between them) or ends at a missing parent is left out.
 */
export function reachableArguments(byId: ReadonlyMap<string, Argument>, positionIds: ReadonlySet<string>): Argument[] {
  const rootOf = new Map<string, string | null>();
  const resolve = (start: Argument): string | null => {
    const chain: string[] = [];
    const onChain = new Set<string>();
    let root: string | null = null;
    for (let current = byId.get(start.id); current; current = byId.get(current.parentId)) {
      const known = rootOf.get(current.id);
      if (known !== undefined) {
        root = known;
        break;
      }
      if (onChain.has(current.id)) break; // a cycle: nothing on it reaches a position
      chain.push(current.id);
      onChain.add(current.id);
      if (positionIds.has(current.parentId)) {
        root = current.parentId;
        break;
      }
    }
    for (const id of chain) rootOf.set(id, root);
    return root;
  };
  const out: Argument[] = [];
  for (const arg of byId.values()) {
    const root = resolve(arg);
    if (root !== null) out.push(root === arg.positionId ? arg : { ...arg, positionId: root });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function readBoard(doc: Y.Doc): BoardState {
  return { meta: readMeta(doc), positions: readPositions(doc), arguments: readArguments(doc) };
}
