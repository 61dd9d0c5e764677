import DiffMatchPatch from "diff-match-patch";
import { typographyKey } from "./typography";

/** One step of a before/after diff, as the review screen shows it. */
export type DiffOp = { op: "equal" | "delete" | "insert"; text: string };

const OP_NAMES = { [-1]: "delete", 0: "equal", 1: "insert" } as const;

function differ(): DiffMatchPatch {
  const dmp = new DiffMatchPatch();
  // Quotes and contexts are short; a small budget still bounds a pathological pair.
  dmp.Diff_Timeout = 0.1;
  return dmp;
}

/** A human-readable word-level diff from `before` to `after` (semantic cleanup, raw characters). */
export function readableDiff(before: string, after: string): DiffOp[] {
  const dmp = differ();
  const diffs = dmp.diff_main(before, after);
  dmp.diff_cleanupSemantic(diffs);
  return diffs.map(([op, text]) => ({ op: OP_NAMES[op as -1 | 0 | 1], text }));
}

/**
 * Similarity of two texts in [0, 1] after typography folding: 1 − edit distance / longer length.
 * Two empty texts are identical (1).
 */
export function textSimilarity(a: string, b: string): number {
  const left = typographyKey(a);
  const right = typographyKey(b);
  const longer = Math.max(left.length, right.length);
  if (longer === 0) return 1;
  const dmp = differ();
  const distance = dmp.diff_levenshtein(dmp.diff_main(left, right, false));
  return Math.max(0, 1 - distance / longer);
}
