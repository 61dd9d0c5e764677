import { describe, expect, it } from "vitest";
import { createAnchor } from "@/lib/anchoring/anchor";
import { sliceCodePoints } from "@/lib/anchoring/text";
import { splitSentences } from "@/lib/evidence/sentences";
import { evidenceIndexFor, suggestEvidence } from "@/lib/evidence/suggest";
import { ARTICLE } from "./support/board-fixture";

describe("splitSentences", () => {
  it("gives code-point ranges whose text is the source's own", () => {
    const source = "Emoji 🇵🇰 first. Then a \u201cquoted\u201d one! And U.S. aid, Mr. Khan said?\n\nA heading\n\nLast one.";
    const sentences = splitSentences(source);
    expect(sentences.map((s) => s.text)).toEqual(["Emoji 🇵🇰 first.", "Then a \u201cquoted\u201d one!", "And U.S. aid, Mr. Khan said?", "A heading", "Last one."]);
    for (const s of sentences) expect(sliceCodePoints(source, s.start, s.end)).toBe(s.text);
  });

  it("splits the seed article into its sentences without running paragraphs together", () => {
    const sentences = splitSentences(ARTICLE);
    expect(sentences.length).toBeGreaterThan(50);
    expect(sentences.some((s) => s.text.startsWith("On Sunday, the Trump administration canceled a $300 million aid package"))).toBe(true);
    for (const s of sentences) expect(s.text).not.toContain("\n\n");
  });
});

describe("suggestEvidence", () => {
  it("offers the sentences about the $300 million for an argument about the aid cut", () => {
    const suggestions = suggestEvidence(ARTICLE, "aid cut");
    expect(suggestions.length).toBeGreaterThanOrEqual(3);
    expect(suggestions.length).toBeLessThanOrEqual(5);
    expect(suggestions.slice(0, 3).some((s) => s.text.includes("$300 million aid package"))).toBe(true);
    expect(suggestions.some((s) => s.text.includes("suspending aid payments"))).toBe(true);
  });

  it("puts Haqqani's 'reliable ally' sentence first for an argument saying so", () => {
    const [best] = suggestEvidence(ARTICLE, "Pakistan is not a reliable ally against terrorism");
    expect(best.text).toMatch(/cannot consider Pakistan a reliable ally, he said\.$/);
  });

  it("matches the word still being typed, and forgives a typo in a long word", () => {
    expect(suggestEvidence(ARTICLE, "the Chin").some((s) => s.text.includes("close ties to China"))).toBe(true);
    expect(suggestEvidence(ARTICLE, "ambassdor Haqqani")[0].text).toContain("ambassador");
  });

  it("suggests nothing for stop words alone or an empty draft", () => {
    expect(suggestEvidence(ARTICLE, "the of and it is")).toEqual([]);
    expect(suggestEvidence(ARTICLE, "   ")).toEqual([]);
  });

  it("returns ranges that anchor to exactly the suggested sentence, best first", () => {
    const suggestions = suggestEvidence(ARTICLE, "military aid to Pakistan");
    for (const s of suggestions) {
      const anchored = createAnchor(ARTICLE, s.start, s.end);
      expect(anchored.ok && anchored.anchor.exact).toBe(s.text);
    }
    const scores = suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("skips sentences the argument quotes already", () => {
    const first = suggestEvidence(ARTICLE, "aid cut")[0];
    const again = suggestEvidence(ARTICLE, "aid cut", { quoted: [{ start: first.start + 3, end: first.start + 10 }] });
    expect(again.map((s) => s.start)).not.toContain(first.start);
  });

  it("builds the index once per source text", () => {
    expect(evidenceIndexFor(ARTICLE)).toBe(evidenceIndexFor(ARTICLE));
    const other = evidenceIndexFor("Some other source. It is short.");
    expect(other.sentences).toHaveLength(2);
    expect(evidenceIndexFor(ARTICLE)).not.toBe(other);
  });

  it("survives a pasted blob far over an argument's length: no suggestion, no crash (fuzzy matching of a 100,000-character word asked for 10 GB)", () => {
    expect(suggestEvidence(ARTICLE, "x".repeat(100_000))).toEqual([]);
    // Only the first 2,000 characters count, as no argument holds more.
    expect(suggestEvidence(ARTICLE, `military aid ${"y".repeat(100_000)}`).length).toBeGreaterThan(0);
    expect(suggestEvidence(ARTICLE, `${"y ".repeat(1_000)} military aid`)).toEqual([]);
  });

  it("answers a query on the seed article quickly once the index is built", () => {
    evidenceIndexFor(ARTICLE);
    const started = performance.now();
    for (let i = 0; i < 20; i++) suggestEvidence(ARTICLE, `The US should not cut military aid to Pakistan ${i}`);
    // Generous: a debounced query must not stall typing even on a slow shared machine.
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });
});
