import MiniSearch from "minisearch";
import { LIMITS } from "../board/constants";
import { splitSentences, type SourceSentence } from "./sentences";
import { STOP_WORDS } from "./stop-words";

/**
 * "Suggest evidence": the passages of the source that best match the words of an argument being
 * written, so citing the article is one click away. Pure and offline: a MiniSearch full-text index
 * over the source's sentences, built once per source text and then only queried.
 */

/** A suggested sentence: its code-point range (ready for createAnchor), its text and how well it matched. */
export interface EvidenceSuggestion {
  start: number;
  end: number;
  text: string;
  score: number;
}

export interface SuggestOptions {
  /** Ranges [start, end) the argument quotes already: sentences touching them are not suggested again. */
  quoted?: readonly { start: number; end: number }[];
  /** At most this many suggestions (default 5). */
  limit?: number;
}

const MAX_SUGGESTIONS = 5;
/** Fewer than this many and a weak match is still worth showing: the list should rarely look empty. */
const MIN_SUGGESTIONS = 3;
/** A match scoring under this share of the best one is noise once MIN_SUGGESTIONS are in hand. */
const RELATIVE_CUTOFF = 0.25;

/** Lower-cases a word and drops stop words and one-letter words (MiniSearch's processTerm). */
function processTerm(term: string): string | null {
  const word = term.toLowerCase().replace(/^['’]+|['’]+$/g, "").replace(/['’]s$/, "");
  return word.length < 2 || STOP_WORDS.has(word) ? null : word;
}

export interface EvidenceIndex {
  sentences: SourceSentence[];
  search: MiniSearch<SourceSentence>;
}

let cached: { source: string; index: EvidenceIndex } | null = null;

/** The index of `source`'s sentences, built on the first call for that text and reused after. */
export function evidenceIndexFor(source: string): EvidenceIndex {
  if (cached?.source === source) return cached.index;
  // A sentence too long to quote whole cannot be offered as one click.
  const sentences = splitSentences(source).filter((s) => s.text.length <= LIMITS.quoteMaxChars);
  const search = new MiniSearch<SourceSentence>({ idField: "index", fields: ["text"], processTerm });
  search.addAll(sentences);
  cached = { source, index: { sentences, search } };
  return cached.index;
}

/** Longer than any word in an article; a term beyond this is matched exactly or not at all. */
const MAX_WORD_CHARS = 30;

/**
 * The 3–5 sentences of `source` that best match `draftText`, best first; none when the draft has no
 * searchable words yet. Prefix matching lets the word being typed count; fuzzy matching (longer words
 * only) forgives a typo without matching everything.
 */
export function suggestEvidence(source: string, draftText: string, options: SuggestOptions = {}): EvidenceSuggestion[] {
  const { sentences, search } = evidenceIndexFor(source);
  const quoted = options.quoted ?? [];
  const limit = Math.min(options.limit ?? MAX_SUGGESTIONS, MAX_SUGGESTIONS);
  // Only what an argument can hold is searched, and a "word" longer than any real one (a pasted blob)
  // only exactly: fuzzy matching costs its length squared (100,000 characters asked for 10 GB).
  const wordLike = (term: string) => term.length <= MAX_WORD_CHARS;
  const results = search.search(draftText.slice(0, LIMITS.argumentMaxChars), {
    prefix: (term) => term.length >= 4 && wordLike(term),
    fuzzy: (term) => (term.length >= 6 && wordLike(term) ? 0.2 : false),
    combineWith: "OR",
  });
  const suggestions: EvidenceSuggestion[] = [];
  for (const result of results) {
    const sentence = sentences[result.id as number];
    if (quoted.some((q) => q.start < sentence.end && sentence.start < q.end)) continue;
    if (suggestions.length >= MIN_SUGGESTIONS && result.score < suggestions[0].score * RELATIVE_CUTOFF) break;
    suggestions.push({ start: sentence.start, end: sentence.end, text: sentence.text, score: result.score });
    if (suggestions.length >= limit) break;
  }
  return suggestions;
}
