import { generateKeyBetween } from "fractional-indexing";
import type { Argument } from "./argument";

/**
 * Where an argument sits among its siblings (the other replies to its parent; for a top-level argument,
 * its lane). A sibling list is sorted by each argument's *order key*, a fractional index: a string that
 * sorts by plain code-unit comparison, and between any two keys there is always room for another.
 *
 * Arguments written before moves existed, and every new argument, carry no `order`: their key is
 * derived from `createdAt` (`createdAtKey`), a valid fractional index of fixed length, so they keep
 * their old oldest-first order and a moved argument can be placed between any two of them. A move
 * writes an explicit `order` computed between its new neighbours' keys.
 *
 * Two people who move different cards into the same gap at once write the same key; ties are broken
 * by id, so every replica shows the same order.
 */

/** Integer head "h" marks an 8-digit base-62 integer part: 62^8 ms covers dates until the year 8900. */
const CREATED_AT_HEAD = "h";
const CREATED_AT_DIGITS = 8;
const BASE_62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The order key an argument without an explicit `order` sorts by. */
export function createdAtKey(createdAt: number): string {
  let rest = Math.max(0, Math.floor(createdAt));
  let digits = "";
  for (let i = 0; i < CREATED_AT_DIGITS; i++) {
    digits = BASE_62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  }
  return CREATED_AT_HEAD + digits;
}

/** The key `arg` sorts by among its siblings. */
export function orderKeyOf(arg: Pick<Argument, "order" | "createdAt">): string {
  return arg.order ?? createdAtKey(arg.createdAt);
}

/** Sibling order: by order key, then by id (equal keys from concurrent moves). */
export function compareSiblings(a: Pick<Argument, "order" | "createdAt" | "id">, b: Pick<Argument, "order" | "createdAt" | "id">): number {
  const ka = orderKeyOf(a);
  const kb = orderKeyOf(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether `key` is a fractional index the library can place others around (the schema's check). */
export function isValidOrderKey(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * The key for a slot in a sorted list of sibling keys: after the first `index` keys, ahead of the rest.
 * Keys the slot's neighbours share (a tie broken by id) leave no room between them, so the slot then
 * moves past the tie: the new key sorts after every key equal to its lower neighbour.
 */
export function keyForSlot(sortedKeys: readonly string[], index: number): string {
  const before = index > 0 ? sortedKeys[index - 1]! : null;
  const after = sortedKeys.slice(index).find((key) => before === null || key > before) ?? null;
  return generateKeyBetween(before, after);
}
