import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Argument } from "@/lib/board/argument";
import { LIMITS } from "@/lib/board/constants";
import { argumentsMap, readArgument, readArguments } from "@/lib/board/doc";
import { addArgument, updateArgument, type NewArgument } from "@/lib/board/operations";
import type { ModelResult } from "@/lib/board/validate";
import { ALICE, ARTICLE, PAK_MILITARY, US, anchorFor, makeBoardDoc } from "./support/board-fixture";

const NBSP_QUOTE = "his administration\u00a0was suspending aid";

function draft(overrides: Partial<NewArgument> = {}): NewArgument {
  return { parentId: US, stance: "for", text: "Aid cuts are leverage.", quotes: [], author: ALICE, ...overrides };
}

function value<T>(result: ModelResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Adds a chain of replies under `parentId`, each answering the previous one; returns the ids top-down. */
function addChain(doc: Y.Doc, parentId: string, length: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < length; i++) {
    const stance = i % 2 === 0 ? "for" : "against";
    ids.push(value(addArgument(doc, ARTICLE, draft({ parentId: ids.at(-1) ?? parentId, stance, text: `Reply ${i}` }), { id: `chain-${i}`, now: i })).id);
  }
  return ids;
}

describe("addArgument", () => {
  it("adds a top-level argument under a position and stores exactly what it returns", () => {
    const doc = makeBoardDoc();
    const arg = value(addArgument(doc, ARTICLE, draft({ text: "  Aid cuts are leverage.  ", author: { id: "u1", name: " Alice " } }), { id: "a1", now: 1000 }));
    expect(arg).toEqual<Argument>({
      id: "a1",
      positionId: US,
      parentId: US,
      stance: "for",
      text: "Aid cuts are leverage.",
      quotes: [],
      authorId: "u1",
      authorName: "Alice",
      createdAt: 1000,
      updatedAt: 1000,
    });
    expect(readArgument(doc, "a1")).toEqual(arg);
    expect(argumentsMap(doc).get("a1")).toBeInstanceOf(Y.Map);
  });

  it("generates a short random id when none is given", () => {
    const doc = makeBoardDoc();
    const first = value(addArgument(doc, ARTICLE, draft()));
    const second = value(addArgument(doc, ARTICLE, draft()));
    expect(first.id).toMatch(/^arg-[0-9a-f]{16}$/);
    expect(second.id).not.toBe(first.id);
  });

  it("refuses an id that is already taken", () => {
    const doc = makeBoardDoc();
    value(addArgument(doc, ARTICLE, draft(), { id: "same" }));
    expect(addArgument(doc, ARTICLE, draft({ text: "Another" }), { id: "same" })).toMatchObject({ ok: false, error: { code: "invalid-argument" } });
    expect(readArgument(doc, "same")?.text).toBe("Aid cuts are leverage.");
  });

  it("nests a rebuttal three and more levels deep, inheriting the position from its parent", () => {
    const doc = makeBoardDoc();
    const [, , third] = addChain(doc, PAK_MILITARY, 3);
    const rebuttal = value(addArgument(doc, ARTICLE, draft({ parentId: third, stance: "against", text: "That misreads the army." }), { id: "deep" }));
    expect(rebuttal).toMatchObject({ parentId: "chain-2", positionId: PAK_MILITARY, stance: "against" });
    expect(readArguments(doc).map((a) => a.id)).toContain("deep");
  });

  it(`allows replies ${LIMITS.maxDepth} levels below a top-level argument but not one more`, () => {
    const doc = makeBoardDoc();
    const chain = addChain(doc, US, LIMITS.maxDepth + 1);
    const result = addArgument(doc, ARTICLE, draft({ parentId: chain.at(-1)! }));
    expect(result).toMatchObject({ ok: false, error: { code: "too-deep" } });
  });

  it("rejects empty or blank text and writes nothing", () => {
    const doc = makeBoardDoc();
    for (const text of ["", "   \n\t"]) {
      expect(addArgument(doc, ARTICLE, draft({ text }))).toMatchObject({ ok: false, error: { code: "invalid-argument", message: "An argument needs some text." } });
    }
    expect(argumentsMap(doc).size).toBe(0);
  });

  it("rejects 100 KB of text with a message that states the limit", () => {
    const doc = makeBoardDoc();
    const result = addArgument(doc, ARTICLE, draft({ text: "x".repeat(100_000) }));
    expect(result).toMatchObject({ ok: false, error: { code: "invalid-argument", message: `An argument can be at most ${LIMITS.argumentMaxChars} characters.`, path: ["text"] } });
    expect(argumentsMap(doc).size).toBe(0);
  });

  it("rejects a quote that is not in the source, pointing at the quote", () => {
    const doc = makeBoardDoc();
    const quote = { exact: "Pakistan invaded Canada", prefix: "", suffix: "", start: 0, end: 23 };
    const result = addArgument(doc, ARTICLE, draft({ quotes: [anchorFor(ARTICLE, "vis-à-vis"), quote] }));
    expect(result).toMatchObject({ ok: false, error: { code: "quote-not-found", path: ["quotes", 1] } });
    expect(result.ok || result.error.message).toMatch(/^Quote 2: /);
    expect(argumentsMap(doc).size).toBe(0);
  });

  it("rejects an ambiguous quote", () => {
    const doc = makeBoardDoc();
    const quote = { exact: "Islamabad", prefix: "", suffix: "", start: 0, end: 9 };
    expect(addArgument(doc, ARTICLE, draft({ quotes: [quote] }))).toMatchObject({ ok: false, error: { code: "quote-ambiguous" } });
  });

  it("re-anchors a stale quote and stores the source's no-break space", () => {
    const doc = makeBoardDoc();
    const typed = { exact: NBSP_QUOTE.replace("\u00a0", " "), prefix: "", suffix: "", start: 3, end: 3 + NBSP_QUOTE.length };
    const arg = value(addArgument(doc, ARTICLE, draft({ quotes: [typed] }), { id: "q" }));
    expect(arg.quotes).toEqual([anchorFor(ARTICLE, NBSP_QUOTE)]);
    expect(readArgument(doc, "q")?.quotes[0].exact).toBe(NBSP_QUOTE);
  });

  it("stores quotes in source order without duplicates", () => {
    const doc = makeBoardDoc();
    const late = anchorFor(ARTICLE, "vis-à-vis");
    const early = anchorFor(ARTICLE, "Imran Khan");
    const arg = value(addArgument(doc, ARTICLE, draft({ quotes: [late, early, late] })));
    expect(arg.quotes).toEqual([early, late]);
  });

  it(`rejects more than ${LIMITS.quotesPerArgument} quotes`, () => {
    const doc = makeBoardDoc();
    const quotes = ["Pompeo", "Imran Khan", "vis-à-vis", "aid package", "Qureshi", "Bajwa", "Dunford"].map((q) => anchorFor(ARTICLE, q));
    expect(addArgument(doc, ARTICLE, draft({ quotes }))).toMatchObject({ ok: false, error: { code: "invalid-argument", path: ["quotes"] } });
  });

  it("rejects an unknown parent", () => {
    const doc = makeBoardDoc();
    expect(addArgument(doc, ARTICLE, draft({ parentId: "arg-nope" }))).toMatchObject({ ok: false, error: { code: "parent-not-found" } });
    expect(argumentsMap(doc).size).toBe(0);
  });
});

