import { describe, expect, it } from "vitest";
import { ANCHOR_CONTEXT_LENGTH, anchorToUtf16Range, createAnchor, resolveAnchor, verifyAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import { codePointLength, sliceCodePoints } from "@/lib/anchoring/text";
import { LIMITS } from "@/lib/board/constants";
import { ARTICLE, anchorFor } from "./support/board-fixture";

/** Emoji before the quote, so its code-point offsets differ from its UTF-16 indices. */
const EMOJI_SOURCE = "😀🎉🚀 Intro. The treaty was signed in spring. Then 🌍 people argued.";
const NBSP_QUOTE = "his administration\u00a0was suspending aid";

function accepted(result: ReturnType<typeof createAnchor>): QuoteAnchor & { reanchored: boolean } {
  if (!result.ok) throw new Error(`expected an anchor, got ${result.reason}`);
  return { ...result.anchor, reanchored: result.reanchored };
}

describe("createAnchor", () => {
  it("takes the quote and 32 code points of context on each side from the source", () => {
    const start = ARTICLE.indexOf("vis-à-vis");
    const anchor = accepted(createAnchor(ARTICLE, start, start + 9));
    expect(anchor).toMatchObject({ exact: "vis-à-vis", start, end: start + 9, reanchored: false });
    expect(anchor.prefix).toBe(ARTICLE.slice(start - ANCHOR_CONTEXT_LENGTH, start));
    expect(anchor.suffix).toBe(ARTICLE.slice(start + 9, start + 9 + ANCHOR_CONTEXT_LENGTH));
    expect(anchor.prefix).toHaveLength(32);
  });

  it("clamps the context at the start and end of the text", () => {
    expect(accepted(createAnchor(ARTICLE, 0, 3))).toMatchObject({ exact: "Can", prefix: "" });
    const total = codePointLength(ARTICLE);
    const last = accepted(createAnchor(ARTICLE, total - 5, total));
    expect(last.suffix).toBe("");
    expect(accepted(createAnchor("abcdef", 2, 4))).toMatchObject({ prefix: "ab", exact: "cd", suffix: "ef" });
  });

  it("counts offsets and context in code points, so emoji are never split", () => {
    const source = "😀".repeat(40) + "quote" + "🎉".repeat(40);
    const anchor = accepted(createAnchor(source, 40, 45));
    expect(anchor.exact).toBe("quote");
    expect(anchor.prefix).toBe("😀".repeat(32));
    expect(anchor.suffix).toBe("🎉".repeat(32));
  });

  it("keeps the source's em dash and no-break space in the quote", () => {
    const start = ARTICLE.indexOf("Pakistan —");
    const anchor = accepted(createAnchor(ARTICLE, start, start + 20));
    expect(anchor.exact).toBe("Pakistan —\u00a0that Isla");
  });

  it("rejects empty, blank, reversed, out-of-range and over-long ranges", () => {
    expect(createAnchor(ARTICLE, 10, 10)).toMatchObject({ ok: false, reason: "quote-empty" });
    expect(createAnchor("a   b", 1, 4)).toMatchObject({ ok: false, reason: "quote-empty" });
    expect(createAnchor(ARTICLE, 10, 5)).toMatchObject({ ok: false, reason: "offsets-out-of-range" });
    expect(createAnchor(ARTICLE, -1, 5)).toMatchObject({ ok: false, reason: "offsets-out-of-range" });
    expect(createAnchor("short", 0, 6)).toMatchObject({ ok: false, reason: "offsets-out-of-range" });
    expect(createAnchor(ARTICLE, 0, LIMITS.quoteMaxChars + 1)).toMatchObject({ ok: false, reason: "quote-too-long" });
    expect(createAnchor(ARTICLE, 0, LIMITS.quoteMaxChars).ok).toBe(true);
  });

  it("gives every rejection a readable message", () => {
    const result = createAnchor(ARTICLE, 10, 10);
    expect(result.ok || result.message).toBe("A quote cannot be empty.");
  });
});

describe("verifyAnchor", () => {
  it("accepts a quote that sits exactly at its offsets", () => {
    const anchor = anchorFor(ARTICLE, "vis-à-vis");
    expect(verifyAnchor(ARTICLE, anchor)).toEqual({ ok: true, reanchored: false, anchor });
  });

  it("refuses a quote whose offsets are off by one rather than guessing", () => {
    const anchor = anchorFor(ARTICLE, "vis-à-vis");
    expect(verifyAnchor(ARTICLE, { ...anchor, start: anchor.start + 1, end: anchor.end + 1 })).toMatchObject({ ok: false, reason: "quote-not-found" });
  });

  it("refuses offsets past the end of the source", () => {
    const total = codePointLength(ARTICLE);
    expect(verifyAnchor(ARTICLE, { exact: "x", prefix: "", suffix: "", start: total, end: total + 1 })).toMatchObject({ ok: false, reason: "offsets-out-of-range" });
  });

  it("treats plain spaces typed for U+00A0 as equal and hands back the source's own characters", () => {
    const real = anchorFor(ARTICLE, NBSP_QUOTE);
    const typed = { exact: NBSP_QUOTE.replace("\u00a0", " "), prefix: "", suffix: "", start: real.start, end: real.end };
    const anchor = accepted(verifyAnchor(ARTICLE, typed));
    expect(anchor.exact).toBe(NBSP_QUOTE);
    expect(anchor.exact).toBe(sliceCodePoints(ARTICLE, anchor.start, anchor.end));
    expect(anchor).toMatchObject({ prefix: real.prefix, suffix: real.suffix });
  });

  it("does not fold anything but spaces: an unaccented vis-a-vis is not the source's vis-à-vis", () => {
    const real = anchorFor(ARTICLE, "vis-à-vis");
    expect(verifyAnchor(ARTICLE, { ...real, exact: "vis-a-vis" })).toMatchObject({ ok: false, reason: "quote-not-found" });
  });

  it("rejects empty and too-long quotes before looking at the source", () => {
    expect(verifyAnchor(ARTICLE, { exact: "  ", prefix: "", suffix: "", start: 0, end: 2 })).toMatchObject({ ok: false, reason: "quote-empty" });
    const long = ARTICLE.slice(0, LIMITS.quoteMaxChars + 1);
    expect(verifyAnchor(ARTICLE, { exact: long, prefix: "", suffix: "", start: 0, end: long.length })).toMatchObject({ ok: false, reason: "quote-too-long" });
  });

  it("uses code-point offsets when emoji come before the quote", () => {
    const anchor = anchorFor(EMOJI_SOURCE, "The treaty");
    expect(anchor.start).toBe(EMOJI_SOURCE.indexOf("The treaty") - 3);
    expect(verifyAnchor(EMOJI_SOURCE, anchor).ok).toBe(true);
    const utf16Start = EMOJI_SOURCE.indexOf("The treaty");
    expect(verifyAnchor(EMOJI_SOURCE, { ...anchor, start: utf16Start, end: utf16Start + 10 }).ok).toBe(false);
  });
});

describe("resolveAnchor", () => {
  it("returns a valid anchor untouched", () => {
    const anchor = anchorFor(ARTICLE, "Imran Khan", 400);
    expect(resolveAnchor(ARTICLE, anchor)).toEqual({ ok: true, reanchored: false, anchor });
  });

  it("re-finds a unique quote whose offsets went stale", () => {
    const real = anchorFor(ARTICLE, "vis-à-vis");
    const anchor = accepted(resolveAnchor(ARTICLE, { ...real, start: 5, end: 14 }));
    expect(anchor).toMatchObject({ ...real, reanchored: true });
  });

  it("re-finds a unique quote even when its offsets lie beyond the text", () => {
    const real = anchorFor(ARTICLE, "vis-à-vis");
    expect(accepted(resolveAnchor(ARTICLE, { ...real, start: 9000, end: 9009 })).start).toBe(real.start);
  });

  it("picks the occurrence of a repeated quote whose prefix and suffix match", () => {
    const third = anchorFor(ARTICLE, "Pompeo", ARTICLE.indexOf("Pompeo") + 400);
    expect(third.start).not.toBe(ARTICLE.indexOf("Pompeo"));
    const anchor = accepted(resolveAnchor(ARTICLE, { ...third, start: 0, end: 6 }));
    expect(anchor).toMatchObject({ start: third.start, end: third.end, reanchored: true });
  });

  it("lets the suffix alone tell repeated quotes apart", () => {
    const source = "We agree. We agree, but only in part.";
    const anchor = accepted(resolveAnchor(source, { exact: "We agree", prefix: "", suffix: ", but", start: 20, end: 28 }));
    expect(anchor.start).toBe(10);
  });

  it("rejects a repeated quote whose context does not say which occurrence", () => {
    const result = resolveAnchor(ARTICLE, { exact: "Islamabad", prefix: "", suffix: "", start: 0, end: 9 });
    expect(result).toMatchObject({ ok: false, reason: "quote-ambiguous" });
  });

  it("rejects a quote that is not in the source", () => {
    const result = resolveAnchor(ARTICLE, { exact: "Pakistan and India signed a treaty", prefix: "", suffix: "", start: 0, end: 34 });
    expect(result).toMatchObject({ ok: false, reason: "quote-not-found", message: "That quote does not appear in the source text." });
  });

  it("rejects empty, blank and too-long quotes", () => {
    expect(resolveAnchor(ARTICLE, { exact: "", prefix: "", suffix: "", start: 0, end: 1 })).toMatchObject({ ok: false, reason: "quote-empty" });
    expect(resolveAnchor(ARTICLE, { exact: " \n ", prefix: "", suffix: "", start: 0, end: 3 })).toMatchObject({ ok: false, reason: "quote-empty" });
    const long = "x".repeat(LIMITS.quoteMaxChars + 1);
    expect(resolveAnchor(ARTICLE, { exact: long, prefix: "", suffix: "", start: 0, end: long.length })).toMatchObject({ ok: false, reason: "quote-too-long" });
  });

  it("re-finds a quote typed with plain spaces and stores the source's no-break space", () => {
    const typed = { exact: NBSP_QUOTE.replace("\u00a0", " "), prefix: "", suffix: "", start: 0, end: NBSP_QUOTE.length };
    const anchor = accepted(resolveAnchor(ARTICLE, typed));
    expect(anchor.exact).toBe(NBSP_QUOTE);
    expect(anchor.start).toBe(ARTICLE.indexOf(NBSP_QUOTE));
  });

  it("reports code-point offsets for a quote re-found after emoji", () => {
    const stale = { exact: "people argued", prefix: "", suffix: "", start: 0, end: 13 };
    const anchor = accepted(resolveAnchor(EMOJI_SOURCE, stale));
    const utf16 = EMOJI_SOURCE.indexOf("people argued");
    expect(anchor.start).toBe(utf16 - 4);
    expect(anchor.end).toBe(anchor.start + 13);
    expect(anchorToUtf16Range(EMOJI_SOURCE, anchor)).toEqual([utf16, utf16 + 13]);
    expect(anchor.prefix.endsWith("Then 🌍 ")).toBe(true);
  });
});
