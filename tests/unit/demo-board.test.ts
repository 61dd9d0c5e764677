import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { sliceCodePoints } from "../../lib/anchoring/text";
import { initBoardDoc, readBoard } from "../../lib/board/doc";
import { makePositions } from "../../lib/board/position";
import { depthOf } from "../../lib/board/tree";
import { DEMO_ARGUMENTS } from "../../prisma/seed/demo-arguments";
import { demoPositionDrafts, fillDemoBoard, loadDemoSource } from "../../prisma/seed/demo-board";

const NOW = Date.UTC(2018, 8, 5, 12, 0, 0);
const source = loadDemoSource();

/** A fresh board doc with the demo positions and the demo arguments, as the seed builds it. */
function demoDoc(): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(doc, { title: source.title, sourceSha256: source.sha256 }, makePositions(demoPositionDrafts()));
  fillDemoBoard(doc, source.text, NOW);
  return doc;
}

function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

describe("demo board data", () => {
  it("cites each quote as an exact, unambiguous passage of the article", () => {
    for (const arg of DEMO_ARGUMENTS) {
      expect(arg.quotes.length, arg.id).toBeGreaterThanOrEqual(1);
      expect(arg.quotes.length, arg.id).toBeLessThanOrEqual(2);
      for (const quote of arg.quotes) {
        expect(quote.exact.length, quote.exact).toBeGreaterThanOrEqual(30);
        expect(quote.exact.length, quote.exact).toBeLessThanOrEqual(250);
        expect(quote.exact, quote.exact).not.toContain("\n");
        const count = occurrences(source.text, quote.exact);
        if (quote.occurrence === undefined) expect(count, quote.exact).toBe(1);
        else expect(count, quote.exact).toBeGreaterThan(quote.occurrence);
      }
    }
  });

  it("has unique ids, short texts and replies listed after their parents", () => {
    const seen = new Set<string>();
    for (const arg of DEMO_ARGUMENTS) {
      expect(seen.has(arg.id), arg.id).toBe(false);
      if (arg.parent.startsWith("demo-")) expect(seen.has(arg.parent), `${arg.id} answers ${arg.parent}`).toBe(true);
      expect(arg.text.length, arg.id).toBeLessThanOrEqual(300);
      seen.add(arg.id);
    }
  });
});

describe("fillDemoBoard", () => {
  it("stores every demo argument, with each quote anchored exactly where it sits in the article", () => {
    const { arguments: args } = readBoard(demoDoc());
    expect(args).toHaveLength(DEMO_ARGUMENTS.length);
    expect(args.map((a) => a.id)).toEqual(DEMO_ARGUMENTS.map((a) => a.id));
    for (const [index, arg] of args.entries()) {
      const demo = DEMO_ARGUMENTS[index];
      expect(arg.quotes.map((q) => q.exact).sort()).toEqual(demo.quotes.map((q) => q.exact).sort());
      expect(arg.authorId).toBe(`demo-${demo.authorName.toLowerCase()}`);
      for (const quote of arg.quotes) expect(sliceCodePoints(source.text, quote.start, quote.end)).toBe(quote.exact);
    }
  });

  it("gives both positions arguments for and against", () => {
    const { positions, arguments: args } = readBoard(demoDoc());
    expect(positions.map((p) => p.id)).toEqual(["pos-us", "pos-pak-military"]);
    for (const position of positions) {
      const topLevel = args.filter((a) => a.parentId === position.id);
      expect(topLevel.some((a) => a.stance === "for"), position.key).toBe(true);
      expect(topLevel.some((a) => a.stance === "against"), position.key).toBe(true);
    }
  });

  it("includes a rebuttal, a supporting reply and a reply two levels deep", () => {
    const { arguments: args } = readBoard(demoDoc());
    const byId = new Map(args.map((a) => [a.id, a]));
    const replies = args.filter((a) => byId.has(a.parentId));
    expect(replies.some((a) => a.stance === "against")).toBe(true);
    expect(replies.some((a) => a.stance === "for")).toBe(true);
    expect(Math.max(...args.map((a) => depthOf(byId, a)))).toBeGreaterThanOrEqual(2);
  });

  it("is deterministic: two fresh docs read back identically", () => {
    expect(readBoard(demoDoc())).toEqual(readBoard(demoDoc()));
  });

  it("refuses a board without the demo positions, and a second fill of the same board", () => {
    const bare = new Y.Doc();
    initBoardDoc(bare, { title: source.title, sourceSha256: source.sha256 }, []);
    expect(() => fillDemoBoard(bare, source.text, NOW)).toThrow(/demo-us-for-1/);
    expect(() => fillDemoBoard(demoDoc(), source.text, NOW)).toThrow(/already on the board/);
  });

  it("names the argument when one of its quotes is missing from the source", () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, { title: source.title, sourceSha256: source.sha256 }, makePositions(demoPositionDrafts()));
    expect(() => fillDemoBoard(doc, source.text.replace("Haqqani", "Haqani"), NOW)).toThrow(/^Demo argument demo-us-for-2: quote .* does not appear/);
  });
});

describe("loadDemoSource", () => {
  it("hashes the article to article.json's sha256", () => {
    const meta = JSON.parse(readFileSync(new URL("../../prisma/seed/article.json", import.meta.url), "utf8"));
    expect(source.sha256).toBe(meta.sha256);
    expect(source.title).toBe(meta.title);
    expect(source.publishedOn).toBe("2018-09-05");
    expect(source.text.length).toBe(meta.characters);
  });
});
