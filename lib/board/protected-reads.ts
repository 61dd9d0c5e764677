import * as Y from "yjs";
import type { Position } from "./position";
import { ROOTS } from "./constants";
import { readPositions } from "./doc";
import { readSession, type SessionState } from "../session/session";

/** The session and the positions as a document holds them, parsed once. Frozen: shared by every reader. */
export interface ProtectedParts {
  session: SessionState;
  positions: readonly Position[];
  positionsById: ReadonlyMap<string, Position>;
}

interface DocCache {
  session: SessionState | null;
  positions: { list: readonly Position[]; byId: ReadonlyMap<string, Position> } | null;
}

type AnyType = Y.AbstractType<Y.YEvent<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Yjs's own type of a document's roots

const caches = new WeakMap<Y.Doc, DocCache>();

/**
 * The session and the positions of `doc`, parsed (zod) only after a transaction changed their root.
 * Only the server writes these roots (clients' updates that touch them are refused: check-update.ts),
 * so a room's live document re-reads them a few times per session instead of once or twice per
 * client update. Inside a transaction the cache may be behind, so it is neither used nor filled there.
 */
export function readProtectedParts(doc: Y.Doc): ProtectedParts {
  if (doc._transaction !== null) return fresh(doc);
  const cache = cacheFor(doc);
  cache.session ??= deepFreeze(readSession(doc));
  if (!cache.positions) {
    const list = deepFreeze(readPositions(doc));
    cache.positions = { list, byId: new Map(list.map((position) => [position.id, position])) };
  }
  return { session: cache.session, positions: cache.positions.list, positionsById: cache.positions.byId };
}

function fresh(doc: Y.Doc): ProtectedParts {
  const positions = readPositions(doc);
  return { session: readSession(doc), positions, positionsById: new Map(positions.map((position) => [position.id, position])) };
}

function cacheFor(doc: Y.Doc): DocCache {
  const known = caches.get(doc);
  if (known) return known;
  const cache: DocCache = { session: null, positions: null };
  caches.set(doc, cache);
  // After every transaction (observers have run, the roots are what they will be), forget what it changed.
  doc.on("afterTransaction", (transaction: Y.Transaction) => {
    if (!cache.session && !cache.positions) return;
    const touched = rootsTouched(transaction);
    // Looked up now, not remembered: a root first created by an update is later swapped for a Y.Map.
    if (touched.has(doc.share.get(ROOTS.session))) cache.session = null;
    if (touched.has(doc.share.get(ROOTS.positions))) cache.positions = null;
  });
  return cache;
}

/** The root type above every type a transaction changed (a nested record's change counts for its root). */
function rootsTouched(transaction: Y.Transaction): Set<AnyType | undefined> {
  const roots = new Set<AnyType | undefined>();
  for (const type of transaction.changed.keys()) {
    let current: AnyType = type;
    while (current._item) current = current._item.parent as AnyType;
    roots.add(current);
  }
  return roots;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
