import { describe, expect, it } from "vitest";
import { clampToBlocks, moveCaret, unitAround, unitsOf } from "@/components/article/caret";
import { splitIntoBlocks } from "@/components/article/blocks";

const SOURCE = "Aid Cut\n\nThe US cut aid. Pakistan objected, loudly!\n\nTalks will resume (maybe) soon.";
const BLOCKS = splitIntoBlocks(SOURCE);
const at = (text: string) => SOURCE.indexOf(text);
const after = (text: string) => SOURCE.indexOf(text) + text.length;

describe("unitsOf", () => {
  it("cuts a block into words without punctuation and sentences without trailing spaces", () => {
    const words = unitsOf(SOURCE, BLOCKS[1], "word").map((p) => SOURCE.slice(p.start16, p.end16));
    expect(words).toEqual(["The", "US", "cut", "aid", "Pakistan", "objected", "loudly"]);
    const sentences = unitsOf(SOURCE, BLOCKS[1], "sentence").map((p) => SOURCE.slice(p.start16, p.end16));
    expect(sentences).toEqual(["The US cut aid.", "Pakistan objected, loudly!"]);
  });
});

describe("moveCaret", () => {
  it("steps forward to the end of the next word, over punctuation", () => {
    expect(moveCaret(SOURCE, BLOCKS, at("The"), "word", "forward")).toBe(after("The"));
    expect(moveCaret(SOURCE, BLOCKS, after("aid."), "word", "forward")).toBe(after("Pakistan"));
    expect(moveCaret(SOURCE, BLOCKS, after("objected"), "word", "forward")).toBe(after("loudly"));
  });

  it("steps backward to the start of the current or previous word", () => {
    expect(moveCaret(SOURCE, BLOCKS, after("Pakistan") - 2, "word", "backward")).toBe(at("Pakistan"));
    expect(moveCaret(SOURCE, BLOCKS, at("Pakistan"), "word", "backward")).toBe(at("aid."));
  });

  it("crosses the blank line between paragraphs without stopping in it", () => {
    expect(moveCaret(SOURCE, BLOCKS, after("loudly!"), "word", "forward")).toBe(after("Talks"));
    expect(moveCaret(SOURCE, BLOCKS, at("Talks"), "word", "backward")).toBe(at("loudly"));
    expect(moveCaret(SOURCE, BLOCKS, after("Aid Cut"), "sentence", "forward")).toBe(after("cut aid."));
  });

  it("moves by sentence: forward to its end, backward to its start", () => {
    expect(moveCaret(SOURCE, BLOCKS, at("The US"), "sentence", "forward")).toBe(after("cut aid."));
    expect(moveCaret(SOURCE, BLOCKS, after("cut aid."), "sentence", "forward")).toBe(after("loudly!"));
    expect(moveCaret(SOURCE, BLOCKS, after("loudly!"), "sentence", "backward")).toBe(at("Pakistan"));
    expect(moveCaret(SOURCE, BLOCKS, at("Pakistan"), "sentence", "backward")).toBe(at("The US"));
  });

  it("goes to a paragraph's edges with the paragraph unit", () => {
    expect(moveCaret(SOURCE, BLOCKS, at("cut"), "paragraph", "forward")).toBe(after("loudly!"));
    expect(moveCaret(SOURCE, BLOCKS, at("cut"), "paragraph", "backward")).toBe(at("The US"));
  });

  it("stays put at either end of the text", () => {
    expect(moveCaret(SOURCE, BLOCKS, SOURCE.length, "word", "forward")).toBe(SOURCE.length);
    expect(moveCaret(SOURCE, BLOCKS, 0, "sentence", "backward")).toBe(0);
    expect(moveCaret(SOURCE, [], 3, "word", "forward")).toBe(3);
  });

  it("counts in UTF-16 units, so astral characters and CJK text step whole", () => {
    const text = "Emoji 😀 here. 中文句子。第二句。";
    const blocks = splitIntoBlocks(text);
    const word = moveCaret(text, blocks, text.indexOf("here"), "word", "forward");
    expect(text.slice(0, word)).toBe("Emoji 😀 here");
    const sentence = moveCaret(text, blocks, text.indexOf("中"), "sentence", "forward", "zh");
    expect(text.slice(text.indexOf("中"), sentence)).toBe("中文句子。");
  });
});

describe("clampToBlocks and unitAround", () => {
  it("puts a position in the blank line onto the next paragraph", () => {
    expect(clampToBlocks(BLOCKS, after("Aid Cut") + 1)).toBe(at("The US"));
    expect(clampToBlocks(BLOCKS, SOURCE.length + 5)).toBe(SOURCE.length);
  });

  it("finds the sentence around the caret, or the next one between sentences", () => {
    const around = unitAround(SOURCE, BLOCKS, at("objected"), "sentence");
    expect(around && SOURCE.slice(around.start16, around.end16)).toBe("Pakistan objected, loudly!");
    const between = unitAround(SOURCE, BLOCKS, after("cut aid."), "sentence");
    expect(between && SOURCE.slice(between.start16, between.end16)).toBe("Pakistan objected, loudly!");
    const paragraph = unitAround(SOURCE, BLOCKS, at("resume"), "paragraph");
    expect(paragraph && SOURCE.slice(paragraph.start16, paragraph.end16)).toBe("Talks will resume (maybe) soon.");
  });
});
