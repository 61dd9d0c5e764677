/**
 * Quotation marks around a quoted passage, without doubling the ones the passage already has.
 *
 * People often select a passage together with the article's own quotation marks, so a quote
 * "“A ban…”" used to be shown as "““A ban…””". An opening mark at the start counts as the wrapper
 * only when the first mark that could close it is the last character (or there is none, as in a
 * passage cut off mid-quote): `"A ban" is what he said` opens and closes a quote of its own, so it
 * still gets a pair of ours around it.
 */

/** Opening marks and the marks that may close them (German „ closes with “ or ”; ASCII " with itself). */
const CLOSERS: Readonly<Record<string, string>> = {
  "\u201c": "\u201d", // “ ”
  "\u201e": "\u201c\u201d", // „ “ ”
  '"': '"',
  "\u00ab": "\u00bb", // « »
  "\u00bb": "\u00ab", // » « (Danish, Swedish)
  "\u300c": "\u300d", // 「 」
  "\u300e": "\u300f", // 『 』
  "\uff02": "\uff02", // ＂
};

/** Wraps `text` in “ ”, adding only the marks it does not already have. Pure. */
export function withQuoteMarks(text: string, open = "\u201c", close = "\u201d"): string {
  const first = text[0];
  const closers = first === undefined ? undefined : CLOSERS[first];
  if (closers === undefined) return `${open}${text}${close}`;
  let end = -1;
  for (let i = 1; i < text.length; i++) {
    if (closers.includes(text[i])) {
      end = i;
      break;
    }
  }
  if (end === -1) return `${text}${close}`; // cut off mid-quote: only the closing mark is missing
  return end === text.length - 1 ? text : `${open}${text}${close}`;
}