describe("updateArgument", () => {
  function boardWithOne() {
    const doc = makeBoardDoc();
    const original = value(addArgument(doc, ARTICLE, draft({ quotes: [anchorFor(ARTICLE, "Imran Khan")] }), { id: "a1", now: 100 }));
    return { doc, original };
  }

  it("changes text, stance and quotes and keeps the immutable fields", () => {
    const { doc, original } = boardWithOne();
    const quote = anchorFor(ARTICLE, "vis-à-vis");
    const updated = value(updateArgument(doc, ARTICLE, "a1", { text: " Sanctions, not talks. ", stance: "against", quotes: [quote] }, 200));
    expect(updated).toEqual({ ...original, text: "Sanctions, not talks.", stance: "against", quotes: [quote], updatedAt: 200 });
    expect(readArgument(doc, "a1")).toEqual(updated);
  });

  it("leaves unmentioned fields as they were", () => {
    const { doc, original } = boardWithOne();
    const updated = value(updateArgument(doc, ARTICLE, "a1", { stance: "against" }, 150));
    expect(updated).toEqual({ ...original, stance: "against", updatedAt: 150 });
  });

  it("writes only the fields that differ", () => {
    const { doc } = boardWithOne();
    const touched: string[] = [];
    (argumentsMap(doc).get("a1") as Y.Map<unknown>).observe((event) => touched.push(...event.keysChanged));
    value(updateArgument(doc, ARTICLE, "a1", { text: "Aid cuts are leverage.", stance: "against" }, 300));
    expect(touched.sort()).toEqual(["stance", "updatedAt"]);
  });

  it("never moves updatedAt backwards", () => {
    const { doc } = boardWithOne();
    expect(value(updateArgument(doc, ARTICLE, "a1", { text: "Older clock" }, 5)).updatedAt).toBe(100);
  });

  it("rejects empty text or a missing quote and leaves the record untouched", () => {
    const { doc, original } = boardWithOne();
    expect(updateArgument(doc, ARTICLE, "a1", { text: "  " }, 200)).toMatchObject({ ok: false, error: { code: "invalid-argument" } });
    const missing = { exact: "not in the article at all", prefix: "", suffix: "", start: 0, end: 25 };
    expect(updateArgument(doc, ARTICLE, "a1", { quotes: [missing] }, 200)).toMatchObject({ ok: false, error: { code: "quote-not-found" } });
    expect(readArgument(doc, "a1")).toEqual(original);
  });

  it("reports an unknown argument", () => {
    const { doc } = boardWithOne();
    expect(updateArgument(doc, ARTICLE, "missing", { text: "x" })).toMatchObject({ ok: false, error: { code: "argument-not-found" } });
  });
});
