import { foldForMatching } from "./text";

/**
 * Typography folding for re-anchoring: a corrected source often only swaps straight quotes for
 * curly ones, hyphens for dashes, or tidies spaces. Those edits must not count as "the words changed".
 */

const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/u;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/u;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/u;
const SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/u;

/**
 * Folds one code point to its plain-typography form. Always returns exactly one code point, so a
 * string folded character by character keeps every code-point offset.
 */
export function foldTypographyChar(raw: string): string {
  const char = foldForMatching(raw);
  if (SINGLE_QUOTES.test(char)) return "'";
  if (DOUBLE_QUOTES.test(char)) return '"';
  if (DASHES.test(char)) return "-";
  if (SPACES.test(char)) return " ";
  return char;
}

/** Folds every code point of `text` (code-point length preserved). */
export function foldTypography(text: string): string {
  let out = "";
  for (const char of text) out += foldTypographyChar(char);
  return out;
}

/**
 * The comparison key of a quote: typography folded, "…" spelled out, runs of spaces collapsed and the
 * ends trimmed. Two quotes with equal keys say the same words in the same order. A line break stays
 * a line break: splitting a quoted sentence into two paragraphs is an edit, not typography.
 */
export function typographyKey(text: string): string {
  return foldTypography(text)
    .replace(/\u2026/gu, "...")
    .replace(/\s*\n\s*/gu, "\n")
    .replace(/[^\S\n]+/gu, " ")
    .trim();
}
