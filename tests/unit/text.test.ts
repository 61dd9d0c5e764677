import { describe, expect, it } from "vitest";
import { codePointLength, codePointToUtf16, foldForMatching, sliceCodePoints, utf16ToCodePoint } from "@/lib/anchoring/text";
import { ARTICLE } from "./support/board-fixture";

// "😀" (U+1F600) and "𝔸" (U+1D538) are astral: one code point, two UTF-16 units each.
const EMOJI_TEXT = "a😀b𝔸c";

describe("codePointLength", () => {
  it("counts an astral character once", () => {
    expect(EMOJI_TEXT.length).toBe(7);
    expect(codePointLength(EMOJI_TEXT)).toBe(5);
  });

  it("counts the empty string as zero and plain text by its length", () => {
    expect(codePointLength("")).toBe(0);
    expect(codePointLength("vis-à-vis — ok")).toBe("vis-à-vis — ok".length);
  });

  it("counts a lone surrogate as one code point", () => {
    expect(codePointLength("\ud83d")).toBe(1);
    expect(codePointLength("x\ude00y")).toBe(3);
    expect(codePointLength("\ud83dx")).toBe(2);
  });

  it("agrees with the seed article's declared character count", () => {
    expect(codePointLength(ARTICLE)).toBe([...ARTICLE].length);
    expect(codePointLength(ARTICLE)).toBe(8881);
  });
});

describe("codePointToUtf16", () => {
  it("maps every code-point offset past an emoji to the right UTF-16 index", () => {
    expect([0, 1, 2, 3, 4, 5].map((cp) => codePointToUtf16(EMOJI_TEXT, cp))).toEqual([0, 1, 3, 4, 6, 7]);
  });

  it("returns -1 for offsets beyond the end or below zero", () => {
    expect(codePointToUtf16(EMOJI_TEXT, 6)).toBe(-1);
    expect(codePointToUtf16(EMOJI_TEXT, -1)).toBe(-1);
    expect(codePointToUtf16("", 1)).toBe(-1);
  });

  it("maps offset zero of the empty string to zero", () => {
    expect(codePointToUtf16("", 0)).toBe(0);
  });
});

describe("utf16ToCodePoint", () => {
  it("maps UTF-16 indices at character boundaries back to code points", () => {
    expect([0, 1, 3, 4, 6, 7].map((u) => utf16ToCodePoint(EMOJI_TEXT, u))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("rounds an index inside a surrogate pair down to the pair's start", () => {
    expect(utf16ToCodePoint(EMOJI_TEXT, 2)).toBe(1);
    expect(utf16ToCodePoint(EMOJI_TEXT, 5)).toBe(3);
  });

  it("clamps an index past the end to the code-point length", () => {
    expect(utf16ToCodePoint(EMOJI_TEXT, 100)).toBe(5);
  });

  it("is the inverse of codePointToUtf16 on every offset of a mixed string", () => {
    const text = "😀 vis-à-vis —\u00a0𝔸𝔹 end";
    for (let cp = 0; cp <= codePointLength(text); cp++) {
      expect(utf16ToCodePoint(text, codePointToUtf16(text, cp))).toBe(cp);
    }
  });
});

describe("sliceCodePoints", () => {
  it("slices by code points, keeping emoji whole", () => {
    expect(sliceCodePoints(EMOJI_TEXT, 1, 2)).toBe("😀");
    expect(sliceCodePoints(EMOJI_TEXT, 1, 4)).toBe("😀b𝔸");
    expect(sliceCodePoints(EMOJI_TEXT, 0, 5)).toBe(EMOJI_TEXT);
  });

  it("returns the empty string for reversed or out-of-range ranges", () => {
    expect(sliceCodePoints(EMOJI_TEXT, 3, 2)).toBe("");
    expect(sliceCodePoints(EMOJI_TEXT, 0, 6)).toBe("");
    expect(sliceCodePoints(EMOJI_TEXT, -1, 2)).toBe("");
  });

  it("matches Array.from slicing on the seed article", () => {
    const codePoints = Array.from(ARTICLE);
    for (const [start, end] of [[0, 10], [1460, 1500], [8800, 8881]]) {
      expect(sliceCodePoints(ARTICLE, start, end)).toBe(codePoints.slice(start, end).join(""));
    }
  });
});

describe("foldForMatching", () => {
  it("treats U+00A0 no-break space as a plain space", () => {
    expect(foldForMatching("his administration\u00a0was")).toBe("his administration was");
  });

  it("also folds figure space and narrow no-break space", () => {
    expect(foldForMatching("1\u20070\u202f0")).toBe("1 0 0");
  });

  it("keeps the UTF-16 length, so indices into the folded text fit the original", () => {
    const folded = foldForMatching(ARTICLE);
    expect(folded.length).toBe(ARTICLE.length);
    expect(folded).not.toContain("\u00a0");
    expect(ARTICLE.split("\u00a0")).toHaveLength(7);
  });

  it("leaves other characters alone, including accents, dashes and emoji", () => {
    const text = "vis-à-vis — 😀\ttab\nline";
    expect(foldForMatching(text)).toBe(text);
  });
});
