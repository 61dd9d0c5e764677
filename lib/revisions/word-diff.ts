import DiffMatchPatch from "diff-match-patch";
import type { DiffOp } from "../anchoring/similarity";

/** Words (letters, marks, digits), runs of white space, and single other characters. */
const TOKEN = /[\p{L}\p{M}\p{N}_'’]+|\s+|[^]/gu;

/**
 * A diff of two short texts (a quote before and after a revision) in whole words: a fixed typo shows
 * as the old word struck and the new word inserted, which a reader takes in faster than letter-level
 * edits. Words are mapped to one private character each, diffed, and mapped back. Pure.
 */
export function wordDiff(before: string, after: string): DiffOp[] {
  const ids = new Map<string, string>();
  const tokens: string[] = [];
  const encode = (text: string): string =>
    [...text.matchAll(TOKEN)]
      .map(([token]) => {
        let id = ids.get(token);
        if (id === undefined) {
          id = String.fromCharCode(0xe000 + (tokens.length % 0x1900));
          ids.set(token, id);
          tokens.push(token);
        }
        return id;
      })
      .join("");
  // Beyond the private-use block the mapping would repeat ids: such a text is no quote, so diff it as one word.
  const a = encode(before);
  const b = encode(after);
  if (tokens.length > 0x1900) return [{ op: "delete", text: before }, { op: "insert", text: after }].filter((d) => d.text !== "") as DiffOp[];
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = 0.1;
  const diffs = dmp.diff_main(a, b, false);
  dmp.diff_cleanupSemantic(diffs);
  const decode = (ids: string) => [...ids].map((id) => tokens[id.charCodeAt(0) - 0xe000]).join("");
  const ops: DiffOp[] = [];
  for (const [op, text] of diffs) {
    const name = op === -1 ? "delete" : op === 1 ? "insert" : "equal";
    const last = ops[ops.length - 1];
    if (last && last.op === name) last.text += decode(text);
    else ops.push({ op: name, text: decode(text) });
  }
  return ops;
}
