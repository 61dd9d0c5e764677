import { AuthorNameSchema } from "../../lib/board/argument";

/**
 * When two display names are "the same name". On a managed board nobody may take a name that reads
 * like another member's, so the comparison ignores what a reader cannot see or tell apart: letter
 * case, accents, repeated or exotic spaces, invisible characters (zero-width joiners, bidi controls,
 * soft hyphens, Hangul fillers) and the Cyrillic and Greek letters drawn like Latin ones.
 */

/** Invisible in a name: default-ignorable code points, format and control characters. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\u2800]/gu;
/**
 * Accents (after NFKD, combining marks) on Latin, Greek and Cyrillic letters. Only there: in scripts
 * such as Devanagari or Thai the marks are vowels, and "राम" is not "रम".
 */
const ACCENTS = /(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]\p{M}*)\p{M}/gu;
const SPACES = /[\s\p{Z}]+/gu;

/**
 * Letters that render like Latin ones, by their lower-case form (names are lower-cased first). A
 * short list of the common tricks, not Unicode's full confusables table: i, l, 1 and | fold together
 * because many fonts draw capital I and small l alike.
 */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: "a", в: "b", е: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  і: "l", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w", һ: "h", ӏ: "l", ү: "y", ɡ: "g",
  // Greek
  α: "a", β: "b", ε: "e", ζ: "z", η: "n", ι: "l", κ: "k", μ: "m", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "y", χ: "x",
  // Latin look-alikes of each other
  i: "l", ı: "l", "1": "l", "|": "l", "0": "o",
};

/** The key two names are compared by: equal keys are the same name on a managed board. */
export function nameKey(name: string): string {
  const folded = name.toLocaleLowerCase("en").normalize("NFKD").replace(INVISIBLE, "").replace(ACCENTS, "").replace(SPACES, " ").trim();
  let key = "";
  for (const char of folded) key += LOOKALIKES[char] ?? char;
  return key;
}

/** Whether a name shows anything at all (one made only of invisible characters does not). */
export function isVisibleName(name: string): boolean {
  return nameKey(name) !== "";
}

/**
 * A member's display name as the server stores it: an author name (trimmed, 1–40 characters) with no
 * control characters and no broken UTF-16, which PostgreSQL would refuse or silently replace.
 */
export const MemberNameSchema = AuthorNameSchema.refine((name) => !/\p{Cc}/u.test(name), "A display name cannot contain control characters.").refine(
  (name) => !/\p{Surrogate}/u.test(name),
  "A display name cannot contain broken characters.",
);
