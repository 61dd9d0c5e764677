/**
 * Shared set-up for the board model's unit tests: the seed article, a board document with the seed's
 * two positions, quote helpers and a seeded random number generator for fuzz tests.
 */
import { readFileSync } from "node:fs";
import * as Y from "yjs";
import { createAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import { utf16ToCodePoint, codePointLength } from "@/lib/anchoring/text";
import { initBoardDoc } from "@/lib/board/doc";
import { makePositions, type Position } from "@/lib/board/position";
import type { Author } from "@/lib/board/operations";

/** The real seed article: contains "vis-à-vis", an em dash and six U+00A0 no-break spaces. */
export const ARTICLE = readFileSync(new URL("../../../prisma/seed/article.txt", import.meta.url), "utf8");

export const SEED_POSITIONS: Position[] = makePositions([
  { key: "us", label: "The US position" },
  { key: "pak-military", label: "The Pakistani military position" },
]);
export const US = SEED_POSITIONS[0].id;
export const PAK_MILITARY = SEED_POSITIONS[1].id;

export const ALICE: Author = { id: "user-alice", name: "Alice" };
export const BOB: Author = { id: "user-bob", name: "Bob" };

/** A fresh board document holding the seed's meta and positions, as the server creates it. */
export function makeBoardDoc(): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(doc, { title: "Can the US and Pakistan reset bilateral ties?", sourceSha256: "0".repeat(64) }, SEED_POSITIONS);
  return doc;
}

/** A new document holding exactly `doc`'s state (a second replica). */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/**
 * Anchor for the first occurrence of `quote` in `source` (or the one at UTF-16 index `from` onwards).
 * Throws when the quote is absent, since that is a mistake in the test itself.
 */
export function anchorFor(source: string, quote: string, from = 0): QuoteAnchor {
  const at = source.indexOf(quote, from);
  if (at === -1) throw new Error(`Test quote not in source: ${quote}`);
  const start = utf16ToCodePoint(source, at);
  const result = createAnchor(source, start, start + codePointLength(quote));
  if (!result.ok) throw new Error(`Test quote rejected: ${result.reason}`);
  return result.anchor;
}

/** Small deterministic PRNG (Marsaglia's xorshift32) so a failing fuzz seed can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1; // xorshift never leaves zero
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** Picks one element of a non-empty list with `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
