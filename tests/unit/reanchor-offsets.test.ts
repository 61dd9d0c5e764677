import { describe, expect, it } from "vitest";
import { diffSources, encodeOnePerCodePoint, mapRange } from "@/lib/anchoring/offset-map";
import { tokenDiff } from "@/lib/anchoring/token-diff";
import { foldTypography, typographyKey } from "@/lib/anchoring/typography";
import { codePointLength } from "@/lib/anchoring/text";
import { ARTICLE } from "./fixtures/article-revisions";
import { randomRevision } from "./fixtures/random-revisions";

describe("typography folding", () => {
  it("treats curly and straight quotes, dashes and space runs as the same text", () => {
    expect(typographyKey("\u201cIt\u2019s fine\u201d \u2014\u00a0he said\u2026")).toBe(typographyKey('"It\'s fine" -  he said...'));
    expect(typographyKey("mutual trust")).not.toBe(typographyKey("mutal trust"));
    expect(typographyKey("one.\n\nTwo")).not.toBe(typographyKey("one. Two"));
  });

  it("keeps the code-point length when folding character by character", () => {
    const text = "\u201cA\u2014B\u201d \u{1f600}\u00a0x";
    expect(codePointLength(foldTypography(text))).toBe(codePointLength(text));
  });
});

describe("code-point diff of two sources", () => {
  it("encodes one unit per code point, giving each astral character its own unit", () => {
    const [oldUnits, newUnits] = encodeOnePerCodePoint("a\u{1f600}b\u{1f601}", "\u{1f601}\u{1f600}");
    expect(oldUnits.length).toBe(4);
    expect(newUnits.length).toBe(2);
    expect(newUnits[0]).toBe(oldUnits[3]);
    expect(newUnits[1]).toBe(oldUnits[1]);
    expect(oldUnits[1]).not.toBe(oldUnits[3]);
  });

  it("maps a range past inserted emoji by code points", () => {
    const oldText = "one two three";
    const newText = "\u{1f600}\u{1f600} one two three";
    expect(mapRange(diffSources(oldText, newText), 4, 7)).toEqual({ start: 7, end: 10, intact: true });
  });

  it("keeps text inserted at a quote's edges outside it, and marks edits inside", () => {
    const diff = diffSources("say mutual trust now", "say, mutual trust, now");
    expect(mapRange(diff, 4, 16)).toEqual({ start: 5, end: 17, intact: true });
    const edited = diffSources("say mutual trust now", "say mutal trust now");
    expect(mapRange(edited, 4, 16)).toEqual({ start: 4, end: 15, intact: false });
  });

  it("maps a fully deleted range to an empty one", () => {
    const diff = diffSources("keep this. drop that. keep too.", "keep this. keep too.");
    const mapped = mapRange(diff, 11, 21);
    expect(mapped.intact).toBe(false);
    expect(mapped.end - mapped.start).toBe(0);
  });

  it("produces word-then-character diffs that rebuild both texts", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { text } = randomRevision(ARTICLE, seed, 6);
      const diff = tokenDiff(ARTICLE, text);
      expect(diff.filter(([op]) => op !== 1).map(([, t]) => t).join("")).toBe(ARTICLE);
      expect(diff.filter(([op]) => op !== -1).map(([, t]) => t).join("")).toBe(text);
    }
  });
});
