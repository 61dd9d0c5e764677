import { describe, expect, it } from "vitest";
import { describeCaret, excerpt } from "@/components/article/announce";
import { splitIntoBlocks } from "@/components/article/blocks";
import { offsetMapper } from "@/components/article/offsets";
import { quoteRanges } from "@/components/article/quote-ranges";
import { sourceRangeToQuotes } from "@/components/article/selection";
import { LIMITS } from "@/lib/board/constants";

const SOURCE = "Aid Cut\n\nThe US cut aid. Pakistan objected.\n\nTalks will resume soon.";
const BLOCKS = splitIntoBlocks(SOURCE);
const at = (text: string) => SOURCE.indexOf(text);
const after = (text: string) => SOURCE.indexOf(text) + text.length;
const texts = (start: number, end: number) => quoteRanges(SOURCE, BLOCKS, start, end).map((r) => SOURCE.slice(r.start16, r.end16));

describe("quoteRanges", () => {
  it("keeps a selection inside one paragraph as one range, trimmed", () => {
    expect(texts(at("The US") - 2, after("aid.") + 1)).toEqual(["The US cut aid."]);
  });

  it("cuts a selection across a paragraph break into one range per paragraph", () => {
    expect(texts(at("Pakistan"), after("Talks will"))).toEqual(["Pakistan objected.", "Talks will"]);
    expect(texts(at("Cut"), after("resume"))).toEqual(["Cut", "The US cut aid. Pakistan objected.", "Talks will resume"]);
  });

  it("completes words cut off at either end, but never across a paragraph edge", () => {
    expect(texts(at("US") + 1, at("aid") + 1)).toEqual(["US cut aid"]);
    expect(texts(after("objected") - 3, at("Talks") + 2)).toEqual(["objected.", "Talks"]);
  });

  it("drops pieces of nothing but the blank line", () => {
    expect(texts(after("objected."), at("Talks"))).toEqual([]);
    expect(texts(after("objected.") - 2, at("Talks"))).toEqual(["objected."]);
  });
});

describe("sourceRangeToQuotes", () => {
  const mapper = offsetMapper(SOURCE);

  it("anchors each paragraph's piece exactly, in reading order", () => {
    const result = sourceRangeToQuotes(SOURCE, BLOCKS, at("Pakistan"), after("Talks"), mapper);
    expect(result).toMatchObject({ ok: true, anchors: [{ exact: "Pakistan objected." }, { exact: "Talks" }] });
    if (!result?.ok) throw new Error("expected quotes");
    for (const anchor of result.anchors) expect(SOURCE.slice(anchor.start, anchor.end)).toBe(anchor.exact);
  });

  it("refuses a selection over more paragraphs than an argument may quote, saying why", () => {
    const many = Array.from({ length: LIMITS.quotesPerArgument + 1 }, (_, i) => `Paragraph ${i}.`).join("\n\n");
    const result = sourceRangeToQuotes(many, splitIntoBlocks(many), 0, many.length, offsetMapper(many));
    expect(result).toEqual({ ok: false, message: expect.stringContaining(`at most ${LIMITS.quotesPerArgument} paragraphs`) });
  });

  it("returns null for a selection of whitespace only", () => {
    expect(sourceRangeToQuotes(SOURCE, BLOCKS, after("Cut"), at("The"), mapper)).toBeNull();
  });
});

describe("describeCaret", () => {
  const base = { source: SOURCE, blocks: BLOCKS, canCite: true };

  it("reads a selection and says how to cite it, with a ¶ at each paragraph break", () => {
    expect(describeCaret({ ...base, anchor: at("The"), focus: after("aid."), from: at("The") })).toBe("Selected: “The US cut aid.” Press Enter to cite it.");
    expect(describeCaret({ ...base, anchor: at("Pakistan"), focus: after("Talks"), from: at("Pakistan") })).toBe(
      "Selected (2 paragraphs, 2 quotes): “Pakistan objected. ¶ Talks” Press Enter to cite them.",
    );
  });

  it("reads the text passed over by a caret move, and the ends of the article", () => {
    expect(describeCaret({ ...base, anchor: after("The US"), focus: after("The US"), from: at("The US") })).toBe("The US");
    expect(describeCaret({ ...base, anchor: SOURCE.length, focus: SOURCE.length, from: SOURCE.length })).toBe("End of the article.");
    expect(describeCaret({ ...base, anchor: 0, focus: 0, from: 0 })).toBe("Start of the article.");
  });

  it("does not offer citing to someone who may not cite", () => {
    expect(describeCaret({ ...base, canCite: false, anchor: at("Talks"), focus: after("Talks"), from: at("Talks") })).toBe("Selected: “Talks”");
  });

  it("cuts long excerpts in the middle", () => {
    const long = `${"word ".repeat(100)}end`;
    const cut = excerpt(long, 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut).toMatch(/^word .* … .*end$/);
  });
});
