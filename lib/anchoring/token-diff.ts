import DiffMatchPatch from "diff-match-patch";

/**
 * A two-pass diff in the manner of diff-match-patch's line mode, but with words as the coarse unit:
 * first the texts are diffed as sequences of word, space and punctuation tokens (five times fewer
 * units, so an article-sized diff finishes in milliseconds and its result does not depend on how
 * busy the machine is), then each replaced stretch is refined character by character.
 */

export type RawDiff = Array<[-1 | 0 | 1, string]>;

/** Guard for pathological inputs (a 200k-character source rewritten throughout). */
const TOKEN_DIFF_TIMEOUT_SECONDS = 2;
/** Replaced stretches up to this many characters (both sides) are refined character by character. */
const REFINE_MAX_CHARS = 4000;
const REFINE_TIMEOUT_SECONDS = 0.2;
/** One UTF-16 unit per distinct token; beyond that, fall back to a plain character diff. */
const MAX_DISTINCT_TOKENS = 0xd7ff;

const TOKEN = /[\p{L}\p{M}\p{N}_]+|\s+|[^]/gu;

export function tokenDiff(oldText: string, newText: string): RawDiff {
  const ids = new Map<string, string>();
  const tokens: string[] = [];
  const encode = (text: string): string | null => {
    let out = "";
    for (const [token] of text.matchAll(TOKEN)) {
      let id = ids.get(token);
      if (id === undefined) {
        if (tokens.length >= MAX_DISTINCT_TOKENS) return null;
        id = String.fromCharCode(tokens.length + 1);
        ids.set(token, id);
        tokens.push(token);
      }
      out += id;
    }
    return out;
  };
  const oldIds = encode(oldText);
  const newIds = encode(newText);
  if (oldIds === null || newIds === null) return charDiff(oldText, newText, TOKEN_DIFF_TIMEOUT_SECONDS);

  const coarseIds = charDiff(oldIds, newIds, TOKEN_DIFF_TIMEOUT_SECONDS);
  // Drop coincidental shared tokens ("the", a space) inside rewritten stretches, as line mode does.
  new DiffMatchPatch().diff_cleanupSemantic(coarseIds);
  const coarse = coarseIds.map(
    ([op, ids]): [-1 | 0 | 1, string] => [op, Array.from(ids, (id) => tokens[id.charCodeAt(0) - 1]).join("")],
  );
  return refine(coarse);
}

/** Replaces each run of deletions and insertions between two equalities by a character diff of it. */
function refine(coarse: RawDiff): RawDiff {
  const out: RawDiff = [];
  let deleted = "";
  let inserted = "";
  const flush = () => {
    if (deleted && inserted && deleted.length + inserted.length <= REFINE_MAX_CHARS) {
      out.push(...charDiff(deleted, inserted, REFINE_TIMEOUT_SECONDS));
    } else {
      if (deleted) out.push([-1, deleted]);
      if (inserted) out.push([1, inserted]);
    }
    deleted = "";
    inserted = "";
  };
  for (const [op, text] of coarse) {
    if (op === -1) deleted += text;
    else if (op === 1) inserted += text;
    else {
      flush();
      out.push([0, text]);
    }
  }
  flush();
  return out;
}

function charDiff(a: string, b: string, timeoutSeconds: number): RawDiff {
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = timeoutSeconds;
  return dmp.diff_main(a, b, false) as RawDiff;
}
