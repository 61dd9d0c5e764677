import { describe, expect, it } from "vitest";
import { quotesOf, type ExportBoard } from "@/lib/export/board-export";
import { toWebAnnotations, type AnnotationCollection, type TextPositionSelector, type TextQuoteSelector, type WebAnnotation } from "@/lib/export/annotations";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";

const OPTIONS = { sourceUrl: "https://example.org/articles/the-source", boardUrl: "https://parley.example/b/demo" };
const XSD_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function parse(board: ExportBoard): AnnotationCollection {
  return JSON.parse(toWebAnnotations(board, OPTIONS)) as AnnotationCollection;
}

function selectors(annotation: WebAnnotation): { quote: TextQuoteSelector; position: TextPositionSelector } {
  const [quote, position] = annotation.target.selector;
  return { quote, position };
}

/**
 * Applies a TextPositionSelector the way the model defines it, independently of lib/anchoring:
 * code points, `end` exclusive.
 */
function applyPosition(source: string, selector: TextPositionSelector): string {
  return [...source].slice(selector.start, selector.end).join("");
}

/** Applies a TextQuoteSelector: find prefix+exact+suffix, return the code-point offsets of `exact`. */
function applyQuote(source: string, selector: TextQuoteSelector): { start: number; end: number } | null {
  const at = source.indexOf(selector.prefix + selector.exact + selector.suffix);
  if (at < 0) return null;
  const start = [...source.slice(0, at + selector.prefix.length)].length;
  return { start, end: start + [...selector.exact].length };
}

describe.each([
  ["demo", demoExportBoard],
  ["hostile", hostileExportBoard],
])("Web Annotation export of the %s board", (_name, make) => {
  const board = make();
  const collection = parse(board);
  const items = collection.first!.items;
  const quotes = quotesOf(board);

  it("is an AnnotationCollection carrying the anno.jsonld context, with one embedded page", () => {
    expect(collection["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(collection).toMatchObject({ id: `${OPTIONS.boardUrl}#annotations`, type: "AnnotationCollection", label: board.board.title });
    expect(collection.first).toMatchObject({ type: "AnnotationPage", startIndex: 0 });
    expect(collection.last).toBe(collection.first!.id);
  });

  it("has one annotation per quote, and says so in `total`", () => {
    expect(items).toHaveLength(quotes.length);
    expect(collection.total).toBe(quotes.length);
    expect(items.map((a) => a.id)).toEqual(quotes.map((q) => `${OPTIONS.boardUrl}#quote-${q.id}`));
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
  });

  it("gives every annotation the model's required keys, inheriting @context from the collection", () => {
    for (const annotation of items) {
      expect(annotation.type).toBe("Annotation");
      expect(annotation).not.toHaveProperty("@context");
      expect(annotation.motivation).toBe("commenting");
      expect(annotation.target.source).toBe(OPTIONS.sourceUrl);
      expect(annotation.body.length).toBeGreaterThan(0);
      expect(annotation.created).toMatch(XSD_UTC);
      expect(annotation.modified).toMatch(XSD_UTC);
      expect(annotation.target.selector.map((s) => s.type)).toEqual(["TextQuoteSelector", "TextPositionSelector"]);
    }
  });

  it("says who wrote the argument, what it says, links to it, and tags it with position and stance", () => {
    const args = new Map(board.arguments.map((a) => [a.id, a]));
    quotes.forEach((quote, i) => {
      const arg = args.get(quote.argumentId)!;
      const position = board.positions.find((p) => p.id === arg.positionId)!;
      const annotation = items[i];
      expect(annotation.creator).toEqual({ type: "Person", name: arg.authorName });
      expect(annotation.created).toBe(new Date(arg.createdAt).toISOString().replace(/\.\d{3}Z$/, "Z"));
      expect(annotation.body).toEqual([
        { type: "TextualBody", value: arg.text, format: "text/plain", purpose: "commenting" },
        { type: "SpecificResource", source: `${OPTIONS.boardUrl}#argument-${arg.id}`, purpose: "linking" },
        { type: "TextualBody", value: position.label, format: "text/plain", purpose: "tagging" },
        { type: "TextualBody", value: arg.stance, format: "text/plain", purpose: "tagging" },
      ]);
    });
  });

  it("re-anchors every annotation on the source: the position selector by code points, the quote selector to the same offsets", () => {
    const source = board.source.text;
    for (const annotation of items) {
      const { quote, position } = selectors(annotation);
      expect(applyPosition(source, position), annotation.id).toBe(quote.exact);
      expect(applyQuote(source, quote), annotation.id).toEqual({ start: position.start, end: position.end });
    }
  });

  it("keeps hostile text character for character through a JSON round trip", () => {
    expect(collection.label).toBe(board.board.title);
    const args = new Map(board.arguments.map((a) => [a.id, a]));
    quotes.forEach((quote, i) => {
      const { quote: selector } = selectors(items[i]);
      expect(selector).toEqual({ type: "TextQuoteSelector", exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix });
      expect(items[i].body[0]).toMatchObject({ value: args.get(quote.argumentId)!.text });
      expect(items[i].creator.name).toBe(args.get(quote.argumentId)!.authorName);
    });
  });
});

describe("Web Annotation offsets on astral text", () => {
  it("counts code points, not UTF-16 units, after the skin-toned emoji", () => {
    const board = hostileExportBoard();
    const source = board.source.text;
    const emoji = parse(board).first!.items.find((a) => selectors(a).quote.exact.startsWith("👍🏽"))!;
    const { quote, position } = selectors(emoji);
    // The quote starts on the emoji, so its end is where code points and UTF-16 units part ways.
    expect(position.end - position.start).toBe([...quote.exact].length);
    expect(position.end - position.start).not.toBe(quote.exact.length);
    expect([...source].slice(position.start, position.end).join("")).toBe(quote.exact);
    // A quote after the emoji is shifted too: its position differs from its UTF-16 index.
    const later = parse(board).first!.items.find((a) => selectors(a).quote.exact.startsWith("> quoted"))!;
    expect(source.indexOf(selectors(later).quote.exact)).toBe(selectors(later).position.start + 2);
  });
});

describe("Web Annotation export of a board without quotes", () => {
  it("is an empty collection with no page, since a page must hold at least one annotation", () => {
    const board = hostileExportBoard();
    board.arguments = board.arguments.map((a) => ({ ...a, quotes: [] }));
    const collection = parse(board);
    expect(collection.total).toBe(0);
    expect(collection).not.toHaveProperty("first");
    expect(collection).not.toHaveProperty("last");
  });
});
